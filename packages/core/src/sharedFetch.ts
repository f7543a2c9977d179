import { deadlineSignal, raceAbort } from './abort.js';
import type { Token, TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import type { Timer } from './timer.js';

/** What the cache does with the fetch's outcome. */
export interface SharedFetchHandlers {
  /** Takes the key (and may refuse it by throwing, which counts as a failure). */
  take(token: Token): Token;
  /** Sees every failure, the store's or `take`'s, as a `TokenSourceError`. */
  fail(err: TokenSourceError): void;
  /** Runs once the fetch is over, either way. */
  done(): void;
}

/** One upstream call made for many callers. */
export interface SharedFetch {
  /** What `take` returned, or the error `fail` saw. Never an unhandled rejection: a background refresh has no caller. */
  readonly taken: Promise<Token>;
  /** Aborted by `close()`: the inner source's `signal` fires, so the call ends at once instead of at its deadline. */
  readonly lifetime: AbortController;
  /**
   * The cache's refresh timer while this fetch is in flight: a cache keeps its fetch and its timer in one field (a warm
   * cache has neither), so the timer set or still pending during a fetch waits here until the fetch is over.
   */
  next: Timer | undefined;
}

/**
 * Starts the fetch a cache's callers share. No caller's signal may end it (the others still wait on it), so it has a
 * lifetime of its own and its own deadline, `timeoutMs`. The inner source is called on the next microtask, never inside
 * the caller's stack, so a source that throws synchronously still rejects.
 *
 * @example
 * ```ts
 * const flight = sharedFetch(source, policy.fetchTimeoutMs, false, { take: keep, fail: backOff, done: forget });
 * const token = await raceAbort(flight.taken, callerSignal, name);
 * ```
 */
export function sharedFetch(
  source: TokenSource,
  timeoutMs: number,
  forceRefresh: boolean,
  handlers: SharedFetchHandlers,
): SharedFetch {
  const lifetime = new AbortController();
  const deadline = deadlineSignal(lifetime.signal, timeoutMs);
  const signal = deadline.signal ?? lifetime.signal;
  const upstream = Promise.resolve().then(() => source.getToken({ signal, ...(forceRefresh && { forceRefresh }) }));
  const taken = raceAbort(upstream, signal, source.name)
    .then((token) => handlers.take(token))
    .catch((thrown: unknown) => {
      const err = TokenSourceError.wrap(thrown, source.name, 'threw an error that is not a TokenSourceError');
      handlers.fail(err);
      throw err;
    })
    .finally(() => {
      deadline.dispose();
      handlers.done();
    });
  taken.catch(noop);
  return { taken, lifetime, next: undefined };
}

function noop(): void {}

/**
 * The fetch in flight, if what a cache has pending is one rather than its refresh timer.
 *
 * @example
 * ```ts
 * const flight = flightOf(pending); // undefined for a timer
 * ```
 */
export function flightOf(pending: SharedFetch | Timer | undefined): SharedFetch | undefined {
  return pending !== undefined && 'taken' in pending ? pending : undefined;
}
