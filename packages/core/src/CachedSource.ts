import { abortedError, deadlineSignal, raceAbort } from './abort.js';
import { brandSymbol, setBrand } from './brand.js';
import { CacheExtras, type CacheSettings } from './CacheExtras.js';
import { cacheDeadlines } from './cacheDeadlines.js';
import type { CachedTokenSource } from './cached.js';
import type { CachePolicy } from './cachePolicy.js';
import { coarseNow, forgetCoarseNow } from './coarseClock.js';
import { errorReason } from './errorReason.js';
import type { CacheOutcome } from './events.js';
import { fanOut } from './fanOut.js';
import { TokenAbortedError } from './TokenAbortedError.js';
import type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { startTimer, type Timer } from './timer.js';
import { tokenProblem } from './tokenProblem.js';

/** Carried by every cache's prototype, so that `isCachedTokenSource` holds across copies of this package. */
export const CACHED_BRAND = brandSymbol('CachedTokenSource');

type Trigger = 'initial' | 'expired' | 'ahead' | 'forced' | 'announced';

/** The one fetch in flight, shared by every caller; `close()` aborts it through `lifetime`. */
interface Flight {
  readonly promise: Promise<Token>;
  readonly lifetime: AbortController;
}

/**
 * The cache behind `cached()`, as a class: a process may hold thousands of caches (a fleet of tenants, a test suite), and
 * methods on a prototype cost nothing per cache where a closure per function cost ~2 KiB. A warm cache holds its source,
 * its (shared) policy, its key with the two deadlines the hot path compares, and nothing else: every other setting and
 * state lives in {@link CacheExtras}, made when first needed.
 */
export class CachedSource implements CachedTokenSource {
  readonly #source: TokenSource;
  readonly #policy: CachePolicy;
  // The key held, undefined before the first fetch and after invalidate(). Its fields live here rather than in an entry
  // object of their own: one object header and one pointer less per cache.
  #token: Token | undefined;
  /** The key as a settled promise, handed to every unobserved hit: no allocation on the hot path. */
  #settled: Promise<Token> | undefined;
  /** Past this the key is fetched again before it is served (TTL with jitter, or its own expiry). */
  #dueAt = 0;
  /** From here on a call starts a background refresh while it is served the current key. */
  #refreshAt = 0;
  #flight: Flight | undefined;
  #timer: Timer | undefined;
  #more: CacheExtras | undefined;

  constructor(source: TokenSource, policy: CachePolicy, settings: CacheSettings) {
    this.#source = source;
    this.#policy = policy;
    if (CacheExtras.needed(settings)) this.#more = new CacheExtras(settings);
    // Only a source that announces keys costs a closure and a subscription.
    if (source.subscribe !== undefined) this.#extras().stopInner = source.subscribe((token) => this.#announced(token));
  }

  /** Shown in errors and events: the name given, else `cached(<inner name>)` (made when asked, not kept). */
  get name(): string {
    const self = CachedSource.#of(this);
    return self.#more?.name ?? `cached(${self.#source.name})`;
  }

  getToken(callOptions?: GetTokenOptions): Promise<Token> {
    // A view made with Object.create(cache) calls this with itself as `this`: its state is the cache's (see #of).
    const self = #source in this ? this : CachedSource.#of(this);
    const token = self.#token;
    const more = self.#more;
    if (
      token !== undefined &&
      more?.closed !== true &&
      callOptions?.forceRefresh !== true &&
      callOptions?.signal?.aborted !== true
    ) {
      // Only soft deadlines may use the coarse clock; an injected clock is always read, so tests stay exact.
      const at = more?.now !== undefined ? more.now() : token.expiresAt === undefined ? coarseNow() : Date.now();
      if (at < self.#dueAt) {
        // The hot path: no allocation, no await.
        if (at >= self.#refreshAt && self.#flight === undefined && !more?.errors.holds(at)) self.#fetch('ahead');
        return more?.observed === true
          ? Promise.resolve(self.#resolved(token, 'hit', at))
          : (self.#settled as Promise<Token>);
      }
    }
    return self.#getSlow(callOptions ?? {}, self.#now());
  }

  subscribe(listener: TokenListener): Unsubscribe {
    const self = CachedSource.#of(this);
    const more = self.#extras();
    more.listeners ??= fanOut<Token>(self.name, more.report);
    return more.listeners.add(listener);
  }

  invalidate(): void {
    const self = CachedSource.#of(this);
    const more = self.#extras();
    more.previous = self.#token?.secret ?? more.previous;
    self.#token = undefined;
    self.#settled = undefined;
    more.errors.reset();
    more.lastError = undefined;
    self.#schedule(Number.POSITIVE_INFINITY);
  }

  peek(): Token | undefined {
    const self = CachedSource.#of(this);
    return self.#servableStale(self.#now());
  }

  close(): void {
    const self = CachedSource.#of(this);
    const more = self.#extras();
    if (more.closed) return;
    more.closed = true;
    self.#schedule(Number.POSITIVE_INFINITY);
    self.#flight?.lifetime.abort(self.#closedError());
    more.stopInner?.();
    more.listeners?.clear();
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
      if (#source in at) return at;
    }
    throw new TypeError('not a cache made by cached()');
  }

  #extras(): CacheExtras {
    this.#more ??= new CacheExtras();
    return this.#more;
  }

  #now(): number {
    const now = this.#more?.now;
    return now === undefined ? Date.now() : now();
  }

  #announced(token: Token): void {
    try {
      this.#accept(token, this.#now(), 'announced', 0);
    } catch (err) {
      // An announced value that cannot be served (expired, empty) is reported, never thrown into the announcer.
      this.#fail(TokenSourceError.wrap(err, this.#source.name, 'announced an unusable key'), this.#now());
    }
  }

