import { abortedError, raceAbort } from './abort.js';
import { brandSymbol, setBrand } from './brand.js';
import { CacheExtras, type CacheSettings, type RefreshedHow, readClock } from './CacheExtras.js';
import { cacheDeadlines, DEADLINE_EPOCH_MS, storedDeadline } from './cacheDeadlines.js';
import type { CachedTokenSource } from './cached.js';
import type { CachePolicy } from './cachePolicy.js';
import { coarseNow, forgetCoarseNow } from './coarseClock.js';
import { expiryOf, servableExpiry } from './servableExpiry.js';
import { flightOf, type SharedFetch, sharedFetch } from './sharedFetch.js';
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
 * state lives in {@link CacheExtras}, made when first needed, which then holds the policy in the cache's stead.
 */
export class CachedSource implements CachedTokenSource {
  readonly #source: TokenSource;
  // The key held, undefined before the first fetch and after invalidate(). Its deadlines live here rather than in an
  // entry object of their own: one object header and one pointer less per cache.
  #token: Token | undefined;
  /** The key as a settled promise, handed to every unobserved hit: no allocation on the hot path. */
  #settled: Promise<Token> | undefined;
  // The deadlines, as storedDeadline() makes them: small integers, kept in the object. They start undefined, not 0: a field
  // first given a small integer is laid out for numbers only, and one Infinity stored would box it in every cache.
  /** Past this the key is fetched again before it is served (TTL with jitter, or its own expiry). */
  #dueAt!: number;
  /** From here on a call starts a background refresh while it is served the current key. */
  #refreshAt!: number;
  // The fetch in flight, shared by every caller (it ends in the key taken or the error backed off), else the timer of the
  // next background refresh: one field for both, as a warm cache mostly has neither. A fetch holds the timer in `next`.
  #pending: SharedFetch | Timer | undefined;
  // The (shared) policy alone, or once anything else is needed, the extras holding it: one field for both, 8 bytes of each
  // of the thousands of caches a process may hold, as a warm cache mostly needs no extras. Read through #moreOf/#policyOf.
  #more: CachePolicy | CacheExtras;

  constructor(source: TokenSource, policy: CachePolicy, settings: CacheSettings) {
    this.#source = source;
    this.#more = CacheExtras.needed(settings) ? new CacheExtras(policy, settings) : policy;
    // Only a source that announces keys costs a closure and a subscription.
    if (source.subscribe !== undefined)
      CachedSource.#extras(this).stopInner = source.subscribe((token) => CachedSource.#announced(this, token));
  }

  /** Shown in errors and events: the name given, else `cached(<inner name>)` (made when asked, not kept). */
  get name(): string {
    const self = CachedSource.#of(this);
    return CachedSource.#moreOf(self)?.name ?? `cached(${self.#source.name})`;
  }

  getToken(callOptions?: GetTokenOptions): Promise<Token> {
    // A view made with Object.create(cache) calls this with itself as `this`: its state is the cache's (see #of).
    const self = #source in this ? this : CachedSource.#of(this);
    const token = self.#token;
    const more = CachedSource.#moreOf(self);
    if (
      token !== undefined &&
      more?.closed !== true &&
      callOptions?.forceRefresh !== true &&
      callOptions?.signal?.aborted !== true
    ) {
      // Only soft deadlines may use the coarse clock; an injected clock is always read, so tests stay exact.
      const at = more?.now !== undefined ? more.now() : token.expiresAt === undefined ? coarseNow() : Date.now();
      const since = at - DEADLINE_EPOCH_MS;
      if (since < self.#dueAt) {
        // The hot path: no allocation, no await.
        if (since >= self.#refreshAt && flightOf(self.#pending) === undefined && !more?.errors?.holds(at))
          CachedSource.#fetch(self, 'ahead');
        if (more?.observed !== true) return self.#settled as Promise<Token>;
        more.resolved(self, token, 'hit', at, readClock(more));
        return Promise.resolve(token);
      }
    }
    return CachedSource.#getSlow(self, callOptions ?? {}, CachedSource.#now(self));
  }

  subscribe(listener: TokenListener): Unsubscribe {
    const self = CachedSource.#of(this);
    return CachedSource.#extras(self).subscribe(self, listener);
  }

  invalidate(): void {
    const self = CachedSource.#of(this);
    CachedSource.#extras(self).dropped(self.#token?.secret);
    self.#token = undefined;
    self.#settled = undefined;
    CachedSource.#schedule(self, Number.POSITIVE_INFINITY);
  }

  peek(): Token | undefined {
    const self = CachedSource.#of(this);
    return CachedSource.#servableStale(self, CachedSource.#now(self));
  }

  close(): void {
    const self = CachedSource.#of(this);
    if (!CachedSource.#extras(self).close()) return;
    CachedSource.#schedule(self, Number.POSITIVE_INFINITY);
    flightOf(self.#pending)?.lifetime.abort(
      new TokenAbortedError('the cache was closed', { source: self.name, code: 'ABORTED' }),
    );
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

  // The private methods below are static and take the cache as `self`: private instance methods would give every cache a
  // brand field, 8 bytes of each of the thousands a process may hold.
  static #extras(self: CachedSource): CacheExtras {
    const more = self.#more;
    if (more instanceof CacheExtras) return more;
    const made = new CacheExtras(more);
    self.#more = made;
    return made;
  }

  /** The extras, if the cache has any. */
  static #moreOf(self: CachedSource): CacheExtras | undefined {
    const more = self.#more;
    return more instanceof CacheExtras ? more : undefined;
  }

  /** The cache's clock (see readClock). */
  static #now(self: CachedSource): number {
    return readClock(CachedSource.#moreOf(self));
  }

  static #policyOf(self: CachedSource): CachePolicy {
    const more = self.#more;
    return more instanceof CacheExtras ? more.policy : more;
  }

