import { abortedError, raceAbort } from './abort.js';
import { brandSymbol, setBrand } from './brand.js';
import { CacheExtras, type CacheSettings, type RefreshedHow } from './CacheExtras.js';
import { cacheDeadlines } from './cacheDeadlines.js';
import type { CachedTokenSource } from './cached.js';
import type { CachePolicy } from './cachePolicy.js';
import { coarseNow, forgetCoarseNow } from './coarseClock.js';
import { expiryOf, servableExpiry } from './servableExpiry.js';
import { type SharedFetch, sharedFetch } from './sharedFetch.js';
import { TokenAbortedError } from './TokenAbortedError.js';
import type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { startTimer, type Timer } from './timer.js';

/** Carried by every cache's prototype, so that `isCachedTokenSource` holds across copies of this package. */
export const CACHED_BRAND = brandSymbol('CachedTokenSource');

type Trigger = RefreshedHow['trigger'];

/**
 * The cache behind `cached()`, as a class: a process may hold thousands of caches (a fleet of tenants, a test suite), and
 * methods on a prototype cost nothing per cache where a closure per function cost ~2 KiB. A warm cache holds its source,
 * its (shared) policy, its key with the two deadlines the hot path compares, and nothing else: every other setting and
 * state lives in {@link CacheExtras}, made when first needed.
 */
