/**
 * How a {@link cached} source decides when to fetch. Every field has a default chosen for a Lambda function or a long-running
 * service reading a Momento API key from Secrets Manager; docs/caching.md gives the reasoning at length.
 *
 * Every duration is a number of ms from 0 to `Infinity`, and means what it says at any length: a 30-day TTL waits thirty
 * days, though Node's own timers stop at 24.8. A negative number or `NaN` is an `INVALID_CONFIGURATION` error.
 */
export interface CachePolicy {
  /**
   * How long a fetched key is used before it is fetched again. Default 15 minutes: Momento keys live for months, and a
   * rotated key is picked up at once anyway, because a client whose key is rejected forces a refresh. A short TTL only buys
   * cost (Powertools' default of 5 s is up to 720 Secrets Manager calls an hour per container).
   *
   * `0` is no cache (Powertools' `maxAge: 0`): every call fetches, though concurrent callers still share one fetch, nothing
   * is refreshed in the background, and no stale key is kept unless `maxStaleMs` is given too. `Infinity`: fetched once.
   */
  readonly ttlMs: number;
  /**
   * Fetch this long before the key is due (its TTL or its own `expiresAt`), in the background, while the current key is still
   * served, so no caller ever waits on a refresh. Capped at half the key's lifetime. Default 60 s.
   */
  readonly refreshAheadMs: number;
  /**
   * While refreshes fail, keep serving the last good key for up to this long past its TTL (never past its own `expiresAt`).
   * Default 1 hour: a Secrets Manager outage should not take the cache down with it.
   */
  readonly maxStaleMs: number;
  /**
   * Shortens each TTL by a random fraction of up to this much (0 to 1), so a fleet started together does not refresh in
   * lockstep and get throttled. Default 0.1.
   */
  readonly jitter: number;
  /** After a failed fetch, wait before the next one: doubling from `initialMs` to `maxMs`, each with jitter. Default 1 s to 60 s. */
  readonly errorBackoff: { readonly initialMs: number; readonly maxMs: number };
  /**
   * Forced refreshes that keep bringing back the same (rejected) key wait this long between fetches, doubling. The first forced
   * refresh after a key change is never delayed. Default 1 s to 5 minutes.
   */
  readonly forcedRefreshBackoff: { readonly initialMs: number; readonly maxMs: number };
  /** Refresh on a timer (unref'd: it never keeps the process alive) as well as on access. Default true. */
  readonly backgroundRefresh: boolean;
  /** Bound on one upstream fetch, shared by every caller waiting on it (`Infinity`: none; `close()` still ends it). Default 15 s. */
  readonly fetchTimeoutMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The defaults of {@link CachePolicy}, frozen. */
export const DEFAULT_CACHE_POLICY: CachePolicy = Object.freeze({
  ttlMs: 15 * MINUTE,
  refreshAheadMs: 1 * MINUTE,
  maxStaleMs: 1 * HOUR,
  jitter: 0.1,
  errorBackoff: Object.freeze({ initialMs: 1 * SECOND, maxMs: 1 * MINUTE }),
  forcedRefreshBackoff: Object.freeze({ initialMs: 1 * SECOND, maxMs: 5 * MINUTE }),
  backgroundRefresh: true,
  fetchTimeoutMs: 15 * SECOND,
});

/** Doublings past this overflow any finite start to Infinity, so counting further only risks 0 × Infinity = NaN. */
const MAX_DOUBLINGS = 1100;

/**
 * Doubling backoff from `initialMs`, capped at `maxMs`, with "equal jitter": between half and all of the step. Bounds of 0
 * and `Infinity` work as written: 0 never waits, an infinite step waits forever.
 *
 * @example
 * ```ts
 * backoffDelay(3, { initialMs: 1_000, maxMs: 60_000 }, Math.random); // between 2 and 4 s
 * ```
 */
export function backoffDelay(
  attempt: number,
  range: { readonly initialMs: number; readonly maxMs: number },
  random: () => number,
): number {
  if (range.initialMs === 0 || range.maxMs === 0) return 0;
  const doublings = Math.min(MAX_DOUBLINGS, Math.max(0, attempt - 1));
  const step = Math.min(range.maxMs, range.initialMs * 2 ** doublings);
  if (step === Number.POSITIVE_INFINITY) return step;
  return step / 2 + (random() * step) / 2;
}
