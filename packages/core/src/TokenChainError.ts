import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { type TokenErrorCode, TokenSourceError } from './TokenSourceError.js';

/** One source's turn in a chain walk. */
export interface ChainAttempt {
  readonly source: string;
  readonly outcome: 'resolved' | 'not-found' | 'failed' | 'skipped';
  readonly durationMs: number;
  /** Why it did not resolve: the error's message (which names the source and never holds a key). */
  readonly reason?: string;
  readonly code?: TokenErrorCode;
}

const BRAND = brandSymbol('TokenChainError');

/**
 * No source in a chain produced a key. `attempts` lists each source in order with its outcome, duration and reason; the
 * message says the same in one line per source.
 */
export class TokenChainError extends TokenSourceError {
  override readonly name: string = 'TokenChainError';
  readonly attempts: readonly ChainAttempt[];

  constructor(
    source: string,
    attempts: readonly ChainAttempt[],
    options: { readonly code?: TokenErrorCode; readonly cause?: unknown; readonly message?: string } = {},
  ) {
    const lines = attempts.map(
      (a) => `  - ${a.source}: ${a.outcome} in ${Math.round(a.durationMs)} ms${a.reason ? ` (${a.reason})` : ''}`,
    );
    const head = options.message ?? `no source produced a Momento API key (${attempts.length} tried)`;
    super([head, ...lines].join('\n'), { source, code: options.code ?? 'CHAIN_EXHAUSTED', cause: options.cause });
    this.attempts = attempts;
    setBrand(this, BRAND);
  }

  static override is(value: unknown): value is TokenChainError {
    return hasBrand(value, BRAND);
  }
}
