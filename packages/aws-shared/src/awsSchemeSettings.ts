import type { TokenObserver } from '@tokenchain/core';
import type { SchemeContext } from '@tokenchain/core/config';

/** The options every AWS scheme offers (`region`, `endpoint`, `timeoutMs`, `maxAttempts`), as adapter options. */
export interface AwsSchemeSettings {
  readonly clientConfig?: { readonly region?: string; readonly endpoint?: string };
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly observer?: TokenObserver;
}

/**
 * Reads the options every AWS scheme shares out of a configuration entry, leaving out those not given, so an adapter's
 * defaults apply (`exactOptionalPropertyTypes` forbids passing `undefined` for them).
 *
 * @example
 * ```ts
 * create: (context) => fromSsmParameter({ parameterName: context.target, ...awsSchemeSettings(context) }),
 * ```
 */
export function awsSchemeSettings(context: SchemeContext): AwsSchemeSettings {
  const region = context.string('region');
  const endpoint = context.string('endpoint');
  const timeoutMs = context.number('timeoutMs');
  const maxAttempts = context.number('maxAttempts');
  return {
    ...((region !== undefined || endpoint !== undefined) && {
      clientConfig: { ...(region !== undefined && { region }), ...(endpoint !== undefined && { endpoint }) },
    }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(maxAttempts !== undefined && { maxAttempts }),
    ...(context.observer !== undefined && { observer: context.observer }),
  };
}
