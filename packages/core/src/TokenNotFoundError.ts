import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { TokenSourceError, type TokenSourceErrorOptions } from './TokenSourceError.js';

const BRAND = brandSymbol('TokenNotFoundError');

/**
 * The source is "not there": no such variable, file, secret or parameter. A chain moves on to its next source.
 *
 * @example
 * ```ts
 * if (value === undefined) throw new TokenNotFoundError('MOMENTO_API_KEY is not set', { source: 'env:MOMENTO_API_KEY' });
 * ```
 */
export class TokenNotFoundError extends TokenSourceError {
  override readonly name: string = 'TokenNotFoundError';

  constructor(message: string, options: Omit<TokenSourceErrorOptions, 'code'>) {
    super(message, { ...options, code: 'NOT_FOUND' });
    setBrand(this, BRAND);
  }

  static override is(value: unknown): value is TokenNotFoundError {
    return hasBrand(value, BRAND);
  }
}
