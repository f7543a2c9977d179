import type { Token } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { tokenProblem } from './tokenProblem.js';

/**
 * When a token a cache was handed at `at` stops working (its own `expiresAt`, or Infinity), after checking that it may be
 * served at all: a cache never holds a malformed key, nor one already expired, whatever its source returned or announced.
 *
 * @example
 * ```ts
 * const hardExpiry = servableExpiry(token, Date.now(), source.name); // throws MALFORMED or EXPIRED
 * ```
 */
export function servableExpiry(token: Token, at: number, source: string): number {
  const problem = tokenProblem(token);
  if (problem !== undefined) throw new TokenSourceError(`returned ${problem}`, { source, code: 'MALFORMED' });
  const hardExpiry = expiryOf(token);
  if (hardExpiry <= at) {
    throw new TokenSourceError(`returned a key that expired at ${token.expiresAt?.toISOString()}`, {
      source: token.source,
      code: 'EXPIRED',
    });
  }
  return hardExpiry;
}

/** When a key stops working: its own `expiresAt`, or never. */
export function expiryOf(token: Token): number {
  return token.expiresAt ? token.expiresAt.getTime() : Number.POSITIVE_INFINITY;
}
