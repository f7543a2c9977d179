import {
  type ChainOptions,
  chain,
  DEFAULT_CHAIN_TIMEOUT_MS,
  type Token,
  type TokenErrorCode,
  type TokenSource,
  TokenSourceError,
} from '@tokenchain/core';
import { deadlineSignal } from '@tokenchain/core/source-kit';

/** What one link did. */
export interface LinkOutcome {
  readonly source: string;
  /** `skipped`: the chain never asked it (an earlier link won, or stopped the chain, or the deadline passed). */
  readonly outcome: 'resolved' | 'not-found' | 'failed' | 'skipped';
  /** `false` for links asked only because of `--all`, after the chain had its answer. */
  readonly usedByChain: boolean;
  readonly durationMs?: number;
  readonly code?: TokenErrorCode;
  /** The error's message without the link's own name in front. Never holds a key. */
  readonly reason?: string;
  readonly token?: Token;
}

/** The chain's answer and what each link did to reach it. */
export interface Walk {
  readonly links: readonly LinkOutcome[];
  /** The key the chain returns, or undefined when it rejects. */
  readonly token?: Token;
  /** Why the chain rejected. */
  readonly error?: TokenSourceError;
}

/**
 * Runs the chain exactly as an application would (core's `chain`, with the configuration's `fallThrough` and deadline) and
 * records each link by wrapping it in a transparent timer. With `all`, links the chain did not ask are then asked one by one,
 * to show keys that a winner shadows.
 */
export async function walkSources(
  sources: readonly TokenSource[],
  options: ChainOptions & { readonly all?: boolean; readonly onToken?: (token: Token) => void },
): Promise<Walk> {
  const links: LinkOutcome[] = sources.map((s) => ({ source: s.name, outcome: 'skipped', usedByChain: true }));
  const timed = sources.map((source, index) =>
    timedLink(source, (outcome) => (links[index] = outcome), options.onToken),
  );
  const { all, onToken, ...chainOptions } = options;
  let token: Token | undefined;
  let error: TokenSourceError | undefined;
  try {
    token = await chain(chainOptions, ...timed).getToken();
  } catch (err) {
    error = TokenSourceError.wrap(err, chainOptions.name ?? 'chain');
  }
  // A link still running when the deadline passed settles later; what the chain saw is that it timed out.
  const snapshot = links.map((link) => link);
  if (all) {
    for (const [index, source] of sources.entries()) {
      if (snapshot[index]?.outcome !== 'skipped') continue;
      const deadline = deadlineSignal(undefined, chainOptions.timeoutMs ?? DEFAULT_CHAIN_TIMEOUT_MS);
      const recorded = await askOnce(source, deadline.signal, onToken).finally(() => deadline.dispose());
      snapshot[index] = { ...recorded, usedByChain: false };
    }
  }
  return { links: snapshot, ...(token && { token }), ...(error && { error }) };
}

function timedLink(
  source: TokenSource,
  record: (outcome: LinkOutcome) => void,
  onToken: ((token: Token) => void) | undefined,
): TokenSource {
  return {
    name: source.name,
    async getToken(options) {
      // Provisional: what the chain sees if its deadline passes while this link is still running.
      record({
        source: source.name,
        outcome: 'failed',
        usedByChain: true,
        code: 'TIMEOUT',
        reason: "still running when the chain's deadline passed",
      });
      const recorded = await askOnce(source, options?.signal, onToken, options);
      record(recorded);
      if (recorded.token) return recorded.token;
      throw recorded.error;
    },
  };
}

async function askOnce(
  source: TokenSource,
  signal: AbortSignal | undefined,
  onToken: ((token: Token) => void) | undefined,
  options: Parameters<TokenSource['getToken']>[0] = {},
): Promise<LinkOutcome & { readonly error?: TokenSourceError }> {
  const started = performance.now();
  try {
    const token = await source.getToken({ ...options, ...(signal && { signal }) });
    onToken?.(token);
    return {
      source: source.name,
      outcome: 'resolved',
      usedByChain: true,
      durationMs: performance.now() - started,
      token,
    };
  } catch (thrown) {
    const error = TokenSourceError.wrap(thrown, source.name, 'threw an error that is not a TokenSourceError');
    return {
      source: source.name,
      outcome: error.code === 'NOT_FOUND' ? 'not-found' : 'failed',
      usedByChain: true,
      durationMs: performance.now() - started,
      code: error.code,
      reason: withoutSource(error),
      error,
    };
  }
}

/** `env:X: X is not set` is shown under the link `env:X` as `X is not set`. */
export function withoutSource(error: TokenSourceError): string {
  const prefix = `${error.source}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}
