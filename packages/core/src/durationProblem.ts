/**
 * What is wrong with a duration option, or `undefined` when it is fine. Every duration tokenchain takes is a number of ms
 * from 0 to `Infinity`: lengths past Node's 24.8-day timer limit are honoured (see `startTimer`), and a JSON configuration,
 * which cannot write `Infinity`, may write any large number instead. Negative numbers and `NaN` are refused.
 *
 * @example
 * ```ts
 * durationProblem('ttlMs', -1); // 'ttlMs must be a number of ms from 0 to Infinity (got -1)'
 * ```
 */
export function durationProblem(label: string, value: unknown): string | undefined {
  return typeof value === 'number' && value >= 0
    ? undefined
    : `${label} must be a number of ms from 0 to Infinity (got ${typeof value === 'number' ? value : typeof value})`;
}
