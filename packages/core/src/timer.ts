/**
 * The longest delay Node's `setTimeout` honours (2^31 − 1 ms, about 24.8 days). A longer one fires after 1 ms with a
 * `TimeoutOverflowWarning`, which turns a 30-day TTL into ~450 refetches a second and a 1e10 ms deadline into an instant timeout.
 */
export const MAX_TIMER_STEP_MS = 2 ** 31 - 1;

/** A pending {@link startTimer} timeout. */
export interface Timer {
  /** Stops the timer; the callback never runs. Safe to call more than once, and after the timer fired. */
  cancel(): void;
}

const NEVER: Timer = Object.freeze({ cancel() {} });

/**
 * The one way tokenchain waits: a timeout of any length from 0 to `Infinity` that never keeps the process alive and can be
 * cancelled. A delay past Node's limit is waited out in steps of at most {@link MAX_TIMER_STEP_MS}; `Infinity` never fires
 * and starts no timer. A fraction of a millisecond is rounded up, so it never fires early. A negative delay counts as 0.
 * `NaN` is refused: it is a bug upstream, not a duration.
 *
 * The steps are counted, not measured against the wall clock, so moving the system clock neither shortens nor lengthens
 * the wait (as with `setTimeout` itself).
 *
 * @example
 * ```ts
 * const timer = startTimer(30 * 24 * 60 * 60_000, () => refresh()); // thirty days, not one millisecond
 * timer.cancel();
 * ```
 */
export function startTimer(delayMs: number, callback: () => void): Timer {
  if (Number.isNaN(delayMs)) throw new RangeError('a timer delay must be a number of ms, not NaN');
  if (delayMs === Number.POSITIVE_INFINITY) return NEVER;
  // Whole milliseconds, rounded up: timers truncate a fraction, and a timer must never fire before its delay.
  let remaining = Math.ceil(Math.max(0, delayMs));
  let handle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const step = Math.min(remaining, MAX_TIMER_STEP_MS);
    remaining -= step;
    handle = setTimeout(() => {
      if (remaining > 0) arm();
      else {
        handle = undefined;
        callback();
      }
    }, step);
    handle.unref?.();
  };
  arm();
  return {
    cancel() {
      if (handle !== undefined) clearTimeout(handle);
      handle = undefined;
    },
  };
}
