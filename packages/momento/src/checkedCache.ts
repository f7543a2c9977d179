import { type CachedTokenSource, type Token, type TokenListener, TokenSourceError } from '@tokenchain/core';
import { type CheckedToken, checkedToken } from './checkedToken.js';
import { refuseExpired } from './checkKey.js';

/** Every view made here, so that a view is never wrapped in another. */
const views = new WeakSet<CachedTokenSource>();

/**
 * A cache that was filled without the Momento checks (`defaultTokenSource()`, or any `cached()` given to a client), seen
 * through them: still the same cache (`isCachedTokenSource` holds, `invalidate` and `close` are its own), but every key it
 * serves is checked ({@link checkedToken}), once per cached token, and gets its own `exp` as `expiresAt`.
 *
 * The cache does not know that expiry, so it would go on serving the key. A key past it is treated as a rejected one: one
 * forced refresh (`rejectedFingerprint` set, so the cache's coalescing and backoff apply), and `EXPIRED` if the store still
 * has nothing newer. `peek()` and announcements skip a key that fails.
 */
export function checkedCache(inner: CachedTokenSource, now: () => number): CachedTokenSource {
  // A client given momentoKey(defaultTokenSource()) would otherwise check every key twice.
  if (views.has(inner)) return inner;
  // Keyed by the cache's own token objects, which it hands out unchanged until the key changes: a hit costs a lookup.
  const seen = new WeakMap<Token, CheckedToken | TokenSourceError>();
  const check = (token: Token): CheckedToken => {
    let result = seen.get(token);
    if (result === undefined) {
      try {
        result = checkedToken(token);
      } catch (err) {
        result = TokenSourceError.wrap(err, token.source, 'returned a key that is not a Momento key', 'MALFORMED');
      }
      seen.set(token, result);
    }
    if (result instanceof Error) throw result;
    return result;
  };
  const isExpired = (token: Token) => token.expiresAt !== undefined && token.expiresAt.getTime() <= now();
  const usable = (token: Token): Token | undefined => {
    try {
      const checked = check(token).token;
      return isExpired(checked) ? undefined : checked;
    } catch {
      return undefined;
    }
  };

  // The cache itself, as prototype: its name, brand (so isCachedTokenSource holds), invalidate() and close() are inherited.
  const view = Object.create(inner) as CachedTokenSource;
  Object.defineProperties(view, {
    getToken: {
      value: async (options: Parameters<CachedTokenSource['getToken']>[0] = {}) => {
        const served = check(await inner.getToken(options));
        if (!isExpired(served.token)) return served.token;
        const expired = served.token;
        const fresh = options.forceRefresh
          ? served
          : check(
              await inner.getToken({ ...options, forceRefresh: true, rejectedFingerprint: expired.secret.fingerprint }),
            );
        refuseExpired(fresh.token.expiresAt, now(), fresh.token.source, fresh.kind);
        return fresh.token;
      },
    },
    peek: {
      value: () => {
        const token = inner.peek();
        return token === undefined ? undefined : usable(token);
      },
    },
    subscribe: {
      value: (listener: TokenListener) =>
        inner.subscribe((token) => {
          const checked = usable(token);
          if (checked !== undefined) listener(checked);
        }),
    },
  });
  views.add(view);
  return view;
}
