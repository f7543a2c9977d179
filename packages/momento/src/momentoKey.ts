import { type CachedTokenSource, mapToken, type TokenSource } from '@tokenchain/core';
import { isCachedTokenSource } from '@tokenchain/core/source-kit';
import { checkedCache } from './checkedCache.js';
import { checkedToken } from './checkedToken.js';
import { refuseExpired } from './checkKey.js';

export interface MomentoKeyOptions {
  /** The clock for the expiry check, in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Checks every key a source returns as a Momento key, before anything caches or uses it: trimmed, nothing a gRPC header
 * cannot carry, a format the SDK reads, an `exp` claim a Date can hold, not expired, and an `attributes.endpoint` (if any)
 * that is a host name (a leading `https://` is removed). A key that fails is refused with a `TokenSourceError`
 * (`MALFORMED`, `EXPIRED`, `INVALID_CONFIGURATION`) naming the source, so a chain with `fallThrough: 'any-error'` moves
 * past it.
 *
 * The token's `expiresAt` becomes the earlier of its own and the key's `exp` claim, so a cache refreshes before the key runs
 * out and never serves it after. Put it inside the cache. Given a source that is already `cached()` (such as
 * `defaultTokenSource()`), it returns that cache seen through the same checks: still a cached source, serving only keys
 * that pass, and forcing one refresh when the key it holds passes its own `exp`.
 *
 * @example
 * ```ts
 * const source = chain({ fallThrough: 'any-error' }, momentoKey(fromSecretsManager({ secretId: 'Momento_Auth_Token' })), fromEnv());
 * ```
 */
export function momentoKey(source: CachedTokenSource, options?: MomentoKeyOptions): CachedTokenSource;
export function momentoKey(source: TokenSource, options?: MomentoKeyOptions): TokenSource;
export function momentoKey(source: TokenSource, options: MomentoKeyOptions = {}): TokenSource {
  const now = options.now ?? Date.now;
  if (isCachedTokenSource(source)) return checkedCache(source, now);
  return mapToken(source, (token) => {
    const checked = checkedToken(token);
    refuseExpired(checked.token.expiresAt, now(), token.source, checked.kind);
    return checked.token;
  });
}
