import { withSecret } from './createToken.js';
import { mapToken } from './mapToken.js';
import type { TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$|^[A-Za-z0-9_-]*$/;

/**
 * Decodes a base64 (or base64url) value into UTF-8, for stores that keep the key encoded. Invalid base64, or bytes that are not
 * UTF-8 text, are a `MALFORMED` error naming the source.
 *
 * @example
 * ```ts
 * const source = base64Decoded(fromEnv({ variable: 'MOMENTO_API_KEY_B64' }));
 * ```
 */
export function base64Decoded(source: TokenSource): TokenSource {
  return mapToken(source, (token) => {
    const encoded = token.secret.reveal().replace(/\s+/g, '');
    if (encoded.length % 4 === 1 || !BASE64.test(encoded)) {
      throw new TokenSourceError('the value is not valid base64', { source: token.source, code: 'MALFORMED' });
    }
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64'));
    } catch {
      throw new TokenSourceError('the base64 value does not decode to UTF-8 text', {
        source: token.source,
        code: 'MALFORMED',
      });
    }
    return withSecret(token, decoded);
  });
}
