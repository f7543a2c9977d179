import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { redactKeyShaped } from './redactKeyShaped.js';

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
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

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
  /**
   * What went wrong, without the source's name in front: the message as its author wrote it (redacted). Build new text from
   * this, never from `message`, or the source's name and details are said twice ("a: a: timed out after 5 ms after 5 ms").
   */
  readonly detail: string;
  /** Set by {@link TokenSourceError.wrap}: the cause came from code we do not know, so its message is not shown. */
  #opaqueCause = false;

  constructor(message: string, options: TokenSourceErrorOptions) {
    // Key-shaped text never survives into an error, whoever wrote the message or named the source.
    const source = redactKeyShaped(options.source);
    const detail = redactKeyShaped(message);
    super(`${source}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.source = source;
    this.detail = detail;
    this.code = options.code ?? 'UNKNOWN';
    setBrand(this, BRAND);
  }

  /**
   * What `util.inspect` and `console.log` show. Node would print the whole `cause` chain, and a foreign cause (a JSON parse
   * error, a custom source's error) may quote the value; such a cause is shown by its name only. It stays on `err.cause`.
   */
  [inspectSymbol](): string {
    const lines = [this.stack ?? `${this.name}: ${this.message}`, `  source: ${this.source}`, `  code: ${this.code}`];
    const cause = this.cause;
    if (cause !== undefined) {
      const kind = cause instanceof Error ? cause.name : typeof cause;
      if (this.#opaqueCause || !(cause instanceof Error)) lines.push(`  [cause]: ${kind} (message hidden)`);
      else
        lines.push(
          `  [cause]: ${TokenSourceError.is(cause) ? cause.message.split('\n')[0] : `${kind}: ${cause.message}`}`,
        );
    }
    return lines.join('\n');
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
    const wrapped = new TokenSourceError(`${message} (${kind})`, { source, code, cause: err });
    wrapped.#opaqueCause = true;
    return wrapped;
  }
}
