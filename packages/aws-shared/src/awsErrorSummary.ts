import { hasKeyShaped } from '@tokenchain/core/source-kit';

/** The fields of an AWS SDK error that cannot hold a secret value, under the names the SDK gives them. */
export interface AwsErrorFacts {
  /** The SDK's error name: the modelled exception (`ResourceNotFoundException`), `SyntaxError`, `TimeoutError`... */
  readonly name: string;
  /** `client` or `server`, for a modelled service error. */
  readonly $fault?: 'client' | 'server';
  readonly $metadata: {
    readonly httpStatusCode?: number;
    /** The service's request id (`x-amzn-requestid`), for AWS support and CloudTrail. */
    readonly requestId?: string;
    readonly attempts?: number;
    readonly totalRetryDelay?: number;
  };
  /** A socket error's code (`ECONNRESET`, `ECONNREFUSED`...). */
  readonly code?: string;
}

// What a name, a request id or a socket code looks like. Anything else the server or a proxy sent is dropped unread.
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
const SOCKET_CODE = /^E[A-Z0-9_]{1,31}$/;

/**
 * What tokenchain keeps of a foreign error as `cause`: a new `Error` holding only the facts above. The SDK copies every
 * field of an error response's body onto its exception (`SecretString`, `Parameter`, `Plaintext`...), keeps the raw
 * response on `$response`, and its message may quote the body; pino and Sentry serialize a `cause` to full depth, so none
 * of that is kept. Its message is made from the facts, never taken from the original.
 *
 * @example
 * ```ts
 * const cause = awsErrorSummary(sdkError);
 * `${cause.name}: ${cause.message}`; // 'ResourceNotFoundException: HTTP 400, client fault, request 5f1c..., 1 attempt'
 * ```
 */
export function awsErrorSummary(err: unknown): Error & AwsErrorFacts {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  const metadata = (typeof e.$metadata === 'object' && e.$metadata !== null ? e.$metadata : {}) as Record<
    string,
    unknown
  >;
  const name =
    safe(typeof e.name === 'string' ? e.name : undefined, NAME) ?? (err instanceof Error ? 'Error' : typeof err);
  const fault: AwsErrorFacts['$fault'] = e.$fault === 'client' || e.$fault === 'server' ? e.$fault : undefined;
  const code = safe(e.code, SOCKET_CODE);
  const facts = {
    ...count('httpStatusCode', metadata.httpStatusCode),
    ...(safe(metadata.requestId, REQUEST_ID) !== undefined && { requestId: metadata.requestId as string }),
    ...count('attempts', metadata.attempts),
    ...count('totalRetryDelay', metadata.totalRetryDelay),
  };
  const words = [
    facts.httpStatusCode !== undefined && `HTTP ${facts.httpStatusCode}`,
    fault !== undefined && `${fault} fault`,
    code !== undefined && code,
    facts.requestId !== undefined && `request ${facts.requestId}`,
    facts.attempts !== undefined && `${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'}`,
  ].filter((w): w is string => typeof w === 'string');
  const message = words.length > 0 ? words.join(', ') : 'no details kept';
  const summary = Object.assign(new Error(message), {
    name,
    $metadata: facts,
    ...(fault !== undefined && { $fault: fault }),
    ...(code !== undefined && { code }),
  });
  // The frames would be tokenchain's, not where the SDK failed; the summary says all there is to say.
  summary.stack = `${name}: ${message}`;
  return summary;
}

function safe(value: unknown, shape: RegExp): string | undefined {
  return typeof value === 'string' && shape.test(value) && !hasKeyShaped(value) ? value : undefined;
}

function count<K extends string>(key: K, value: unknown): { [P in K]?: number } {
  return (Number.isInteger(value) && (value as number) >= 0 ? { [key]: value } : {}) as { [P in K]?: number };
}
