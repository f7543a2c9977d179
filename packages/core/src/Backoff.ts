import { backoffDelay } from './cachePolicy.js';

/**
 * One doubling backoff: how many attempts in a row went wrong, and when the next may start. A cache runs two, one for
 * failed fetches (`errorBackoff`) and one for forced refreshes that keep bringing back the rejected key
 * (`forcedRefreshBackoff`); both are this, so they cannot drift apart.
 *
 * @example
 * ```ts
 * const retryInMs = errors.step(now, policy.errorBackoff, Math.random); // 0.5–1 s, then 1–2 s, ...
 * if (errors.holds(Date.now())) return staleKey;
 * ```
 */
export class Backoff {
  /** Attempts in a row that went wrong: 0 after {@link Backoff.reset}. */
  attempts = 0;
  /** Epoch ms before which no new attempt starts. */
  nextAt = 0;

  /** Counts one more attempt gone wrong at `at`; returns how long the next one waits (see {@link backoffDelay}). */
  step(at: number, range: { readonly initialMs: number; readonly maxMs: number }, random: () => number): number {
    this.attempts += 1;
    const delayMs = backoffDelay(this.attempts, range, random);
    this.nextAt = at + delayMs;
    return delayMs;
  }

  /** True while an attempt at `at` should wait. */
  holds(at: number): boolean {
    return at < this.nextAt;
  }

  reset(): void {
    this.attempts = 0;
    this.nextAt = 0;
  }
}
