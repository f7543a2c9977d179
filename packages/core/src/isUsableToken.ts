import type { Token } from './TokenSource.js';
import { tokenProblem } from './tokenProblem.js';

/**
 * True for a token a chain or cache may serve: a non-blank key, and an `expiresAt` that is absent or a valid date
 * (see {@link tokenProblem} for why an Invalid Date is refused).
 *
 * @example
 * ```ts
 * if (!isUsableToken(await custom.getToken())) throw new Error('the custom source is broken');
 * ```
 */
export function isUsableToken(token: unknown): token is Token {
  return tokenProblem(token) === undefined;
}
