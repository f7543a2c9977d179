import { abortedError, deadlineSignal, raceAbort } from './abort.js';
import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { backoffDelay, type CachePolicy, DEFAULT_CACHE_POLICY } from './cachePolicy.js';
import { durationProblem } from './durationProblem.js';
import { errorReason } from './errorReason.js';
import type { CacheOutcome, TokenObserver } from './events.js';
import { createReporter } from './report.js';
import { TokenAbortedError } from './TokenAbortedError.js';
import type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { startTimer, type Timer } from './timer.js';
import { tokenProblem } from './tokenProblem.js';

export interface CachedOptions extends Partial<CachePolicy>, TokenObserver {
  /** Shown in errors and events. Default `cached(<inner name>)`. */
  readonly name?: string;
  /** The clock, in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
  /** Randomness for jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

/** A source with a cache in front of it. */
export interface CachedTokenSource extends TokenSource {
  /** Called whenever the cached key changes (a refresh or an announcement brought a different key). */
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

type Trigger = 'initial' | 'expired' | 'ahead' | 'forced' | 'announced';

interface Entry {
  readonly token: Token;
  readonly fetchedAt: number;
  /** Past this the key is fetched again before it is served (TTL with jitter, or its own expiry). */
  readonly dueAt: number;
  /** Past this the key is never served: its own `expiresAt`, or Infinity. */
  readonly hardExpiry: number;
  /** From here on a call starts a background refresh while it is served the current key. */
  readonly refreshAt: number;
  /** The token as a settled promise, handed to every hit: no allocation on the hot path. */
  readonly settled: Promise<Token>;
}

const BRAND = brandSymbol('CachedTokenSource');
/** Cache hits that may share one clock reading within an event-loop turn (see `softNow` in {@link cached}). */
const COARSE_CLOCK_MAX_USES = 1024;

/** True for a source made by {@link cached} (from any copy of this package). */
export function isCachedTokenSource(source: TokenSource): source is CachedTokenSource {
  return hasBrand(source, BRAND);
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
 * const source = cached(chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()), { ttlMs: 30 * 60_000 });
 * const token = await source.getToken(); // fetched once; later calls are served from memory
 * ```
 */
export function cached(source: TokenSource, options: CachedOptions = {}): CachedTokenSource {
  const policy = resolvePolicy(options);
  const name = options.name ?? `cached(${source.name})`;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const report = createReporter(options);
  const observed = options.onEvent !== undefined || options.logger !== undefined;
  // Reading the clock costs more than the rest of a cache hit together. A key with no expiry of its own has only soft
  // deadlines (its TTL and the refresh-ahead point), so a hit may read a clock that is cached for the rest of the current
  // event-loop turn. A key with an `expiresAt` always reads the real clock: an expired key is never served. An injected
  // clock is always read, so tests stay exact.
  // A turn made only of resolved awaits never ends, so the cached reading is also dropped after a bounded number of uses.
  const coarseAllowed = options.now === undefined;
  let coarseAt: number | undefined;
  let coarseUses = 0;
  const forgetCoarse = () => {
    coarseAt = undefined;
  };
  const softNow = (): number => {
    if (!coarseAllowed) return now();
    if (coarseAt === undefined || ++coarseUses > COARSE_CLOCK_MAX_USES) {
      coarseAt = now();
      coarseUses = 0;
      setImmediate(forgetCoarse).unref();
    }
    return coarseAt;
  };

  let entry: Entry | undefined;
  let lastFingerprint: string | undefined;
  let inFlight: Promise<Token> | undefined;
  let consecutiveFailures = 0;
  let nextAttemptAt = 0;
  let lastError: TokenSourceError | undefined;
  let forcedBackoffAttempt = 0;
  let nextForcedAt = 0;
  let timer: Timer | undefined;
  let closed = false;
  // Every fetch hangs off this signal, so close() ends work in flight instead of leaving it to each fetch's deadline.
  const lifetime = new AbortController();
  const listeners = new Set<TokenListener>();
  const stopInner = source.subscribe?.((token) => {
    try {
      accept(token, now(), 'announced', 0);
    } catch (err) {
      // An announced value that cannot be served (expired, empty) is reported, never thrown into the announcer.
      fail(TokenSourceError.wrap(err, source.name, 'announced an unusable key'), now());
    }
  });

  function resolved(token: Token, outcome: CacheOutcome, startedAt: number): Token {
    if (observed) {
      report({
        type: 'resolved',
        source: name,
        time: now(),
        winner: token.source,
        durationMs: now() - startedAt,
        fingerprint: token.secret.fingerprint,
        cache: outcome,
      });
    }
    return token;
  }

  function servableStale(at: number): Entry | undefined {
    if (entry === undefined || at >= entry.hardExpiry) return undefined;
    return at < entry.dueAt + policy.maxStaleMs ? entry : undefined;
  }

  function accept(token: Token, fetchedAt: number, trigger: Trigger, durationMs: number): Token {
    const problem = tokenProblem(token);
    if (problem !== undefined) {
      throw new TokenSourceError(`returned ${problem}`, { source: source.name, code: 'MALFORMED' });
    }
    const hardExpiry = token.expiresAt ? token.expiresAt.getTime() : Number.POSITIVE_INFINITY;
    if (hardExpiry <= fetchedAt) {
      throw new TokenSourceError(`returned a key that expired at ${token.expiresAt?.toISOString()}`, {
        source: token.source,
        code: 'EXPIRED',
      });
    }
    const dueAt = Math.min(fetchedAt + jitteredTtl(policy, random), hardExpiry);
    const refreshAt = refreshPoint(fetchedAt, dueAt, policy.refreshAheadMs);
    entry = { token, fetchedAt, dueAt, hardExpiry, refreshAt, settled: Promise.resolve(token) };
    forgetCoarse();
    consecutiveFailures = 0;
    nextAttemptAt = 0;
    lastError = undefined;
    const fingerprint = token.secret.fingerprint;
    const previous = lastFingerprint;
    lastFingerprint = fingerprint;
    report({ type: 'refreshed', source: name, time: now(), fingerprint, durationMs, trigger });
    if (previous !== undefined && previous !== fingerprint) {
      report({ type: 'rotated', source: name, time: now(), from: previous, to: fingerprint });
      for (const listener of [...listeners]) {
        try {
          listener(token);
        } catch {
          // A listener's failure is its own; the cache has the new key either way.
        }
      }
    }
    schedule(refreshAt);
    return token;
  }

  function fail(err: TokenSourceError, at: number): void {
    consecutiveFailures += 1;
    lastError = err;
    const retryInMs = backoffDelay(consecutiveFailures, policy.errorBackoff, random);
    nextAttemptAt = at + retryInMs;
    report({
      type: 'refresh-failed',
      source: name,
      time: at,
      reason: errorReason(err, name),
      code: err.code,
      consecutiveFailures,
      retryInMs,
    });
    // Keep trying in the background only while there is a key worth keeping fresh.
    if (servableStale(at)) schedule(nextAttemptAt);
  }

  function fetch(trigger: Trigger): Promise<Token> {
    if (inFlight) return inFlight;
    const startedAt = now();
    // One shared fetch serves many callers, so no caller's signal may end it; its own deadline and close() bound it instead.
    const deadline = deadlineSignal(lifetime.signal, policy.fetchTimeoutMs);
    const signal = deadline.signal ?? lifetime.signal;
    const upstream = Promise.resolve().then(() =>
      source.getToken({ signal, ...(trigger === 'forced' && { forceRefresh: true }) }),
    );
    const attempt = raceAbort(upstream, signal, source.name)
      .then((token) => accept(token, now(), trigger, now() - startedAt))
      .catch((thrown: unknown) => {
        const err = TokenSourceError.wrap(thrown, source.name, 'threw an error that is not a TokenSourceError');
        // A fetch ended by close() is not a failure of the store: no backoff, no event, no retry timer.
        if (!closed) fail(err, now());
        throw err;
      })
      .finally(() => {
        deadline.dispose();
        inFlight = undefined;
      });
    inFlight = attempt;
    // Background refreshes have no caller: their failure is reported through events, never as an unhandled rejection.
    attempt.catch(noop);
    return attempt;
  }

  function schedule(at: number): void {
    timer?.cancel();
    timer = undefined;
    // With ttlMs 0 nothing is kept fresh: a timer would refetch as fast as the store answers.
    if (closed || !policy.backgroundRefresh || policy.ttlMs === 0 || at === Number.POSITIVE_INFINITY) return;
    timer = startTimer(at - now(), () => {
      timer = undefined;
      if (!inFlight && entry !== undefined) fetch('ahead');
    });
  }

  function closedError(): TokenAbortedError {
    return new TokenAbortedError('the cache was closed', { source: name, code: 'ABORTED' });
  }

  async function getForced(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    const at = now();
    // Only a key still within its TTL may answer a forced refresh without a fetch; with ttlMs 0 that is never.
    const current = entry !== undefined && at < entry.hardExpiry && at < entry.dueAt ? entry : undefined;
    const rejected = callOptions.rejectedFingerprint;
    if (current && rejected !== undefined && current.token.secret.fingerprint !== rejected) {
      // The rotation was already picked up by another caller: no fetch.
      return resolved(current.token, 'hit', startedAt);
    }
    if (!inFlight && current && at < nextForcedAt) {
      // The store keeps handing back the key that was rejected: do not hammer it.
      return resolved(current.token, 'hit', startedAt);
    }
    const before = lastFingerprint;
    const joined = inFlight !== undefined;
    const token = await raceAbort(fetch('forced'), callOptions.signal, name);
    if (!joined) {
      if (before !== undefined && token.secret.fingerprint === before) {
        forcedBackoffAttempt += 1;
        nextForcedAt = now() + backoffDelay(forcedBackoffAttempt, policy.forcedRefreshBackoff, random);
      } else {
        forcedBackoffAttempt = 0;
        nextForcedAt = 0;
      }
    }
    return resolved(token, 'miss', startedAt);
  }

  async function getSlow(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    if (closed) throw closedError();
    if (callOptions.signal?.aborted) throw abortedError(name, callOptions.signal);
    if (callOptions.forceRefresh) return getForced(callOptions, startedAt);
    const at = now();
    if (!inFlight && at < nextAttemptAt) {
      const stale = servableStale(at);
      if (stale) return staleServed(stale, at, startedAt);
      if (lastError) throw lastError;
    }
    try {
      const token = await raceAbort(fetch(entry ? 'expired' : 'initial'), callOptions.signal, name);
      return resolved(token, 'miss', startedAt);
    } catch (err) {
      if (TokenSourceError.is(err) && (err.code === 'ABORTED' || err.code === 'TIMEOUT') && err.source === name)
        throw err;
      const stale = servableStale(now());
      if (stale) return staleServed(stale, now(), startedAt);
      throw err;
    }
  }

  function staleServed(stale: Entry, at: number, startedAt: number): Token {
    report({
      type: 'stale-served',
      source: name,
      time: at,
      fingerprint: stale.token.secret.fingerprint,
      ageMs: at - stale.fetchedAt,
    });
    return resolved(stale.token, 'stale', startedAt);
  }

  const cachedSource: CachedTokenSource = {
    name,
    getToken(callOptions?: GetTokenOptions): Promise<Token> {
      const current = entry;
      if (
        current !== undefined &&
        !closed &&
        callOptions?.forceRefresh !== true &&
        callOptions?.signal?.aborted !== true
      ) {
        const at = current.hardExpiry === Number.POSITIVE_INFINITY ? softNow() : now();
        if (at < current.dueAt) {
          // The hot path: no allocation, no await.
          if (at >= current.refreshAt && !inFlight && at >= nextAttemptAt) fetch('ahead');
          return observed ? Promise.resolve(resolved(current.token, 'hit', at)) : current.settled;
        }
      }
      return getSlow(callOptions ?? {}, now());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    invalidate() {
      entry = undefined;
      consecutiveFailures = 0;
      nextAttemptAt = 0;
      lastError = undefined;
      schedule(Number.POSITIVE_INFINITY);
    },
    peek() {
      const at = now();
      return entry !== undefined && at < entry.hardExpiry && at < entry.dueAt + policy.maxStaleMs
        ? entry.token
        : undefined;
    },
    close() {
      if (closed) return;
      closed = true;
      schedule(Number.POSITIVE_INFINITY);
      lifetime.abort(closedError());
      stopInner?.();
      listeners.clear();
    },
    [Symbol.dispose]() {
      cachedSource.close();
    },
  };
  setBrand(cachedSource, BRAND);
  return cachedSource;
}

/** The TTL shortened by up to the jitter fraction. An infinite TTL stays infinite (Infinity × 0 would be NaN). */
function jitteredTtl(policy: CachePolicy, random: () => number): number {
  if (policy.ttlMs === Number.POSITIVE_INFINITY) return policy.ttlMs;
  return policy.ttlMs * (1 - policy.jitter * random());
}

/** Where a background refresh starts: `refreshAheadMs` before the key is due, capped at half its lifetime. */
function refreshPoint(fetchedAt: number, dueAt: number, refreshAheadMs: number): number {
  const lifetime = dueAt - fetchedAt;
  // A key that is never due needs no refresh; Infinity − Infinity would be NaN.
  if (lifetime === Number.POSITIVE_INFINITY) return lifetime;
  return dueAt - Math.min(refreshAheadMs, lifetime / 2);
}

function resolvePolicy(options: CachedOptions): CachePolicy {
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
      source: options.name ?? 'cached()',
      code: 'INVALID_CONFIGURATION',
    });
  }
  return policy;
}

function noop(): void {}