  static #announced(self: CachedSource, token: Token): void {
    try {
      CachedSource.#accept(self, token, CachedSource.#now(self), 'announced', 0);
    } catch (err) {
      // An announced value that cannot be served (expired, empty) is reported, never thrown into the announcer.
      const unusable = TokenSourceError.wrap(err, self.#source.name, 'announced an unusable key');
      CachedSource.#fail(self, unusable, CachedSource.#now(self));
    }
  }

  /** The key held, if it may still be served while refreshes fail: within `maxStaleMs` of its TTL, never past its expiry. */
  static #servableStale(self: CachedSource, at: number): Token | undefined {
    const token = self.#token;
    if (token === undefined || at >= expiryOf(token)) return undefined;
    return at - DEADLINE_EPOCH_MS < self.#dueAt + CachedSource.#policyOf(self).maxStaleMs ? token : undefined;
  }

  static #accept(self: CachedSource, token: Token, fetchedAt: number, trigger: Trigger, durationMs: number): Token {
    const hardExpiry = servableExpiry(token, fetchedAt, self.#source.name);
    const more = CachedSource.#moreOf(self);
    // On an injected clock (a test or a simulation driving time itself) every deadline stays exact, as with the coarse
    // clock: the first refresh is spread only for caches on the real clock, which is where fleets run.
    const first = trigger === 'initial' && more?.now === undefined;
    const random = more?.random ?? Math.random;
    const { dueAt, refreshAt } = cacheDeadlines(CachedSource.#policyOf(self), fetchedAt, hardExpiry, random, first);
    const previous = self.#token?.secret ?? more?.previous;
    self.#token = token;
    self.#settled = Promise.resolve(token);
    const exact = more?.now !== undefined;
    self.#dueAt = storedDeadline(dueAt, exact);
    self.#refreshAt = storedDeadline(refreshAt, exact);
    forgetCoarseNow();
    more?.took(self, token, previous, { fetchedAt, durationMs, trigger }, CachedSource.#now(self));
    CachedSource.#schedule(self, refreshAt);
    return token;
  }

  static #fail(self: CachedSource, err: TokenSourceError, at: number): void {
    // A fetch ended by close() is not a failure of the store: no backoff, no event, no retry timer.
    if (CachedSource.#moreOf(self)?.closed) return;
    const nextAt = CachedSource.#extras(self).failed(self, err, CachedSource.#policyOf(self).errorBackoff, at);
    // Keep trying in the background only while there is a key worth keeping fresh.
    if (CachedSource.#servableStale(self, at)) CachedSource.#schedule(self, nextAt);
  }

  static #fetch(self: CachedSource, trigger: Trigger): Promise<Token> {
    const pending = self.#pending;
    const current = flightOf(pending);
    if (current !== undefined) return current.taken;
    const startedAt = CachedSource.#now(self);
    const flight = sharedFetch(self.#source, CachedSource.#policyOf(self).fetchTimeoutMs, trigger === 'forced', {
      take: (token) =>
        CachedSource.#accept(self, token, CachedSource.#now(self), trigger, CachedSource.#now(self) - startedAt),
      fail: (err) => CachedSource.#fail(self, err, CachedSource.#now(self)),
      done: () => {
        if (self.#pending === flight) self.#pending = flight.next;
      },
    });
    flight.next = pending as Timer | undefined;
    self.#pending = flight;
    return flight.taken;
  }

  static #schedule(self: CachedSource, at: number): void {
    const flight = flightOf(self.#pending);
    (flight !== undefined ? flight.next : (self.#pending as Timer | undefined))?.cancel();
    const timer = CachedSource.#timer(self, at);
    if (flight !== undefined) flight.next = timer;
    else self.#pending = timer;
  }

  /** The timer of the next background refresh, if the cache keeps its key fresh. */
  static #timer(self: CachedSource, at: number): Timer | undefined {
    const policy = CachedSource.#policyOf(self);
    // With ttlMs 0 nothing is kept fresh: a timer would refetch as fast as the store answers. (At Infinity, no timer starts.)
    if (CachedSource.#moreOf(self)?.closed || !policy.backgroundRefresh || policy.ttlMs === 0) return undefined;
    const timer = startTimer(at - CachedSource.#now(self), () => {
      const flight = flightOf(self.#pending);
      // Fired while a fetch was in flight: that fetch is the refresh.
      if (flight !== undefined) {
        if (flight.next === timer) flight.next = undefined;
        return;
      }
      self.#pending = undefined;
      if (self.#token !== undefined) CachedSource.#fetch(self, 'ahead');
    });
    return timer;
  }

  static async #getForced(self: CachedSource, callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    const at = CachedSource.#now(self);
    // Only a key still within its TTL may answer a forced refresh without a fetch; with ttlMs 0 that is never. (A key is
    // never due after its own expiry, so within its TTL is within its expiry.)
    const current = at - DEADLINE_EPOCH_MS < self.#dueAt ? self.#token : undefined;
    const rejected = callOptions.rejectedFingerprint;
    // A rotation another caller already picked up, or a store that keeps handing back the rejected key: no fetch.
    const answered = current && rejected !== undefined && current.secret.fingerprint !== rejected;
    const holding = flightOf(self.#pending) === undefined && current && CachedSource.#moreOf(self)?.forced?.holds(at);
    if (current && (answered || holding)) {
      CachedSource.#moreOf(self)?.resolved(self, current, 'hit', startedAt, CachedSource.#now(self));
      return current;
    }
    const before = self.#token?.secret ?? CachedSource.#moreOf(self)?.previous;
    const joined = flightOf(self.#pending) !== undefined;
    const token = await raceAbort(CachedSource.#fetch(self, 'forced'), callOptions.signal, self.name);
    CachedSource.#moreOf(self)?.resolved(self, token, 'miss', startedAt, CachedSource.#now(self));
    // Only the caller whose call started the fetch counts it: a burst of forced refreshes is one attempt.
    const same = before?.equals(token.secret) === true;
    const backoff = CachedSource.#policyOf(self).forcedRefreshBackoff;
    if (!joined) CachedSource.#extras(self).forcedDone(same, backoff, CachedSource.#now(self));
    return token;
  }

  static async #getSlow(self: CachedSource, callOptions: GetTokenOptions, startedAt: number): Promise<Token> {
    const name = self.name;
    const more = CachedSource.#moreOf(self);
    if (more?.closed) throw new TokenAbortedError('the cache was closed', { source: name, code: 'ABORTED' });
    if (callOptions.signal?.aborted) throw abortedError(name, callOptions.signal);
    if (callOptions.forceRefresh) return CachedSource.#getForced(self, callOptions, startedAt);
    const at = readClock(more);
    if (flightOf(self.#pending) === undefined && more?.errors?.holds(at)) {
      const stale = CachedSource.#staleServed(self, at, startedAt);
      if (stale) return stale;
      if (more.lastError) throw more.lastError;
    }
    try {
      const fetched = CachedSource.#fetch(self, self.#token ? 'expired' : 'initial');
      const token = await raceAbort(fetched, callOptions.signal, name);
      CachedSource.#moreOf(self)?.resolved(self, token, 'miss', startedAt, CachedSource.#now(self));
      return token;
    } catch (err) {
      // The caller's own abort or the fetch's deadline is the answer; any failure of the store may be served stale.
      if (TokenSourceError.is(err) && (err.code === 'ABORTED' || err.code === 'TIMEOUT') && err.source === name)
        throw err;
      const stale = CachedSource.#staleServed(self, CachedSource.#now(self), startedAt);
      if (stale) return stale;
      throw err;
    }
  }

  /** The stale key, reported as served, if one may be. */
  static #staleServed(self: CachedSource, at: number, startedAt: number): Token | undefined {
    const stale = CachedSource.#servableStale(self, at);
    if (stale === undefined) return undefined;
    const more = CachedSource.#moreOf(self);
    more?.staleServed(self, stale, at);
    more?.resolved(self, stale, 'stale', startedAt, readClock(more));
    return stale;
  }
}
// Every cache answers isCachedTokenSource(), through its prototype: no property per cache.
setBrand(CachedSource.prototype, CACHED_BRAND);
