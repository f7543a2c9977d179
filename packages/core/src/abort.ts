import { TokenAbortedError } from './TokenAbortedError.js';
import { TokenSourceError } from './TokenSourceError.js';
import { startTimer } from './timer.js';

const TIMEOUT_REASON = Symbol.for('@tokenchain/core/deadline');

/**
 * A signal that fires when the caller's signal does or when `timeoutMs` passes, whichever is first. Any length works, past
 * Node's 24.8-day timer limit too (see {@link startTimer}); `undefined` or `Infinity` means no deadline, a negative
 * `timeoutMs` counts as 0, and `NaN` is a `RangeError`. The timer does not keep the process alive. Call `dispose()` when the
 * work is done to drop the timer at once.
 *
 * @example
 * ```ts
 * const deadline = deadlineSignal(options.signal, 5_000);
 * try { return await client.send(command, { abortSignal: deadline.signal }); } finally { deadline.dispose(); }
 * ```
 */
export function deadlineSignal(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): { readonly signal: AbortSignal | undefined; dispose(): void } {
  if (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY) return { signal, dispose: noop };
  const controller = new AbortController();
  const timer = startTimer(timeoutMs, () => controller.abort(deadlineReason(timeoutMs)));
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      timer.cancel();
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

function deadlineReason(timeoutMs: number): Error {
  const reason = new Error(`deadline of ${timeoutMs} ms passed`);
  reason.name = 'TimeoutError';
  Object.defineProperty(reason, TIMEOUT_REASON, { value: true });
  return reason;
}

/** True when a signal fired because a {@link deadlineSignal} deadline passed (or was aborted with a `TimeoutError`). */
export function isDeadline(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    ((reason as Record<symbol, unknown>)[TIMEOUT_REASON] === true || (reason as Error).name === 'TimeoutError')
  );
}

/** The error a source rejects with when its signal fired: `TIMEOUT` for a deadline, `ABORTED` for the caller. */
export function abortedError(source: string, signal: AbortSignal, what = 'getting the key'): TokenAbortedError {
  const reason: unknown = signal.reason;
  if (TokenSourceError.is(reason) && TokenAbortedError.is(reason)) return reason;
  const timeout = isDeadline(reason);
  // Said from the reason's parts: a TokenSourceError's message already names its source.
  const why = TokenSourceError.is(reason) ? reason.detail : String((reason as Error).message ?? 'a deadline passed');
  return new TokenAbortedError(timeout ? `${what} timed out (${why})` : `${what} was aborted`, {
    source,
    code: timeout ? 'TIMEOUT' : 'ABORTED',
    cause: reason,
  });
}

/** Throws {@link abortedError} if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, source: string): void {
  if (signal?.aborted) throw abortedError(source, signal);
}

/**
 * Settles with `promise`, or rejects with {@link abortedError} as soon as `signal` fires, even if the work behind the promise
 * ignores the signal. The abandoned promise's rejection is swallowed so it never becomes an unhandled rejection.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, source: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(noop);
    return Promise.reject(abortedError(source, signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(noop);
      reject(abortedError(source, signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/**
 * Waits `ms` (any length, `Infinity` included: see {@link startTimer}), or rejects with {@link abortedError} when the signal
 * fires. The timer does not keep the process alive.
 */
export function sleep(ms: number, signal: AbortSignal | undefined, source: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(source, signal));
    const onAbort = () => {
      timer.cancel();
      reject(abortedError(source, signal as AbortSignal));
    };
    const timer = startTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function noop(): void {}
