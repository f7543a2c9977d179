import { deadlineSignal, isDeadline, raceAbort } from './abort.js';
import { durationProblem } from './durationProblem.js';
import { errorReason } from './errorReason.js';
import type { TokenObserver } from './events.js';
import { createReporter } from './report.js';
import { type ChainAttempt, TokenChainError } from './TokenChainError.js';
import type { GetTokenOptions, Token, TokenListener, TokenSource, Unsubscribe } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { tokenProblem } from './tokenProblem.js';

/**
 * Default bound on a whole chain walk: 6 s. Lambda gives a function's init phase 10 s in all; a chain resolved there must
 * leave room for loading modules and building the Momento client. 6 s lets one AWS source run out its own 5 s per-call
 * deadline and still leaves a second for the fallback behind it (an environment variable, a file) and about 4 s for the rest.
 */
export const DEFAULT_CHAIN_TIMEOUT_MS = 6_000;

export interface ChainOptions {
  /** Who hears of the chain's `resolved` and `fallback` events: `{ onEvent, logger }`, as every source takes. */
  readonly observer?: TokenObserver;
  /** Shown in errors and events. Default: `chain(<names>)`. */
  readonly name?: string;
  /**
   * `'not-found'` (default): only a source that is not there lets the next one try; a broken source stops the chain with its
   * own error, so a misconfigured secret is never silently papered over by a fallback.
   * `'any-error'`: any failure (malformed key, access denied, a timeout) moves on to the next source.
   */
  readonly fallThrough?: 'not-found' | 'any-error';
  /**
   * One deadline for the whole walk, in ms, from 0 to `Infinity` (no deadline); lengths past Node's 24.8-day timer limit
   * work as written. Default {@link DEFAULT_CHAIN_TIMEOUT_MS}.
   */
  readonly timeoutMs?: number;
}

/**
 * Asks each source in order and returns the first token.
 *
 * A source that is not there (`TokenNotFoundError`) lets the next one try. A source that is there but broken stops the chain
 * with its own error, which names it (pass `{ fallThrough: 'any-error' }` first to move on instead). When no source produces a
 * key, the chain rejects with a {@link TokenChainError} listing every attempt. The caller's signal and one overall deadline
 * bound the walk. The winner is reported as a `resolved` event; each move to the next source as a `fallback` event.
 *
 * @example
 * ```ts
 * const source = chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv());
 * const strict = chain({ fallThrough: 'any-error', timeoutMs: 3_000 }, fromSsmParameter({ parameterName: '/momento/key' }), fromEnv());
 * ```
 */
