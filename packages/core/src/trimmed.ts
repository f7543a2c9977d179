import { withSecret } from './createToken.js';
import { mapToken } from './mapToken.js';
import type { TokenSource } from './TokenSource.js';

/**
 * Removes surrounding whitespace from the key and refuses a blank one (`MALFORMED`). Sources built with `createToken` already
 * do this; wrap a hand-written source whose store may add a trailing newline.
 *
 * @example
 * ```ts
 * const source = trimmed(myHandWrittenSource);
 * ```
 */
export function trimmed(source: TokenSource): TokenSource {
  return mapToken(source, (token) => withSecret(token, token.secret.reveal()));
}
