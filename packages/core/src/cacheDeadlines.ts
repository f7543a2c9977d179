import type { CachePolicy } from './cachePolicy.js';

/** When a cached key is due (fetched again before it is served), and when its background refresh starts. */
export interface CacheDeadlines {
  readonly dueAt: number;
  readonly refreshAt: number;
}

/**
 * The deadlines of a key fetched at `fetchedAt` that stops working at `hardExpiry` (Infinity for none): due one jittered
 * TTL after its fetch, never after its own expiry, and refreshed `refreshAheadMs` before that. A cache's `first` key on the
 * real clock has its refresh spread as a fleet's are in steady state (see {@link firstDeadlines}).
 *
 * @example
 * ```ts
 * const { dueAt, refreshAt } = cacheDeadlines(policy, Date.now(), Number.POSITIVE_INFINITY, Math.random, false);
 * ```
 */
export function cacheDeadlines(
  policy: CachePolicy,
  fetchedAt: number,
  hardExpiry: number,
  random: () => number,
  first: boolean,
): CacheDeadlines {
  return first
    ? firstDeadlines(policy, fetchedAt, hardExpiry, random)
    : deadlines(policy, fetchedAt, hardExpiry, random());
}

/** The TTL shortened by the fraction `draw` (in [0, 1)) of the jitter. An infinite TTL stays infinite (Infinity × 0 is NaN). */
function jitteredTtl(policy: CachePolicy, draw: number): number {
  if (policy.ttlMs === Number.POSITIVE_INFINITY) return policy.ttlMs;
  return policy.ttlMs * (1 - policy.jitter * draw);
}

/** The deadlines for one draw of the jitter. */
function deadlines(policy: CachePolicy, fetchedAt: number, hardExpiry: number, draw: number): CacheDeadlines {
  const dueAt = Math.min(fetchedAt + jitteredTtl(policy, draw), hardExpiry);
  return { dueAt, refreshAt: refreshPoint(fetchedAt, dueAt, policy.refreshAheadMs) };
}

/** Draws of the length-biased lifetime in {@link firstDeadlines} before the last one is taken as it is. */
const MAX_FIRST_DRAWS = 16;

/**
 * The deadlines of a cache's first key. Later keys are refreshed one lifetime after they were fetched; if the first were
 * too, processes started together (a deploy, a scale-out) would refresh in waves for hours, the jitter widening each wave
 * only slowly. So the first refresh is drawn from the distribution a fleet's next refreshes have in steady state: the
 * "residual life" of a renewal process, sampled as a uniform point within a lifetime drawn in proportion to its length
 * (rejection sampling). The fleet's refreshes are then spread from the start as they would be after days, at the same
 * mean rate. The key's due time stays a whole (jittered) TTL from its fetch: only the refresh comes early, never the expiry.
 * With no jitter, or a TTL of 0 or Infinity, there is nothing to spread: the first key is like any other.
 */
function firstDeadlines(
  policy: CachePolicy,
  fetchedAt: number,
  hardExpiry: number,
  random: () => number,
): CacheDeadlines {
  const longest = deadlines(policy, fetchedAt, hardExpiry, 0);
  const longestInterval = longest.refreshAt - fetchedAt;
  if (policy.jitter === 0 || !(longestInterval > 0) || !Number.isFinite(longestInterval)) {
    return deadlines(policy, fetchedAt, hardExpiry, random());
  }
  let chosen = deadlines(policy, fetchedAt, hardExpiry, random());
  for (let draws = 1; draws < MAX_FIRST_DRAWS; draws += 1) {
    if (random() * longestInterval <= chosen.refreshAt - fetchedAt) break;
    chosen = deadlines(policy, fetchedAt, hardExpiry, random());
  }
  return { dueAt: chosen.dueAt, refreshAt: fetchedAt + random() * (chosen.refreshAt - fetchedAt) };
}

/** Where a background refresh starts: `refreshAheadMs` before the key is due, capped at half its lifetime. */
function refreshPoint(fetchedAt: number, dueAt: number, refreshAheadMs: number): number {
  const lifetime = dueAt - fetchedAt;
  // A key that is never due needs no refresh; Infinity − Infinity would be NaN.
  if (lifetime === Number.POSITIVE_INFINITY) return lifetime;
  return dueAt - Math.min(refreshAheadMs, lifetime / 2);
}

/**
 * Where a cache counts its deadlines from: when this module was loaded. Stored as ms after it, a deadline within ~24 days
 * (2^31 ms) is a small integer, which V8 keeps inside the cache object, where an epoch-ms deadline (~1.7e12) would be a
 * 16-byte heap number of its own, two per cache. A later deadline, or Infinity, is still stored exactly, as a heap number.
 */
export const DEADLINE_EPOCH_MS = Date.now();

/**
 * A deadline as a cache stores it: ms after {@link DEADLINE_EPOCH_MS}. On the real clock, whose readings are whole ms, it
 * is rounded up to a whole ms (so it can be a small integer), which changes no `reading < deadline` comparison and never
 * moves a deadline past a key's own expiry (a whole ms too). An injected clock may read fractions, so there it stays exact.
 *
 * @example
 * ```ts
 * const dueIn = storedDeadline(dueAt, false);
 * if (Date.now() - DEADLINE_EPOCH_MS < dueIn) serve();
 * ```
 */
export function storedDeadline(deadline: number, exact: boolean): number {
  return (exact ? deadline : Math.ceil(deadline)) - DEADLINE_EPOCH_MS;
}
