import { Backoff } from './Backoff.js';
import type { CachePolicy } from './cachePolicy.js';
import { errorReason } from './errorReason.js';
import type { CacheOutcome, TokenEvent, TokenEventListener, TokenLogger, TokenObserver } from './events.js';
import { type FanOut, fanOut } from './fanOut.js';
import { createReporter } from './report.js';
import type { Secret } from './Secret.js';
import type { Token, TokenListener, Unsubscribe } from './TokenSource.js';
import type { TokenSourceError } from './TokenSourceError.js';

/** What a cache is told at construction besides its policy. */
export interface CacheSettings {
  readonly name?: string | undefined;
  readonly now?: (() => number) | undefined;
  readonly random?: (() => number) | undefined;
  readonly observer?: TokenObserver | undefined;
  readonly onEvent?: TokenEventListener | undefined;
  readonly logger?: TokenLogger | undefined;
}

/** The cache an event is about: its name is made only when an event is. */
interface Named {
  readonly name: string;
}

/**
 * The part of a cache that most caches never need: settings beyond the policy (a name, an injected clock or randomness,
 * an observer, and the events it is sent), and state that only a failure, a forced refresh, `invalidate()`, `close()`, a
 * subscriber or an announcing inner source brings. A process may hold thousands of caches that are only ever hit, so this
 * is made when first needed (or at construction, when a setting is given): a plain warm cache carries one empty field.
 */
export class CacheExtras {
  /** The cache's policy, held here once the cache has extras (the cache holds it itself until then). */
  readonly policy: CachePolicy;
  readonly name: string | undefined;
  /** The injected clock; undefined for the real one (so the hot path may read the coarse clock). */
  readonly now: (() => number) | undefined;
  readonly random: () => number;
  readonly #report: (event: TokenEvent) => void;
  /** An observer was given: only then are events built (a fingerprint is a SHA-256) and hits reported. */
  readonly observed: boolean;
  /** When the key held was fetched; kept only when observed, for the age in `stale-served` events. */
  fetchedAt = 0;
  /** Failed fetches in a row (`errorBackoff`); made at the first failure. */
  errors: Backoff | undefined;
  /** What a call inside the error backoff rejects with when no stale key may be served. */
  lastError: TokenSourceError | undefined;
  /** Forced refreshes that brought back the key held (`forcedRefreshBackoff`); made at the first. */
  forced: Backoff | undefined;
  /** The key dropped by `invalidate()`, so the next key is still compared with it (a `rotated` event, forced backoff). */
  previous: Secret | undefined;
  closed = false;
  listeners: FanOut<Token> | undefined;
  /** Ends the subscription to an inner source that announces keys. */
  stopInner: Unsubscribe | undefined;

  constructor(policy: CachePolicy, settings: CacheSettings = {}) {
    this.policy = policy;
    this.name = settings.name;
    this.now = settings.now;
    this.random = settings.random ?? Math.random;
    const observer = observerOf(settings);
    this.#report = createReporter(observer);
    this.observed = observer !== undefined;
  }

  /** True when `settings` hold anything a cache must know from the start. */
  static needed(settings: CacheSettings): boolean {
    return (
      settings.name !== undefined ||
      settings.now !== undefined ||
      settings.random !== undefined ||
      observerOf(settings) !== undefined
    );
  }

