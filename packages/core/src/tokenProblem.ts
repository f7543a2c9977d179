import type { Token } from './TokenSource.js';

/**
 * Why `token` cannot be served, or `undefined` when it can: the defence against custom sources that return something other
 * than a token with a non-blank key, or an `expiresAt` that is not a real instant. An Invalid Date (a JWT `exp` past
 * year 275760, `new Date(undefined)`) is refused rather than guessed at: core cannot tell "far future" from a bug, and
 * a cache that compares against NaN never hits and never serves stale. The source that knows the cause decides (the Momento
 * key decoder leaves out an `exp` beyond the Date range: such a key does not expire in any time a Date can name).
 *
 * @example
 * ```ts
 * const problem = tokenProblem(token);
 * if (problem) throw new TokenSourceError(`returned ${problem}`, { source: name, code: 'MALFORMED' });
 * ```
 */
export function tokenProblem(token: unknown): string | undefined {
  const candidate = token as Partial<Token> | undefined;
  const secret = candidate?.secret;
  if (typeof secret?.reveal !== 'function' || secret.reveal().trim().length === 0) {
    return 'something that is not a token with a non-empty key';
  }
  const expiresAt: unknown = candidate?.expiresAt;
  if (expiresAt === undefined) return undefined;
  const time = typeof (expiresAt as Date | null)?.getTime === 'function' ? (expiresAt as Date).getTime() : Number.NaN;
  return Number.isFinite(time) ? undefined : 'a token whose expiresAt is not a valid date';
}