  #resolved(token: Token, outcome: CacheOutcome, startedAt: number): Token {
    const more = this.#more;
    if (more?.observed === true) {
      more.report({
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

  /** The key held, if it may still be served while refreshes fail: within `maxStaleMs` of its TTL, never past its expiry. */
  #servableStale(at: number): Token | undefined {
    const token = this.#token;
    if (token === undefined || at >= expiryOf(token)) return undefined;
    return at < this.#dueAt + this.#policy.maxStaleMs ? token : undefined;
  }

  #accept(token: Token, fetchedAt: number, trigger: Trigger, durationMs: number): Token {
    const problem = tokenProblem(token);
    if (problem !== undefined) {
      throw new TokenSourceError(`returned ${problem}`, { source: this.#source.name, code: 'MALFORMED' });
    }
    const hardExpiry = expiryOf(token);
    if (hardExpiry <= fetchedAt) {
      throw new TokenSourceError(`returned a key that expired at ${token.expiresAt?.toISOString()}`, {
        source: token.source,
        code: 'EXPIRED',
      });
    }
    const more = this.#more;
    // On an injected clock (a test or a simulation driving time itself) every deadline stays exact, as with the coarse
    // clock: the first refresh is spread only for caches on the real clock, which is where fleets run.
    const first = trigger === 'initial' && more?.now === undefined;
    const { dueAt, refreshAt } = cacheDeadlines(
      this.#policy,
      fetchedAt,
      hardExpiry,
      more?.random ?? Math.random,
      first,
    );
    const previous = this.#token?.secret ?? more?.previous;
    this.#token = token;
    this.#settled = Promise.resolve(token);
    this.#dueAt = dueAt;
    this.#refreshAt = refreshAt;
    forgetCoarseNow();
    // Keys are compared by value: no fingerprint (a SHA-256) is made unless someone is told of it.
    const rotated = previous !== undefined && !previous.equals(token.secret);
    if (more !== undefined) {
      more.errors.reset();
      more.lastError = undefined;
      more.previous = undefined;
      if (more.observed) {
        more.fetchedAt = fetchedAt;
        const name = this.name;
        const fingerprint = token.secret.fingerprint;
        more.report({ type: 'refreshed', source: name, time: this.#now(), fingerprint, durationMs, trigger });
        if (rotated && previous !== undefined) {
          more.report({
            type: 'rotated',
            source: name,
            time: this.#now(),
            from: previous.fingerprint,
            to: fingerprint,
          });
        }
      }
      if (rotated) more.listeners?.emit(token);
    }
    this.#schedule(refreshAt);
    return token;
  }

  #fail(err: TokenSourceError, at: number): void {
    const more = this.#extras();
    const retryInMs = more.errors.step(at, this.#policy.errorBackoff, more.random);
    more.lastError = err;
    if (more.observed) {
      more.report({
        type: 'refresh-failed',
        source: this.name,
        time: at,
        reason: errorReason(err, this.name),
        code: err.code,
        consecutiveFailures: more.errors.attempts,
        retryInMs,
      });
    }
    // Keep trying in the background only while there is a key worth keeping fresh.
    if (this.#servableStale(at)) this.#schedule(more.errors.nextAt);
  }

  #fetch(trigger: Trigger): Promise<Token> {
    if (this.#flight !== undefined) return this.#flight.promise;
    const source = this.#source;
    const startedAt = this.#now();
    // One shared fetch serves many callers, so no caller's signal may end it; its own deadline and close() bound it instead.
    const lifetime = new AbortController();
    const deadline = deadlineSignal(lifetime.signal, this.#policy.fetchTimeoutMs);
    const signal = deadline.signal ?? lifetime.signal;
    const upstream = Promise.resolve().then(() =>
      source.getToken({ signal, ...(trigger === 'forced' && { forceRefresh: true }) }),
    );
    const promise = raceAbort(upstream, signal, source.name)
      .then((token) => this.#accept(token, this.#now(), trigger, this.#now() - startedAt))
      .catch((thrown: unknown) => {
        const err = TokenSourceError.wrap(thrown, source.name, 'threw an error that is not a TokenSourceError');
        // A fetch ended by close() is not a failure of the store: no backoff, no event, no retry timer.
        if (this.#more?.closed !== true) this.#fail(err, this.#now());
        throw err;
      })
      .finally(() => {
        deadline.dispose();
        if (this.#flight === flight) this.#flight = undefined;
      });
    const flight: Flight = { promise, lifetime };
    this.#flight = flight;
    // Background refreshes have no caller: their failure is reported through events, never as an unhandled rejection.
    promise.catch(noop);
    return promise;
  }

  #schedule(at: number): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    const policy = this.#policy;
    // With ttlMs 0 nothing is kept fresh: a timer would refetch as fast as the store answers.
    if (this.#more?.closed || !policy.backgroundRefresh || policy.ttlMs === 0 || at === Number.POSITIVE_INFINITY)
      return;
    this.#timer = startTimer(at - this.#now(), () => {
      this.#timer = undefined;
      if (this.#flight === undefined && this.#token !== undefined) this.#fetch('ahead');
    });
  }

  #closedError(): TokenAbortedError {
    return new TokenAbortedError('the cache was closed', { source: this.name, code: 'ABORTED' });
  }

  async #getForced(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    const at = this.#now();
    // Only a key still within its TTL may answer a forced refresh without a fetch; with ttlMs 0 that is never. (A key is
    // never due after its own expiry, so within its TTL is within its expiry.)
    const current = at < this.#dueAt ? this.#token : undefined;
    const rejected = callOptions.rejectedFingerprint;
    if (current && rejected !== undefined && current.secret.fingerprint !== rejected) {
      // The rotation was already picked up by another caller: no fetch.
      return this.#resolved(current, 'hit', startedAt);
    }
    if (this.#flight === undefined && current && this.#more?.forced.holds(at)) {
      // The store keeps handing back the key that was rejected: do not hammer it.
      return this.#resolved(current, 'hit', startedAt);
    }
    const before = this.#token?.secret ?? this.#more?.previous;
    const joined = this.#flight !== undefined;
    const token = await raceAbort(this.#fetch('forced'), callOptions.signal, this.name);
    if (!joined) {
      if (before?.equals(token.secret)) {
        const more = this.#extras();
        more.forced.step(this.#now(), this.#policy.forcedRefreshBackoff, more.random);
      } else {
        this.#more?.forced.reset();
      }
    }
    return this.#resolved(token, 'miss', startedAt);
  }

  async #getSlow(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    if (this.#more?.closed) throw this.#closedError();
    const name = this.name;
    if (callOptions.signal?.aborted) throw abortedError(name, callOptions.signal);
    if (callOptions.forceRefresh) return this.#getForced(callOptions, startedAt);
    const at = this.#now();
    const more = this.#more;
    if (this.#flight === undefined && more?.errors.holds(at)) {
      const stale = this.#servableStale(at);
      if (stale) return this.#staleServed(stale, at, startedAt);
      if (more.lastError) throw more.lastError;
    }
    try {
      const token = await raceAbort(this.#fetch(this.#token ? 'expired' : 'initial'), callOptions.signal, name);
      return this.#resolved(token, 'miss', startedAt);
    } catch (err) {
      if (TokenSourceError.is(err) && (err.code === 'ABORTED' || err.code === 'TIMEOUT') && err.source === name)
        throw err;
      const stale = this.#servableStale(this.#now());
      if (stale) return this.#staleServed(stale, this.#now(), startedAt);
      throw err;
    }
  }

  #staleServed(stale: Token, at: number, startedAt: number): Token {
    const more = this.#more;
    if (more?.observed === true) {
      more.report({
        type: 'stale-served',
        source: this.name,
        time: at,
        fingerprint: stale.secret.fingerprint,
        ageMs: at - more.fetchedAt,
      });
    }
    return this.#resolved(stale, 'stale', startedAt);
  }
}
// Every cache answers isCachedTokenSource(), through its prototype: no property per cache.
setBrand(CachedSource.prototype, CACHED_BRAND);

/** When a key stops working: its own `expiresAt`, or never. */
function expiryOf(token: Token): number {
  return token.expiresAt ? token.expiresAt.getTime() : Number.POSITIVE_INFINITY;
}

function noop(): void {}
