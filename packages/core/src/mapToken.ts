import type { Token, TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';

/**
 * Builds a decorator source: same name, each token passed through `transform`. Announcements from the inner source are
 * transformed too; one that fails the transform is dropped (the next `getToken` reports the failure to its caller).
 * Anything `transform` throws that is not a `TokenSourceError` becomes one naming the source, with code `MALFORMED`.
 */
export function mapToken(source: TokenSource, transform: (token: Token) => Token): TokenSource {
  const apply = (token: Token): Token => {
    try {
      return transform(token);
    } catch (err) {
      throw TokenSourceError.wrap(err, source.name, 'could not transform the value', 'MALFORMED');
    }
  };
  const mapped: TokenSource = {
    name: source.name,
    async getToken(options) {
      return apply(await source.getToken(options));
    },
  };
  if (typeof source.subscribe === 'function') {
    const inner = source.subscribe.bind(source);
    return {
      ...mapped,
      subscribe: (listener) =>
        inner((token) => {
          let next: Token;
          try {
            next = apply(token);
          } catch {
            return;
          }
          listener(next);
        }),
    };
  }
  return mapped;
}