export class CachedSource implements CachedTokenSource {
  readonly #source: TokenSource;
  readonly #policy: CachePolicy;
  // The key held, undefined before the first fetch and after invalidate(). Its deadlines live here rather than in an
  // entry object of their own: one object header and one pointer less per cache.
  #token: Token | undefined;
  /** The key as a settled promise, handed to every unobserved hit: no allocation on the hot path. */
  #settled: Promise<Token> | undefined;
  /** Past this the key is fetched again before it is served (TTL with jitter, or its own expiry). */
  #dueAt = 0;
  /** From here on a call starts a background refresh while it is served the current key. */
  #refreshAt = 0;
  /** The fetch in flight, shared by every caller; it ends in the key taken or the error backed off. */
  #flight: SharedFetch | undefined;
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
        if (at >= self.#refreshAt && self.#flight === undefined && !more?.errors?.holds(at)) self.#fetch('ahead');
        if (more?.observed !== true) return self.#settled as Promise<Token>;
        more.resolved(self, token, 'hit', at, self.#now());
        return Promise.resolve(token);
      }
    }
    return self.#getSlow(callOptions ?? {}, self.#now());
  }

  subscribe(listener: TokenListener): Unsubscribe {
    const self = CachedSource.#of(this);
    return self.#extras().subscribe(self, listener);
  }

  invalidate(): void {
    const self = CachedSource.#of(this);
    self.#extras().dropped(self.#token?.secret);
    self.#token = undefined;
    self.#settled = undefined;
    self.#schedule(Number.POSITIVE_INFINITY);
  }

  peek(): Token | undefined {
    const self = CachedSource.#of(this);
    return self.#servableStale(self.#now());
  }

  close(): void {
    const self = CachedSource.#of(this);
    if (!self.#extras().close()) return;
    self.#schedule(Number.POSITIVE_INFINITY);
    self.#flight?.lifetime.abort(new TokenAbortedError('the cache was closed', { source: self.name, code: 'ABORTED' }));
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** The cache a method was called on: a view made with `Object.create(cache)` (the Momento key checks) has its state. */
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
    return this.#more?.now?.() ?? Date.now();
  }

  #announced(token: Token): void {
    try {
      this.#accept(token, this.#now(), 'announced', 0);
    } catch (err) {
      // An announced value that cannot be served (expired, empty) is reported, never thrown into the announcer.
      this.#fail(TokenSourceError.wrap(err, this.#source.name, 'announced an unusable key'), this.#now());
    }
  }

  /** The key held, if it may still be served while refreshes fail: within `maxStaleMs` of its TTL, never past its expiry. */
  #servableStale(at: number): Token | undefined {
    const token = this.#token;
    if (token === undefined || at >= expiryOf(token)) return undefined;
    return at < this.#dueAt + this.#policy.maxStaleMs ? token : undefined;
  }

  #accept(token: Token, fetchedAt: number, trigger: Trigger, durationMs: number): Token {
    const hardExpiry = servableExpiry(token, fetchedAt, this.#source.name);
    const more = this.#more;
    // On an injected clock (a test or a simulation driving time itself) every deadline stays exact, as with the coarse
    // clock: the first refresh is spread only for caches on the real clock, which is where fleets run.
    const first = trigger === 'initial' && more?.now === undefined;
    const random = more?.random ?? Math.random;
    const { dueAt, refreshAt } = cacheDeadlines(this.#policy, fetchedAt, hardExpiry, random, first);
    const previous = this.#token?.secret ?? more?.previous;
    this.#token = token;
    this.#settled = Promise.resolve(token);
    this.#dueAt = dueAt;
    this.#refreshAt = refreshAt;
    forgetCoarseNow();
    more?.took(this, token, previous, { fetchedAt, durationMs, trigger }, this.#now());
    this.#schedule(refreshAt);
    return token;
  }

  #fail(err: TokenSourceError, at: number): void {
    // A fetch ended by close() is not a failure of the store: no backoff, no event, no retry timer.
    if (this.#more?.closed) return;
    const nextAt = this.#extras().failed(this, err, this.#policy.errorBackoff, at);
    // Keep trying in the background only while there is a key worth keeping fresh.
    if (this.#servableStale(at)) this.#schedule(nextAt);
  }

  #fetch(trigger: Trigger): Promise<Token> {
    if (this.#flight !== undefined) return this.#flight.taken;
    const startedAt = this.#now();
    const flight = sharedFetch(this.#source, this.#policy.fetchTimeoutMs, trigger === 'forced', {
      take: (token) => this.#accept(token, this.#now(), trigger, this.#now() - startedAt),
      fail: (err) => this.#fail(err, this.#now()),
      done: () => {
        if (this.#flight === flight) this.#flight = undefined;
      },
    });
    this.#flight = flight;
    return flight.taken;
  }

  #schedule(at: number): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    const policy = this.#policy;
    // With ttlMs 0 nothing is kept fresh: a timer would refetch as fast as the store answers. (At Infinity, no timer starts.)
    if (this.#more?.closed || !policy.backgroundRefresh || policy.ttlMs === 0) return;
    this.#timer = startTimer(at - this.#now(), () => {
      this.#timer = undefined;
      if (this.#flight === undefined && this.#token !== undefined) this.#fetch('ahead');
    });
  }

  async #getForced(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    const at = this.#now();
    // Only a key still within its TTL may answer a forced refresh without a fetch; with ttlMs 0 that is never. (A key is
    // never due after its own expiry, so within its TTL is within its expiry.)
    const current = at < this.#dueAt ? this.#token : undefined;
    const rejected = callOptions.rejectedFingerprint;
    // A rotation another caller already picked up, or a store that keeps handing back the rejected key: no fetch.
    const answered = current && rejected !== undefined && current.secret.fingerprint !== rejected;
    const holding = this.#flight === undefined && current && this.#more?.forced?.holds(at);
    if (current && (answered || holding)) {
      this.#more?.resolved(this, current, 'hit', startedAt, this.#now());
      return current;
    }
    const before = this.#token?.secret ?? this.#more?.previous;
    const joined = this.#flight !== undefined;
    const token = await raceAbort(this.#fetch('forced'), callOptions.signal, this.name);
    this.#more?.resolved(this, token, 'miss', startedAt, this.#now());
    // Only the caller whose call started the fetch counts it: a burst of forced refreshes is one attempt.
    const same = before?.equals(token.secret) === true;
    if (!joined) this.#extras().forcedDone(same, this.#policy.forcedRefreshBackoff, this.#now());
    return token;
  }

  async #getSlow(callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    const name = this.name;
    if (this.#more?.closed) throw new TokenAbortedError('the cache was closed', { source: name, code: 'ABORTED' });
    if (callOptions.signal?.aborted) throw abortedError(name, callOptions.signal);
    if (callOptions.forceRefresh) return this.#getForced(callOptions, startedAt);
    const at = this.#now();
    const more = this.#more;
    if (this.#flight === undefined && more?.errors?.holds(at)) {
      const stale = this.#staleServed(at, startedAt);
      if (stale) return stale;
      if (more.lastError) throw more.lastError;
    }
    try {
      const token = await raceAbort(this.#fetch(this.#token ? 'expired' : 'initial'), callOptions.signal, name);
      this.#more?.resolved(this, token, 'miss', startedAt, this.#now());
      return token;
    } catch (err) {
      // The caller's own abort or the fetch's deadline is the answer; any failure of the store may be served stale.
      if (TokenSourceError.is(err) && (err.code === 'ABORTED' || err.code === 'TIMEOUT') && err.source === name)
        throw err;
      const stale = this.#staleServed(this.#now(), startedAt);
      if (stale) return stale;
      throw err;
    }
  }

  /** The stale key, reported as served, if one may be. */
  #staleServed(at: number, startedAt: number): Token | undefined {
    const stale = this.#servableStale(at);
    if (stale === undefined) return undefined;
    this.#more?.staleServed(this, stale, at);
    this.#more?.resolved(this, stale, 'stale', startedAt, this.#now());
    return stale;
  }
}
// Every cache answers isCachedTokenSource(), through its prototype: no property per cache.
setBrand(CachedSource.prototype, CACHED_BRAND);
