/** The SDK's `MomentoErrorCode.AUTHENTICATION_ERROR` (gRPC UNAUTHENTICATED): Momento does not accept the key. */
const AUTHENTICATION_ERROR = 'AUTHENTICATION_ERROR';

/**
 * True for an SDK response or thrown error that says the key was rejected. The SDK returns `CacheGet.Error` and the like by
 * default, and throws an `SdkError` with `throwOnErrors`; both have `errorCode()`.
 */
export function isAuthenticationError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const errorCode = (value as { errorCode?: unknown }).errorCode;
  if (typeof errorCode !== 'function') return false;
  try {
    return errorCode.call(value) === AUTHENTICATION_ERROR;
  } catch {
    return false;
  }
}
