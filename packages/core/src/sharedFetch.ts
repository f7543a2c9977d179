import { deadlineSignal, raceAbort } from './abort.js';
import type { Token, TokenSource } from './TokenSource.js';

/** One upstream call made for many callers. */
export interface SharedFetch {
  /** The inner source's answer, rejected with `TIMEOUT` or `ABORTED` when the fetch's own deadline or lifetime ends. */
  readonly token: Promise<Token>;
  /** Aborted by `close()`: the inner source's `signal` fires, so the call ends at once instead of at its deadline. */
  readonly lifetime: AbortController;
  /** Clears the deadline's timer once the fetch is over. */
  dispose(): void;
}

/**
 * Starts the fetch a cache's callers share. No caller's signal may end it (the others still wait on it), so it has a
 * lifetime of its own and its own deadline, `timeoutMs`. The inner source is called on the next microtask, never inside
 * the caller's stack, so a source that throws synchronously still rejects.
 *
 * @example
 * ```ts
 * const fetch = sharedFetch(source, policy.fetchTimeoutMs, false);
 * fetch.token.finally(() => fetch.dispose());
 * ```
 */
export function sharedFetch(source: TokenSource, timeoutMs: number, forceRefresh: boolean): SharedFetch {
  const lifetime = new AbortController();
  const deadline = deadlineSignal(lifetime.signal, timeoutMs);
  const signal = deadline.signal ?? lifetime.signal;
  const upstream = Promise.resolve().then(() => source.getToken({ signal, ...(forceRefresh && { forceRefresh }) }));
  return { token: raceAbort(upstream, signal, source.name), lifetime, dispose: deadline.dispose };
}
