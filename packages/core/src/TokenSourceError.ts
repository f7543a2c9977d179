import { brandSymbol, hasBrand, setBrand } from './brand.js';

/**
 * What went wrong, in a word a program can switch on. `NOT_FOUND` lets a chain try its next source; every other code stops it
 * (unless the chain was told to fall through on any error).
 */
export type TokenErrorCode =
  | 'NOT_FOUND'
  | 'ACCESS_DENIED'
  | 'MALFORMED'
  | 'DECRYPTION_FAILED'
  | 'EXPIRED'
  | 'THROTTLED'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'INVALID_CONFIGURATION'
  | 'REJECTED'
  | 'CHAIN_EXHAUSTED'
  | 'UNKNOWN';

export interface TokenSourceErrorOptions {
  /** The name of the source that failed (`TokenSource.name`). */
  readonly source: string;
  readonly code?: TokenErrorCode;
  readonly cause?: unknown;
}

const BRAND = brandSymbol('TokenSourceError');

/**
 * The one error base of tokenchain. Every error a source, chain or cache rejects with is one of these: it names the source,
 * carries a {@link TokenErrorCode} and the underlying `cause`, and never contains a key.
 *
 * Use {@link TokenSourceError.is} rather than `instanceof`: it also recognises errors from a second copy of this package.
 *
 * @example
 * ```ts
 * try { await source.getToken(); }
 * catch (err) { if (TokenSourceError.is(err) && err.code === 'ACCESS_DENIED') alertOnCall(err.source); }
 * ```
 */
export class TokenSourceError extends Error {
  override readonly name: string = 'TokenSourceError';
  readonly source: string;
  readonly code: TokenErrorCode;

  constructor(message: string, options: TokenSourceErrorOptions) {
    super(`${options.source}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.source = options.source;
    this.code = options.code ?? 'UNKNOWN';
    setBrand(this, BRAND);
  }

  static is(value: unknown): value is TokenSourceError {
    return hasBrand(value, BRAND);
  }

  /**
   * Turns anything thrown inside a source into a `TokenSourceError` naming that source. A `TokenSourceError` passes through
   * unchanged. The message of a foreign error is kept only as `cause`, since it may quote the value that failed to parse.
   */
  static wrap(err: unknown, source: string, message = 'failed', code: TokenErrorCode = 'UNKNOWN'): TokenSourceError {
    if (TokenSourceError.is(err)) return err;
    const kind = err instanceof Error ? err.name : typeof err;
    return new TokenSourceError(`${message} (${kind})`, { source, code, cause: err });
  }
}
