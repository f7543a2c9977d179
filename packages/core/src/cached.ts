import { hasBrand } from './brand.js';
import { CACHED_BRAND, CachedSource } from './CachedSource.js';
import type { CachePolicy } from './cachePolicy.js';
import type { TokenEvent, TokenLogger, TokenObserver } from './events.js';
import { resolvePolicy } from './resolvePolicy.js';
import type { Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';

export interface CachedOptions extends Partial<CachePolicy> {
  /** Shown in errors and events. Default `cached(<inner name>)`. */
  readonly name?: string;
  /** The clock, in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
  /** Randomness for jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /**
   * Where the cache reports: `resolved` (every hit and miss), `refreshed`, `rotated`, `refresh-failed`, `stale-served`, and
   * a `warning` when a subscriber throws. The same `{ onEvent, logger }` every source, chain and client takes.
   */
  readonly observer?: TokenObserver;
  /** @deprecated Pass `observer: { onEvent }`, as every other source takes it; `observer` wins where both are given. */
  readonly onEvent?: (event: TokenEvent) => void;
  /** @deprecated Pass `observer: { logger }`, as every other source takes it; `observer` wins where both are given. */
  readonly logger?: TokenLogger;
}

/** A source with a cache in front of it. */
export interface CachedTokenSource extends TokenSource {
  /**
   * Called whenever the cached key changes (a refresh or an announcement brought a different key). A listener that throws
   * is reported as a `warning` event; the others are still told.
   */
  subscribe(listener: TokenListener): Unsubscribe;
  /** Drops the cached key and any error backoff: the next call fetches. */
  invalidate(): void;
  /** The cached token, if one is held and may still be served, without fetching. */
  peek(): Token | undefined;
  /**
   * Ends the cache: aborts every fetch it started (the inner source's `signal` fires), clears every timer, stops any
   * subscription to the inner source. Callers still waiting, and every later call, reject with a `TokenAbortedError`
   * (`ABORTED`). Safe to call more than once.
   */
  close(): void;
  [Symbol.dispose](): void;
}

/** True for a source made by {@link cached} (from any copy of this package). */
export function isCachedTokenSource(source: TokenSource): source is CachedTokenSource {
  return hasBrand(source, CACHED_BRAND);
}

/**
 * Puts a cache in front of any source: fetched once, served from memory, refreshed ahead of expiry in the background,
 * served stale while the store is down (up to `maxStaleMs`), never served past the key's own `expiresAt`.
 *
 * - Concurrent callers share one in-flight fetch: a thousand callers on a cold cache make one upstream call.
 * - `getToken({ forceRefresh: true, rejectedFingerprint })`, what a client asks for after its key was rejected, is coalesced:
 *   if the cache already holds a different key it is returned at once; callers arriving together share one fetch; and when a
 *   forced fetch keeps bringing back the same key, further forced fetches back off (see {@link CachePolicy}).
 * - Failed fetches back off with jitter; during the backoff a call gets the stale key, or the last error without a new fetch.
 * - Announcements from the inner source (a watched file) replace the cached key at once.
 *
 * @example
 * ```ts
 * const source = cached(chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()), {
 *   ttlMs: 30 * 60_000,
 *   observer: { logger: console },
 * });
 * const token = await source.getToken(); // fetched once; later calls are served from memory
 * ```
 */
export function cached(source: TokenSource, options: CachedOptions = {}): CachedTokenSource {
  const policy = resolvePolicy(options, options.name ?? 'cached()');
  return new CachedSource(source, policy, options);
}
