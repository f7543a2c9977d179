import {
  abortedError,
  TokenAbortedError,
  type TokenErrorCode,
  TokenNotFoundError,
  TokenSourceError,
} from '@tokenchain/core';

/** What was being done when an AWS call failed, for the error's message and code. */
export interface AwsErrorContext {
  /** The source's name (`TokenSource.name`). */
  readonly source: string;
  /** The service as people call it: `Secrets Manager`. */
  readonly service: string;
  /** What was being read, for the message: `secret momento`. */
  readonly what: string;
  /** The signal the call ran under; when it has fired, the error is ABORTED or TIMEOUT whatever the SDK threw. */
  readonly signal?: AbortSignal | undefined;
  /** AWS error names meaning "not there" (TokenNotFoundError). */
  readonly notFound?: readonly string[];
  /** Service-specific AWS error names and their codes, checked before the common ones. */
  readonly codes?: Readonly<Record<string, TokenErrorCode>>;
}

const COMMON_CODES: Readonly<Record<string, TokenErrorCode>> = {
  ThrottlingException: 'THROTTLED',
  Throttling: 'THROTTLED',
  TooManyRequestsException: 'THROTTLED',
  RequestLimitExceeded: 'THROTTLED',
  LimitExceededException: 'THROTTLED',
  RequestThrottledException: 'THROTTLED',
  AccessDeniedException: 'ACCESS_DENIED',
  AccessDenied: 'ACCESS_DENIED',
  UnrecognizedClientException: 'ACCESS_DENIED',
  InvalidSignatureException: 'ACCESS_DENIED',
  SignatureDoesNotMatch: 'ACCESS_DENIED',
  IncompleteSignature: 'ACCESS_DENIED',
  MissingAuthenticationTokenException: 'ACCESS_DENIED',
  InvalidClientTokenId: 'ACCESS_DENIED',
  ExpiredTokenException: 'ACCESS_DENIED',
  CredentialsProviderError: 'ACCESS_DENIED',
  ValidationException: 'INVALID_CONFIGURATION',
  InvalidParameterException: 'INVALID_CONFIGURATION',
  InvalidRequestException: 'INVALID_CONFIGURATION',
  TimeoutError: 'TIMEOUT',
  SyntaxError: 'MALFORMED',
};

// Connection-level failures: the service could not be reached or dropped the connection.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

interface AwsLikeError {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly syscall?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

/**
 * Turns whatever an AWS SDK call threw into a `TokenSourceError` naming the source. The SDK error is kept as `cause` only
 * when its message cannot quote the response body: modelled service errors and socket errors. A body that failed to parse
 * may hold the secret, so such errors are reported by name alone.
 */
export function awsErrorToTokenError(err: unknown, context: AwsErrorContext): TokenSourceError {
  if (TokenSourceError.is(err)) return err;
  const { source, service, what, signal } = context;
  if (signal?.aborted) return abortedError(source, signal, `reading ${what}`);
  const e = (typeof err === 'object' && err !== null ? err : {}) as AwsLikeError;
  const name = typeof e.name === 'string' ? e.name : typeof err;
  const modelled = typeof e.$fault === 'string';
  const network = typeof e.code === 'string' && NETWORK_CODES.has(e.code);
  const cause = modelled || network || name === 'TimeoutError' ? err : undefined;
  const attempts = e.$metadata?.attempts ?? 1;
  const detail = [
    network ? `${name} ${String(e.code)}` : name,
    modelled && typeof e.message === 'string' && e.message.length > 0 ? `: ${e.message}` : '',
    attempts > 1 ? `, after ${attempts} attempts` : '',
  ].join('');

  if (context.notFound?.includes(name)) {
    return new TokenNotFoundError(`${what} does not exist (${detail})`, { source, cause });
  }
  const status = e.$metadata?.httpStatusCode ?? 0;
  // The SDK renames ECONNRESET, EPIPE and ETIMEDOUT errors to TimeoutError (to retry them), so the socket code comes first.
  const code: TokenErrorCode = network
    ? 'UNAVAILABLE'
    : (context.codes?.[name] ??
      COMMON_CODES[name] ??
      (e.$fault === 'server' || status >= 500 ? 'UNAVAILABLE' : !modelled && status === 200 ? 'MALFORMED' : 'UNKNOWN'));

  if (code === 'TIMEOUT') {
    return new TokenAbortedError(`reading ${what} from ${service} timed out (${detail})`, { source, code, cause });
  }
  return new TokenSourceError(`${describe(code, service, what)} (${detail})`, { source, code, cause });
}

function describe(code: TokenErrorCode, service: string, what: string): string {
  switch (code) {
    case 'ACCESS_DENIED':
      return `${service} denied access to ${what}`;
    case 'DECRYPTION_FAILED':
      return `${service} could not decrypt ${what}`;
    case 'THROTTLED':
      return `${service} throttled reading ${what}`;
    case 'UNAVAILABLE':
      return `${service} was unavailable reading ${what}`;
    case 'MALFORMED':
      return `${service} sent an unreadable response for ${what}`;
    case 'INVALID_CONFIGURATION':
      return `${service} refused the request for ${what}`;
    default:
      return `reading ${what} from ${service} failed`;
  }
}
