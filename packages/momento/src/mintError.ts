import { type TokenErrorCode, TokenSourceError } from '@tokenchain/core';

/** What the token service's answer means for the key that asked, by the SDK's `MomentoErrorCode`. */
const MEANINGS: Readonly<Record<string, { readonly code: TokenErrorCode; readonly why: string }>> = {
  AUTHENTICATION_ERROR: {
    code: 'REJECTED',
    why: 'Momento rejected the long-lived key (revoked, expired or not a Momento key), and a fresh read of the source brought no other',
  },
  PERMISSION_ERROR: {
    code: 'ACCESS_DENIED',
    why: 'the long-lived key may not mint disposable tokens (a disposable token or a key scoped to data cannot; use an API key with super-user or all-data permissions)',
  },
  INVALID_ARGUMENT_ERROR: { code: 'INVALID_CONFIGURATION', why: 'the token service refused the scope or validity' },
  BAD_REQUEST_ERROR: { code: 'INVALID_CONFIGURATION', why: 'the token service refused the request' },
  LIMIT_EXCEEDED_ERROR: { code: 'THROTTLED', why: 'the token service is throttling this account' },
  TIMEOUT_ERROR: { code: 'TIMEOUT', why: 'the token service did not answer in time' },
  SERVER_UNAVAILABLE: { code: 'UNAVAILABLE', why: 'the token service is unavailable' },
  CONNECTION_ERROR: { code: 'UNAVAILABLE', why: 'the token service could not be reached' },
  INTERNAL_SERVER_ERROR: { code: 'UNAVAILABLE', why: 'the token service failed' },
  CANCELLED_ERROR: { code: 'UNAVAILABLE', why: 'the call to the token service was cancelled' },
};

/**
 * The `TokenSourceError` for a `GenerateDisposableToken.Error`, naming `source` and the long-lived key by fingerprint. The
 * SDK's message is not quoted (it carries the service's own words, which this package does not control); the SDK error stays
 * on `cause`, hidden from `util.inspect` as every foreign cause is.
 */
export function mintError(
  errorCode: string,
  sdkError: unknown,
  source: string,
  keyFingerprint: string,
): TokenSourceError {
  const meaning = MEANINGS[errorCode] ?? { code: 'UNKNOWN' as const, why: 'the token service answered with an error' };
  return TokenSourceError.wrap(
    sdkError,
    source,
    `could not mint a disposable token with key ${keyFingerprint}: ${meaning.why} [${errorCode}]`,
    meaning.code,
  );
}