export function chain(...sources: TokenSource[]): TokenSource;
export function chain(options: ChainOptions, ...sources: TokenSource[]): TokenSource;
export function chain(...args: Array<TokenSource | ChainOptions>): TokenSource {
  const [options, sources] = splitArgs(args);
  if (sources.length === 0) {
    throw new TokenSourceError('a chain needs at least one source', {
      source: options.name ?? 'chain()',
      code: 'INVALID_CONFIGURATION',
    });
  }
  for (const [index, source] of sources.entries()) {
    if (typeof source?.getToken !== 'function' || typeof source.name !== 'string') {
      throw new TokenSourceError(`argument ${index + 1} is not a TokenSource (it needs a name and getToken)`, {
        source: options.name ?? 'chain()',
        code: 'INVALID_CONFIGURATION',
      });
    }
  }
  const name = options.name ?? `chain(${sources.map((s) => s.name).join(', ')})`;
  const fallThroughAll = options.fallThrough === 'any-error';
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHAIN_TIMEOUT_MS;
  const timeoutProblem = durationProblem('timeoutMs', timeoutMs);
  if (timeoutProblem !== undefined) {
    throw new TokenSourceError(timeoutProblem, { source: name, code: 'INVALID_CONFIGURATION' });
  }
  const report = createReporter(options.observer);
  // The source that last won: announcements from it are passed on, so a watched file still moves a chain that it leads.
  let winner: TokenSource | undefined;

  async function getToken(callOptions: GetTokenOptions = {}): Promise<Token> {
    const started = performance.now();
    const attempts: ChainAttempt[] = [];
    const deadline = deadlineSignal(callOptions.signal, timeoutMs);
    const signal = deadline.signal;
    try {
      for (const [index, source] of sources.entries()) {
        if (signal?.aborted) {
          throw stopped(signal, attempts, sources.slice(index));
        }
        const linkStarted = performance.now();
        try {
          const token = await raceAbort(
            source.getToken({ ...callOptions, ...(signal && { signal }) }),
            signal,
            source.name,
          );
          const problem = tokenProblem(token);
          if (problem !== undefined) {
            throw new TokenSourceError(`returned ${problem}`, {
              source: source.name,
              code: 'MALFORMED',
            });
          }
          winner = source;
          report({
            type: 'resolved',
            source: name,
            time: Date.now(),
            winner: source.name,
            durationMs: performance.now() - started,
            fingerprint: token.secret.fingerprint,
            cache: 'none',
          });
          return token;
        } catch (thrown) {
          const err = TokenSourceError.wrap(thrown, source.name, 'threw an error that is not a TokenSourceError');
          const durationMs = performance.now() - linkStarted;
          const notFound = err.code === 'NOT_FOUND';
          attempts.push({
            source: source.name,
            outcome: notFound ? 'not-found' : 'failed',
            durationMs,
            reason: errorReason(err, source.name),
            code: err.code,
          });
          if (signal?.aborted) throw stopped(signal, attempts, sources.slice(index + 1), err);
          if (!notFound && !fallThroughAll) throw err;
          const next = sources[index + 1];
          report({
            type: 'fallback',
            source: name,
            time: Date.now(),
            from: source.name,
            ...(next && { to: next.name }),
            reason: errorReason(err, source.name),
            code: err.code,
            durationMs,
          });
        }
      }
      throw new TokenChainError(name, attempts, {
        code: attempts.every((a) => a.outcome === 'not-found') ? 'NOT_FOUND' : 'CHAIN_EXHAUSTED',
      });
    } finally {
      deadline.dispose();
    }

    function stopped(
      firedSignal: AbortSignal,
      tried: ChainAttempt[],
      untried: TokenSource[],
      cause?: unknown,
    ): TokenChainError {
      // The head is said in the chain's own words; what fired it (a caller's error that may already say "after 201 ms", our own
      // deadline) stays in `cause`, so no part of it is repeated.
      const reason: unknown = firedSignal.reason;
      const timedOut = isDeadline(reason) || (TokenSourceError.is(reason) && reason.code === 'TIMEOUT');
      const ownDeadline = callOptions.signal?.aborted !== true;
      const elapsed = Math.round(performance.now() - started);
      const all = [
        ...tried,
        ...untried.map(
          (s): ChainAttempt => ({ source: s.name, outcome: 'skipped', durationMs: 0, reason: 'not tried' }),
        ),
      ];
      return new TokenChainError(name, all, {
        code: timedOut ? 'TIMEOUT' : 'ABORTED',
        cause: cause ?? reason,
        message: timedOut
          ? `walking the chain timed out after ${elapsed} ms${ownDeadline ? ` (its deadline is ${timeoutMs} ms)` : ''}`
          : `walking the chain was aborted after ${elapsed} ms`,
      });
    }
  }

  const watchable = sources.filter((s) => typeof s.subscribe === 'function');
  const subscribe =
    watchable.length === 0
      ? undefined
      : (listener: TokenListener): Unsubscribe => {
          const stops = watchable.map((source) =>
            (source.subscribe as NonNullable<TokenSource['subscribe']>)((token) => {
              // Only the link that serves the key may move it; a change in a fallback the chain does not use is no news.
              if (winner === undefined || winner === source) listener(token);
            }),
          );
          return () => {
            for (const stop of stops) stop();
          };
        };

  return subscribe ? { name, getToken, subscribe } : { name, getToken };
}

function splitArgs(args: Array<TokenSource | ChainOptions>): [ChainOptions, TokenSource[]] {
  const [first, ...rest] = args;
  if (first !== undefined && typeof (first as TokenSource).getToken !== 'function') {
    return [first as ChainOptions, rest as TokenSource[]];
  }
  return [{}, args as TokenSource[]];
}
