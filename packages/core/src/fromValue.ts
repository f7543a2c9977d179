import { throwIfAborted } from './abort.js';
import { createToken } from './createToken.js';
import type { Secret } from './Secret.js';
import type { Token, TokenSource } from './TokenSource.js';

/**
 * A source that always returns the given key: for tests, and for keys the caller already holds.
 * An empty or whitespace-only value is refused when the source is built, not on first use.
 *
 * @example
 * ```ts
 * const source = fromValue(myKey, 'config:momento');
 * ```
 */
export function fromValue(
  value: string | Secret,
  name = 'value',
  extra: Omit<Token, 'secret' | 'source'> = {},
): TokenSource {
  const token = createToken({ source: name, value, ...extra });
  return {
    name,
    async getToken(options = {}) {
      throwIfAborted(options.signal, name);
      return token;
    },
  };
}
