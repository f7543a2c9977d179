import type { TokenSourceError } from './TokenSourceError.js';

/**
 * An error's reason as one line for a place that already names `seenFrom`: a chain attempt, a `fallback` or
 * `refresh-failed` event. Built from the error's parts, never from its `message`: a chain's message lists its attempts and
 * every message starts with its source, so text built from a message says everything twice.
 *
 * @example
 * ```ts
 * errorReason(err, 'env:MOMENTO_API_KEY'); // 'the value is empty' — or 'kms(env:X): access denied' from another source
 * ```
 */
export function errorReason(err: TokenSourceError, seenFrom: string): string {
  return err.source === seenFrom ? err.detail : `${err.source}: ${err.detail}`;
}
