import { type CachePolicy, DEFAULT_CACHE_POLICY } from './cachePolicy.js';
import { durationProblem } from './durationProblem.js';
import { TokenSourceError } from './TokenSourceError.js';

/**
 * The policy a cache follows: the options given, the defaults for the rest, checked once when the cache is built so that
 * a bad duration fails at startup, naming every problem, instead of as a refetch storm later. Caches built with the same
 * options share one frozen policy object (see {@link interned}).
 *
 * @example
 * ```ts
 * const policy = resolvePolicy({ ttlMs: 30 * 60_000 }, 'cached(env:MOMENTO_API_KEY)');
 * ```
 */
export function resolvePolicy(options: Partial<CachePolicy>, source: string): CachePolicy {
  const ttlMs = options.ttlMs ?? DEFAULT_CACHE_POLICY.ttlMs;
  const policy: CachePolicy = {
    ttlMs,
    refreshAheadMs: options.refreshAheadMs ?? DEFAULT_CACHE_POLICY.refreshAheadMs,
    // `ttlMs: 0` asks for no cache, so it keeps nothing stale either, unless `maxStaleMs` is given as well.
    maxStaleMs: options.maxStaleMs ?? (ttlMs === 0 ? 0 : DEFAULT_CACHE_POLICY.maxStaleMs),
    jitter: options.jitter ?? DEFAULT_CACHE_POLICY.jitter,
    errorBackoff: options.errorBackoff ?? DEFAULT_CACHE_POLICY.errorBackoff,
    forcedRefreshBackoff: options.forcedRefreshBackoff ?? DEFAULT_CACHE_POLICY.forcedRefreshBackoff,
    backgroundRefresh: options.backgroundRefresh ?? DEFAULT_CACHE_POLICY.backgroundRefresh,
    fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_CACHE_POLICY.fetchTimeoutMs,
  };
  const problems = [
    durationProblem('ttlMs', policy.ttlMs),
    durationProblem('refreshAheadMs', policy.refreshAheadMs),
    durationProblem('maxStaleMs', policy.maxStaleMs),
    durationProblem('errorBackoff.initialMs', policy.errorBackoff?.initialMs),
    durationProblem('errorBackoff.maxMs', policy.errorBackoff?.maxMs),
    durationProblem('forcedRefreshBackoff.initialMs', policy.forcedRefreshBackoff?.initialMs),
    durationProblem('forcedRefreshBackoff.maxMs', policy.forcedRefreshBackoff?.maxMs),
    durationProblem('fetchTimeoutMs', policy.fetchTimeoutMs),
    policy.jitter >= 0 && policy.jitter <= 1 ? undefined : `jitter must be between 0 and 1 (got ${policy.jitter})`,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    throw new TokenSourceError(`invalid cache policy: ${problems.join('; ')}`, {
      source,
      code: 'INVALID_CONFIGURATION',
    });
  }
  return interned(policy);
}

/** Policies already resolved, by value: caches built with the same options share one frozen policy object. */
const POLICIES = new Map<string, CachePolicy>();
/** A process builds caches with a handful of policies; past this many distinct ones, new ones are simply not shared. */
const MAX_SHARED_POLICIES = 64;

function interned(policy: CachePolicy): CachePolicy {
  const { errorBackoff: e, forcedRefreshBackoff: f } = policy;
  const key = [
    policy.ttlMs,
    policy.refreshAheadMs,
    policy.maxStaleMs,
    policy.jitter,
    e.initialMs,
    e.maxMs,
    f.initialMs,
    f.maxMs,
    policy.backgroundRefresh,
    policy.fetchTimeoutMs,
  ].join();
  const shared = POLICIES.get(key);
  if (shared !== undefined) return shared;
  const frozen: CachePolicy = Object.freeze({
    ...policy,
    errorBackoff: Object.freeze({ initialMs: e.initialMs, maxMs: e.maxMs }),
    forcedRefreshBackoff: Object.freeze({ initialMs: f.initialMs, maxMs: f.maxMs }),
  });
  if (POLICIES.size < MAX_SHARED_POLICIES) POLICIES.set(key, frozen);
  return frozen;
}