  subscribe(cache: Named, listener: TokenListener): Unsubscribe {
    this.listeners ??= fanOut<Token>(cache.name, this.#report);
    return this.listeners.add(listener);
  }

  /** The cache dropped its key (`invalidate()`): the next key is compared with this one, and fetched at once. */
  dropped(secret: Secret | undefined): void {
    this.previous = secret ?? this.previous;
    this.errors?.reset();
    this.lastError = undefined;
  }

  /** The cache took a new key; `previous` is the one it held (or dropped). Tells observers, and subscribers of a change. */
  took(cache: Named, token: Token, previous: Secret | undefined, how: RefreshedHow, at: number): void {
    this.errors?.reset();
    this.lastError = undefined;
    this.previous = undefined;
    // Keys are compared by value: no fingerprint (a SHA-256) is made unless an observer is told of it.
    const rotated = previous !== undefined && !previous.equals(token.secret) ? previous : undefined;
    if (this.observed) {
      this.fetchedAt = how.fetchedAt;
      const { name } = cache;
      const fingerprint = token.secret.fingerprint;
      const { durationMs, trigger } = how;
      this.#report({ type: 'refreshed', source: name, time: at, fingerprint, durationMs, trigger });
      if (rotated)
        this.#report({ type: 'rotated', source: name, time: at, from: rotated.fingerprint, to: fingerprint });
    }
    if (rotated) this.listeners?.emit(token);
  }

  /** A fetch failed at `at`: backs off (`range` is the policy's `errorBackoff`); returns when the next one may start. */
  failed(cache: Named, err: TokenSourceError, range: BackoffRange, at: number): number {
    this.errors ??= new Backoff();
    const retryInMs = this.errors.step(at, range, this.random);
    this.lastError = err;
    if (this.observed) {
      const { name } = cache;
      const consecutiveFailures = this.errors.attempts;
      const reason = errorReason(err, name);
      this.#report({
        type: 'refresh-failed',
        source: name,
        time: at,
        reason,
        code: err.code,
        consecutiveFailures,
        retryInMs,
      });
    }
    return this.errors.nextAt;
  }

  /** A forced refresh of the cache's own was over: it brought back the key it held (`same`), or a new one. */
  forcedDone(same: boolean, range: BackoffRange, at: number): void {
    if (!same) {
      this.forced?.reset();
      return;
    }
    this.forced ??= new Backoff();
    this.forced.step(at, range, this.random);
  }

  /** Marks the cache closed and ends what it holds here; false if it already was. */
  close(): boolean {
    if (this.closed) return false;
    this.closed = true;
    this.stopInner?.();
    this.listeners?.clear();
    return true;
  }

  resolved(cache: Named, token: Token, outcome: CacheOutcome, startedAt: number, at: number): void {
    if (!this.observed) return;
    const { name } = cache;
    const fingerprint = token.secret.fingerprint;
    const durationMs = at - startedAt;
    this.#report({
      type: 'resolved',
      source: name,
      time: at,
      winner: token.source,
      durationMs,
      fingerprint,
      cache: outcome,
    });
  }

  staleServed(cache: Named, token: Token, at: number): void {
    if (!this.observed) return;
    const ageMs = at - this.fetchedAt;
    this.#report({ type: 'stale-served', source: cache.name, time: at, fingerprint: token.secret.fingerprint, ageMs });
  }
}

type BackoffRange = CachePolicy['errorBackoff'];

/** How a key was taken, as a `refreshed` event tells it. */
export interface RefreshedHow {
  readonly fetchedAt: number;
  readonly durationMs: number;
  readonly trigger: Extract<TokenEvent, { type: 'refreshed' }>['trigger'];
}

/**
 * A cache's clock: the one injected in its settings, else the real one.
 *
 * @example
 * ```ts
 * const at = readClock(more); // more is undefined for a cache made with no settings
 * ```
 */
export function readClock(more: CacheExtras | undefined): number {
  return more?.now?.() ?? Date.now();
}

/** `observer`, or the deprecated flat `onEvent`/`logger`; where both name a field, `observer`'s wins. */
function observerOf(settings: CacheSettings): TokenObserver | undefined {
  const onEvent = settings.observer?.onEvent ?? settings.onEvent;
  const logger = settings.observer?.logger ?? settings.logger;
  if (onEvent === undefined && logger === undefined) return undefined;
  return { ...(onEvent !== undefined && { onEvent }), ...(logger !== undefined && { logger }) };
}
