import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { TokenSourceError, type TokenSourceErrorOptions } from './TokenSourceError.js';

const BRAND = brandSymbol('TokenAbortedError');

/**
 * The caller's `AbortSignal` fired (`code: 'ABORTED'`) or a deadline ran out (`code: 'TIMEOUT'`) before a key arrived.
 */
export class TokenAbortedError extends TokenSourceError {
  override readonly name: string = 'TokenAbortedError';

  constructor(
    message: string,
    options: Omit<TokenSourceErrorOptions, 'code'> & { readonly code?: 'ABORTED' | 'TIMEOUT' },
  ) {
    super(message, { ...options, code: options.code ?? 'ABORTED' });
    setBrand(this, BRAND);
  }

  static override is(value: unknown): value is TokenAbortedError {
    return hasBrand(value, BRAND);
  }
}
