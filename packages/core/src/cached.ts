import { abortedError, deadlineSignal, raceAbort } from './abort.js';
import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { backoffDelay, type CachePolicy, DEFAULT_CACHE_POLICY } from './cachePolicy.js';
import { durationProblem } from './durationProblem.js';
import { errorReason } from './errorReason.js';
import type { CacheOutcome, TokenEvent, TokenObserver } from './events.js';
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
  return new CachedSource(source, options);
}

/**
 * The cache behind {@link cached}, as a class: a process may hold thousands of caches (a fleet of tenants, a test suite), and
 * methods on a prototype cost nothing per cache where a closure per function cost ~2 KiB. State that only some caches need
 * (listeners, the abort controller of a fetch in flight, a clock-forgetting immediate) is allocated when first needed.
 */
class CachedSource implements CachedTokenSource {
  readonly #source: TokenSource;
  readonly #givenName: string | undefined;
  readonly #policy: CachePolicy;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #report: (event: TokenEvent) => void;
  readonly #observed: boolean;
  // Reading the clock costs more than the rest of a cache hit together. A key with no expiry of its own has only soft
  // deadlines (its TTL and the refresh-ahead point), so a hit may read a clock that is cached for the rest of the current
  // event-loop turn. A key with an `expiresAt` always reads the real clock: an expired key is never served. An injected
  // clock is always read, so tests stay exact.
  // A turn made only of resolved awaits never ends, so the cached reading is also dropped after a bounded number of uses.
  readonly #coarseAllowed: boolean;
  #coarseAt: number | undefined;
  #coarseUses = 0;

  #entry: Entry | undefined;
  #lastFingerprint: string | undefined;
  #inFlight: Promise<Token> | undefined;
  #consecutiveFailures = 0;
  #nextAttemptAt = 0;
  #lastError: TokenSourceError | undefined;
  #forcedBackoffAttempt = 0;
  #nextForcedAt = 0;
  #timer: Timer | undefined;
  #closed = false;
  // The fetch in flight hangs off this, so close() ends work in flight instead of leaving it to the fetch's deadline.
  #lifetime: AbortController | undefined;
  #listeners: Set<TokenListener> | undefined;
  readonly #stopInner: Unsubscribe | undefined;

