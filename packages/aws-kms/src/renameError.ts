import { TokenAbortedError, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';

/**
 * The inner source's error, re-issued under the decorator's name with the same class and code (the original is the
 * `cause`). A TokenNotFoundError stays a TokenNotFoundError, so a chain still moves on.
 */
export function renameError(err: unknown, source: string, inner: string): TokenSourceError {
  if (!TokenSourceError.is(err)) return TokenSourceError.wrap(err, source, `${inner} failed`);
  // Read before the checks below: the error classes share one shape, so narrowing would leave `never` behind.
  const { code, message } = err;
  if (TokenNotFoundError.is(err)) return new TokenNotFoundError(message, { source, cause: err });
  if (TokenAbortedError.is(err)) {
    return new TokenAbortedError(message, { source, code: code === 'TIMEOUT' ? 'TIMEOUT' : 'ABORTED', cause: err });
  }
  return new TokenSourceError(message, { source, code, cause: err });
}
