import type { SchemeOption } from '@tokenchain/core/config';
import { DEFAULT_AWS_TIMEOUT_MS } from './awsCall.js';
import { DEFAULT_MAX_ATTEMPTS } from './lazyClient.js';

/** How one AWS scheme words the options every AWS scheme offers. */
export interface AwsSchemeWording {
  /** The description of `region`, e.g. "the secret's region (default: the SDK's, or the ARN's)". */
  readonly region: string;
  /** The service, as the `endpoint` option names it: `the <service> endpoint URL`. */
  readonly service: string;
  /** What one call does, as `timeoutMs` and `maxAttempts` count it: `read` or `decrypt`. */
  readonly call: string;
}

/**
 * A scheme's `options`: `region` and `endpoint`, then the scheme's own, then `timeoutMs` and `maxAttempts`, which
 * {@link awsSchemeSettings} reads back, with the defaults every AWS adapter shares. One list, so that the AWS schemes offer
 * and describe these alike.
 *
 * @example
 * ```ts
 * options: awsSchemeOptions(
 *   { region: "the parameter's region", service: 'SSM', call: 'read' },
 *   { field: { type: 'string', description: 'read the key from this field of a JSON value' } },
 * ),
 * ```
 */
export function awsSchemeOptions<Own extends Readonly<Record<string, SchemeOption>>>(
  wording: AwsSchemeWording,
  own: Own,
): {
  // Written out rather than named, so that a scheme's declared type stays readable without this package.
  readonly region: { readonly type: 'string'; readonly description: string };
  readonly endpoint: { readonly type: 'string'; readonly description: string };
  readonly timeoutMs: { readonly type: 'number'; readonly description: string };
  readonly maxAttempts: { readonly type: 'number'; readonly description: string };
} & Own {
  return {
    region: { type: 'string', description: wording.region },
    endpoint: { type: 'string', description: `the ${wording.service} endpoint URL (default: the SDK’s)` },
    ...own,
    timeoutMs: {
      type: 'number',
      description: `deadline of each ${wording.call}, retries included (default ${DEFAULT_AWS_TIMEOUT_MS})`,
    },
    maxAttempts: { type: 'number', description: `attempts per ${wording.call} (default ${DEFAULT_MAX_ATTEMPTS})` },
  };
}
