/** One line of the results table. Every figure sits next to its peer's and the ratio between them. */
export interface Row {
  /** The part of the bench: `Warm path`, `Cold stampede`... */
  readonly section: string;
  /** What tokenchain did, e.g. `cached(fromSecretsManager).getToken()`. */
  readonly subject: string;
  /** tokenchain's figure, with its unit. */
  readonly ours: string;
  /** The peer and its figure, e.g. `Powertools getSecret(): 120 ns/op`. */
  readonly peer: string;
  /** The ratio, said which way round, e.g. `0.85x the floor`. */
  readonly ratio: string;
  /** The target from the issue, if there is one. */
  readonly target?: string;
  /** Whether the target was met; undefined when there is no target. */
  readonly met?: boolean;
}

/** Formats a number for a table: 3 significant digits, thousands separated. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

/** `0.85x` */
export function times(ratio: number): string {
  return `${fmt(ratio, 2)}x`;
}

/** `0.85x (middle half of rounds 0.8x–0.9x)` */
export function timesWithSpread(ratio: number, spread: readonly [number, number]): string {
  return `${times(ratio)} (rounds' middle half ${fmt(spread[0], 2)}–${fmt(spread[1], 2)})`;
}