  constructor(source: TokenSource, options: CachedOptions) {
    this.#policy = resolvePolicy(options);
    this.#source = source;
    this.#givenName = options.name;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#report = createReporter(options);
    this.#observed = options.onEvent !== undefined || options.logger !== undefined;
    this.#coarseAllowed = options.now === undefined;
    this.#stopInner = source.subscribe?.((token) => {
      try {
        this.#accept(token, this.#now(), 'announced', 0);
      } catch (err) {
        // An announced value that cannot be served (expired, empty) is reported, never thrown into the announcer.
        this.#fail(TokenSourceError.wrap(err, source.name, 'announced an unusable key'), this.#now());
      }
    });
  }

  /** Shown in errors and events: the name given, else `cached(<inner name>)` (made when asked, not kept). */
  get name(): string {
    const self = CachedSource.#of(this);
    return self.#givenName ?? `cached(${self.#source.name})`;
  }

  getToken(callOptions?: GetTokenOptions): Promise<Token> {
    // A view made with Object.create(cache) calls this with itself as `this`: its state is the cache's (see #of).
    const self = #entry in this ? this : CachedSource.#of(this);
    const current = self.#entry;
    if (
      current !== undefined &&
      !self.#closed &&
      callOptions?.forceRefresh !== true &&
      callOptions?.signal?.aborted !== true
    ) {
      const at = current.hardExpiry === Number.POSITIVE_INFINITY ? self.#softNow() : self.#now();
      if (at < current.dueAt) {
        // The hot path: no allocation, no await.
        if (at >= current.refreshAt && !self.#inFlight && at >= self.#nextAttemptAt) self.#fetch('ahead');
        return self.#observed ? Promise.resolve(self.#resolved(current.token, 'hit', at)) : current.settled;
      }
    }
    return self.#getSlow(callOptions ?? {}, self.#now());
  }

  subscribe(listener: TokenListener): Unsubscribe {
    const self = CachedSource.#of(this);
    self.#listeners ??= new Set();
    self.#listeners.add(listener);
    return () => {
      self.#listeners?.delete(listener);
    };
  }

  invalidate(): void {
    const self = CachedSource.#of(this);
    self.#entry = undefined;
    self.#consecutiveFailures = 0;
    self.#nextAttemptAt = 0;
    self.#lastError = undefined;
    self.#schedule(Number.POSITIVE_INFINITY);
  }

  peek(): Token | undefined {
    const self = CachedSource.#of(this);
    const at = self.#now();
    const entry = self.#entry;
    return entry !== undefined && at < entry.hardExpiry && at < entry.dueAt + self.#policy.maxStaleMs
      ? entry.token
      : undefined;
  }

  close(): void {
    const self = CachedSource.#of(this);
    if (self.#closed) return;
    self.#closed = true;
    self.#schedule(Number.POSITIVE_INFINITY);
    self.#lifetime?.abort(self.#closedError());
    self.#stopInner?.();
    self.#listeners?.clear();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * The cache a method was called on. A view of a cache made with `Object.create(cache)` (as the Momento package's key
   * checks make one) inherits these methods and calls them with itself as `this`; its state is the cache's.
   */
  static #of(target: object): CachedSource {
    for (let at: object | null = target; at !== null; at = Object.getPrototypeOf(at)) {
      if (#entry in at) return at;
    }
    throw new TypeError('not a cache made by cached()');
  }

  /** Forgets the clock reading shared by the hits of one event-loop turn; called through setImmediate, no closure. */
  static forgetCoarse(cache: CachedSource): void {
    cache.#coarseAt = undefined;
  }

  #softNow(): number {
    if (!this.#coarseAllowed) return this.#now();
    if (this.#coarseAt === undefined || ++this.#coarseUses > COARSE_CLOCK_MAX_USES) {
      this.#coarseAt = this.#now();
      this.#coarseUses = 0;
      setImmediate(CachedSource.forgetCoarse, this).unref();
    }
    return this.#coarseAt;
  }

  #resolved(token: Token, outcome: CacheOutcome, startedAt: number): Token {
    if (this.#observed) {
      this.#report({
        type: 'resolved',
        source: this.name,
        time: this.#now(),
        winner: token.source,
        durationMs: this.#now() - startedAt,
        fingerprint: token.secret.fingerprint,
        cache: outcome,
      });
    }
    return token;
  }

  #servableStale(at: number): Entry | undefined {
    const entry = this.#entry;
    if (entry === undefined || at >= entry.hardExpiry) return undefined;
    return at < entry.dueAt + this.#policy.maxStaleMs ? entry : undefined;
  }

  #accept(token: Token, fetchedAt: number, trigger: Trigger, durationMs: number): Token {
    const source = this.#source;
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
    const policy = this.#policy;
    // On an injected clock (a test or a simulation driving time itself) every deadline stays exact, as with the coarse
    // clock: the first refresh is spread only for caches on the real clock, which is where fleets run.
    const { dueAt, refreshAt } =
      trigger === 'initial' && this.#coarseAllowed
        ? firstDeadlines(policy, fetchedAt, hardExpiry, this.#random)
        : deadlines(policy, fetchedAt, hardExpiry, this.#random());
    this.#entry = { token, fetchedAt, dueAt, hardExpiry, refreshAt, settled: Promise.resolve(token) };
    this.#coarseAt = undefined;
    this.#consecutiveFailures = 0;
    this.#nextAttemptAt = 0;
    this.#lastError = undefined;
    const fingerprint = token.secret.fingerprint;
    const previous = this.#lastFingerprint;
    this.#lastFingerprint = fingerprint;
    const report = this.#report;
    const name = this.name;
    report({ type: 'refreshed', source: name, time: this.#now(), fingerprint, durationMs, trigger });
    if (previous !== undefined && previous !== fingerprint) {
      report({ type: 'rotated', source: name, time: this.#now(), from: previous, to: fingerprint });
      for (const listener of [...(this.#listeners ?? [])]) {
        try {
          listener(token);
        } catch {
          // A listener's failure is its own; the cache has the new key either way.
        }
      }
    }
    this.#schedule(refreshAt);
    return token;
  }

  #fail(err: TokenSourceError, at: number): void {
    this.#consecutiveFailures += 1;
    this.#lastError = err;
    const retryInMs = backoffDelay(this.#consecutiveFailures, this.#policy.errorBackoff, this.#random);
    this.#nextAttemptAt = at + retryInMs;
    this.#report({
      type: 'refresh-failed',
      source: this.name,
      time: at,
      reason: errorReason(err, this.name),
      code: err.code,
      consecutiveFailures: this.#consecutiveFailures,
      retryInMs,
    });
    // Keep trying in the background only while there is a key worth keeping fresh.
    if (this.#servableStale(at)) this.#schedule(this.#nextAttemptAt);
  }

  #fetch(trigger: Trigger): Promise<Token> {
    if (this.#inFlight) return this.#inFlight;
    const source = this.#source;
    const startedAt = this.#now();
    // One shared fetch serves many callers, so no caller's signal may end it; its own deadline and close() bound it instead.
    const lifetime = new AbortController();
    this.#lifetime = lifetime;
    const deadline = deadlineSignal(lifetime.signal, this.#policy.fetchTimeoutMs);
    const signal = deadline.signal ?? lifetime.signal;
    const upstream = Promise.resolve().then(() =>
      source.getToken({ signal, ...(trigger === 'forced' && { forceRefresh: true }) }),
    );
    const attempt = raceAbort(upstream, signal, source.name)
      .then((token) => this.#accept(token, this.#now(), trigger, this.#now() - startedAt))
      .catch((thrown: unknown) => {
        const err = TokenSourceError.wrap(thrown, source.name, 'threw an error that is not a TokenSourceError');
        // A fetch ended by close() is not a failure of the store: no backoff, no event, no retry timer.
        if (!this.#closed) this.#fail(err, this.#now());
        throw err;
      })
      .finally(() => {
        deadline.dispose();
        this.#inFlight = undefined;
        if (this.#lifetime === lifetime) this.#lifetime = undefined;
      });
    this.#inFlight = attempt;
    // Background refreshes have no caller: their failure is reported through events, never as an unhandled rejection.
    attempt.catch(noop);
    return attempt;
  }

  #schedule(at: number): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    const policy = this.#policy;
    // With ttlMs 0 nothing is kept fresh: a timer would refetch as fast as the store answers.
    if (this.#closed || !policy.backgroundRefresh || policy.ttlMs === 0 || at === Number.POSITIVE_INFINITY) return;
    this.#timer = startTimer(at - this.#now(), () => {
      this.#timer = undefined;
      if (!this.#inFlight && this.#entry !== undefined) this.#fetch('ahead');
    });
  }

  #closedError(): TokenAbortedError {
    return new TokenAbortedError('the cache was closed', { source: this.name, code: 'ABORTED' });
  }

  async #getForced(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    const at = this.#now();
    const entry = this.#entry;
    // Only a key still within its TTL may answer a forced refresh without a fetch; with ttlMs 0 that is never.
    const current = entry !== undefined && at < entry.hardExpiry && at < entry.dueAt ? entry : undefined;
    const rejected = callOptions.rejectedFingerprint;
    if (current && rejected !== undefined && current.token.secret.fingerprint !== rejected) {
      // The rotation was already picked up by another caller: no fetch.
      return this.#resolved(current.token, 'hit', startedAt);
    }
    if (!this.#inFlight && current && at < this.#nextForcedAt) {
      // The store keeps handing back the key that was rejected: do not hammer it.
      return this.#resolved(current.token, 'hit', startedAt);
    }
    const before = this.#lastFingerprint;
    const joined = this.#inFlight !== undefined;
    const token = await raceAbort(this.#fetch('forced'), callOptions.signal, this.name);
    if (!joined) {
      if (before !== undefined && token.secret.fingerprint === before) {
        this.#forcedBackoffAttempt += 1;
        this.#nextForcedAt =
          this.#now() + backoffDelay(this.#forcedBackoffAttempt, this.#policy.forcedRefreshBackoff, this.#random);
      } else {
        this.#forcedBackoffAttempt = 0;
        this.#nextForcedAt = 0;
      }
    }
    return this.#resolved(token, 'miss', startedAt);
  }

  async #getSlow(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    if (this.#closed) throw this.#closedError();
    const name = this.name;
    if (callOptions.signal?.aborted) throw abortedError(name, callOptions.signal);
    if (callOptions.forceRefresh) return this.#getForced(callOptions, startedAt);
    const at = this.#now();
    if (!this.#inFlight && at < this.#nextAttemptAt) {
      const stale = this.#servableStale(at);
      if (stale) return this.#staleServed(stale, at, startedAt);
      if (this.#lastError) throw this.#lastError;
    }
    try {
      const token = await raceAbort(this.#fetch(this.#entry ? 'expired' : 'initial'), callOptions.signal, name);
      return this.#resolved(token, 'miss', startedAt);
    } catch (err) {
      if (TokenSourceError.is(err) && (err.code === 'ABORTED' || err.code === 'TIMEOUT') && err.source === name)
        throw err;
      const stale = this.#servableStale(this.#now());
      if (stale) return this.#staleServed(stale, this.#now(), startedAt);
      throw err;
    }
  }

  #staleServed(stale: Entry, at: number, startedAt: number): Token {
    this.#report({
      type: 'stale-served',
      source: this.name,
      time: at,
      fingerprint: stale.token.secret.fingerprint,
      ageMs: at - stale.fetchedAt,
    });
    return this.#resolved(stale.token, 'stale', startedAt);
  }
}
// Every cache answers isCachedTokenSource(), through its prototype: no property per cache.
setBrand(CachedSource.prototype, BRAND);

/** The TTL shortened by the fraction `draw` (in [0, 1)) of the jitter. An infinite TTL stays infinite (Infinity × 0 is NaN). */
function jitteredTtl(policy: CachePolicy, draw: number): number {
  if (policy.ttlMs === Number.POSITIVE_INFINITY) return policy.ttlMs;
  return policy.ttlMs * (1 - policy.jitter * draw);
}

/** When a key fetched at `fetchedAt` is due, and when its background refresh starts, for one draw of the jitter. */
function deadlines(
  policy: CachePolicy,
  fetchedAt: number,
  hardExpiry: number,
  draw: number,
): { readonly dueAt: number; readonly refreshAt: number } {
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
): { readonly dueAt: number; readonly refreshAt: number } {
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

function noop(): void {}
