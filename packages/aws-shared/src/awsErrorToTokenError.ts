import { TokenAbortedError, type TokenErrorCode, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { abortedError } from '@tokenchain/core/source-kit';
import type { AwsErrorTable } from './AwsErrorTable.js';
import { awsErrorSummary } from './awsErrorSummary.js';
import { missingAwsSetup } from './missingAwsSetup.js';

/** What was being done when an AWS call failed, for the error's message and code. */
export interface AwsErrorContext extends AwsErrorTable {
  /** The source's name (`TokenSource.name`). */
  readonly source: string;
  /** The service as people call it: `Secrets Manager`. */
  readonly service: string;
  /** What was being read, for the message: `secret momento`. */
  readonly what: string;
  /** The signal the call ran under; when it has fired, the error is ABORTED or TIMEOUT whatever the SDK threw. */
  readonly signal?: AbortSignal | undefined;
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

/**
 * Turns whatever an AWS SDK call threw into a `TokenSourceError` naming the source. Nothing of the SDK error's message or
 * body is kept: the SDK copies an error response's fields (`SecretString`, `Parameter`, `Plaintext`...) onto its exception
 * and a message may echo a value, so the `cause` is an {@link awsErrorSummary} (name, HTTP status, fault, request id,
 * attempts) and the message says what those facts mean.
 *
 * No region or no credentials anywhere ({@link missingAwsSetup}) is `TokenNotFoundError`: the store is out of reach from
 * here, and a chain moves on. A 5xx is `UNAVAILABLE` whatever its body, a proxy's HTML page included.
 *
 * @example
 * ```ts
 * throw awsErrorToTokenError(err, { source, service: 'Secrets Manager', what: `secret ${id}`, notFound: ['ResourceNotFoundException'] });
 * ```
 */
export function awsErrorToTokenError(err: unknown, context: AwsErrorContext): TokenSourceError {
  if (TokenSourceError.is(err)) return err;
  const { source, service, what, signal } = context;
  if (signal?.aborted) return abortedError(source, signal, `reading ${what}`);
  const cause = awsErrorSummary(err);
  const unreachable = missingAwsSetup(err);
  if (unreachable !== undefined) {
    return new TokenNotFoundError(`cannot ask ${service} for ${what} from here: ${unreachable}`, { source, cause });
  }
  const { name } = cause;
  // A modelled service error: the SDK read the service's AWS JSON answer and has a class for it.
  const modelled = cause.$fault !== undefined;
  const network = cause.code !== undefined && NETWORK_CODES.has(cause.code);
  const status = cause.$metadata.httpStatusCode ?? 0;
  const attempts = cause.$metadata.attempts ?? 1;
  const detail = [
    network ? `${name} ${cause.code}` : name,
    // A body the SDK could not read as AWS JSON: a proxy's page, or a response cut short.
    !modelled && status > 0 ? `, HTTP ${status}` : '',
    attempts > 1 ? `, after ${attempts} attempts` : '',
  ].join('');

  if (context.notFound?.includes(name)) {
    return new TokenNotFoundError(`${what} does not exist (${detail})`, { source, cause });
  }
  // The SDK renames ECONNRESET, EPIPE and ETIMEDOUT errors to TimeoutError (to retry them), so the socket code comes first.
  const code: TokenErrorCode = network
    ? 'UNAVAILABLE'
    : (awsErrorCode(name, context) ?? byStatus(name, status, modelled, cause.$fault === 'server'));

  if (code === 'TIMEOUT') {
    return new TokenAbortedError(`reading ${what} from ${service} timed out (${detail})`, { source, code, cause });
  }
  return new TokenSourceError(`${describe(code, service, what)} (${detail})`, { source, code, cause });
}

/**
 * What an AWS error name means: the adapter's table first, then the names every service shares (throttling, access,
 * validation). `undefined` for a name neither knows.
 *
 * @example
 * ```ts
 * awsErrorCode('DecryptionFailure', { codes: { DecryptionFailure: 'DECRYPTION_FAILED' } }); // 'DECRYPTION_FAILED'
 * ```
 */
export function awsErrorCode(name: string, table: AwsErrorTable): TokenErrorCode | undefined {
  return table.codes?.[name] ?? COMMON_CODES[name];
}

/** The code of an error without a name of its own to go by, from its HTTP status. */
function byStatus(name: string, status: number, modelled: boolean, serverFault: boolean): TokenErrorCode {
  // A load balancer's or proxy's 5xx page is an outage like any other 5xx: the SDK has retried it, a cache serves stale.
  if (serverFault || status >= 500) return 'UNAVAILABLE';
  if (modelled) return 'UNKNOWN';
  if (status === 429) return 'THROTTLED';
  if (status === 401 || status === 403) return 'ACCESS_DENIED';
  // A body that is not AWS JSON, with a 2xx or another 4xx status.
  return status > 0 || name === 'SyntaxError' ? 'MALFORMED' : 'UNKNOWN';
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
