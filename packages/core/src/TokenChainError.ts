import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { redactKeyShaped } from './redactKeyShaped.js';
import { type TokenErrorCode, TokenSourceError } from './TokenSourceError.js';

/** One source's turn in a chain walk. */
export interface ChainAttempt {
  readonly source: string;
  readonly outcome: 'resolved' | 'not-found' | 'failed' | 'skipped';
  readonly durationMs: number;
  /** Why it did not resolve, in one line that never holds a key (see `errorReason`). */
  readonly reason?: string;
  readonly code?: TokenErrorCode;
}

const BRAND = brandSymbol('TokenChainError');

/**
 * No source in a chain produced a key. `attempts` lists each source in order with its outcome, duration and reason; the
 * message says the same in one line per source. `detail` is the first line alone. Key-shaped text is removed from the
 * attempts as from the message, whoever built them.
 *
 * @example
 * ```ts
 * catch (err) { if (TokenChainError.is(err)) for (const a of err.attempts) metrics.count(`${a.source}.${a.outcome}`); }
 * ```
 */
export class TokenChainError extends TokenSourceError {
  override readonly name: string = 'TokenChainError';
  readonly attempts: readonly ChainAttempt[];

  constructor(
    source: string,
    attempts: readonly ChainAttempt[],
    options: { readonly code?: TokenErrorCode; readonly cause?: unknown; readonly message?: string } = {},
  ) {
    const listed = attempts.map(redactAttempt);
    const head = options.message ?? `no source produced a Momento API key (${listed.length} tried)`;
    super(head, { source, code: options.code ?? 'CHAIN_EXHAUSTED', cause: options.cause });
    this.attempts = listed;
    this.message = [this.message, ...listed.map(describeAttempt)].join('\n');
    // The stack was taken with the first line only; take it again so it shows the attempts too.
    Error.captureStackTrace?.(this, new.target);
    setBrand(this, BRAND);
  }

  static override is(value: unknown): value is TokenChainError {
    return hasBrand(value, BRAND);
  }
}

function redactAttempt(attempt: ChainAttempt): ChainAttempt {
  return Object.freeze({
    ...attempt,
    source: redactKeyShaped(attempt.source),
    ...(attempt.reason !== undefined && { reason: redactKeyShaped(attempt.reason) }),
  });
}

function describeAttempt(a: ChainAttempt): string {
  return `  - ${a.source}: ${a.outcome} in ${Math.round(a.durationMs)} ms${a.reason ? ` (${a.reason})` : ''}`;
}
