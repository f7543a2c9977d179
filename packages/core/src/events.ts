import type { TokenErrorCode } from './TokenSourceError.js';

/** What a cache did to answer a call. */
export type CacheOutcome = 'hit' | 'miss' | 'stale' | 'none';

/**
 * Everything tokenchain reports. No event ever holds a key: keys appear only as fingerprints.
 * Each event names the `source` it concerns and the `time` (epoch ms) it happened.
 */
export type TokenEvent =
  | {
      readonly type: 'resolved';
      readonly source: string;
      readonly time: number;
      /** The source that produced the key; for a chain, the winning link. */
      readonly winner: string;
      readonly durationMs: number;
      readonly fingerprint: string;
      readonly cache: CacheOutcome;
      /** When the resolved key stops working (epoch ms), when the source knows: a minted disposable token always does. */
      readonly expiresAt?: number;
    }
  | {
      readonly type: 'fallback';
      readonly source: string;
      readonly time: number;
      /** The link that did not produce a key. */
      readonly from: string;
      /** The link tried next, if any. */
      readonly to?: string;
      readonly reason: string;
      readonly code: TokenErrorCode;
      readonly durationMs: number;
    }
  | {
      readonly type: 'refreshed';
      readonly source: string;
      readonly time: number;
      readonly fingerprint: string;
      readonly durationMs: number;
      readonly trigger: 'initial' | 'expired' | 'ahead' | 'forced' | 'announced';
    }
  | {
      readonly type: 'refresh-failed';
      readonly source: string;
      readonly time: number;
      readonly reason: string;
      readonly code: TokenErrorCode;
      readonly consecutiveFailures: number;
      /** When the cache will try again on its own, in ms from now. */
      readonly retryInMs: number;
    }
  | {
      readonly type: 'stale-served';
      readonly source: string;
      readonly time: number;
      readonly fingerprint: string;
      /** How long ago the served token was fetched. */
      readonly ageMs: number;
    }
  | {
      readonly type: 'rotated';
      readonly source: string;
      readonly time: number;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly type: 'warning';
      readonly source: string;
      readonly time: number;
      readonly message: string;
    };

export type TokenEventType = TokenEvent['type'];

/** Receives events. Exceptions it throws are caught and logged, never passed on to the caller of `getToken`. */
export type TokenEventListener = (event: TokenEvent) => void;

/**
 * A logger as users already have one: `console`, a pino logger or Powertools' `Logger`, any of whose levels may be missing.
 * Each event is logged at its level as a one-line message (fingerprints only) plus `{ tokenchain: event }`, so the event's
 * fields arrive as structured properties under one key that cannot collide with the logger's own (`time`, `msg`,
 * `message`, `level`). `console` and Powertools are called `logger.warn(message, { tokenchain: event })`; a pino logger
 * (recognised by pino's `Symbol.for('pino.serializers')`) is called `logger.warn({ tokenchain: event }, message)`, the
 * order pino reads.
 */
export interface TokenLogger {
  debug?(message: string, ...details: unknown[]): void;
  info?(message: string, ...details: unknown[]): void;
  warn?(message: string, ...details: unknown[]): void;
  error?(message: string, ...details: unknown[]): void;
}

/** How a user watches a source, chain or cache. Both are optional; neither writes to the console unless you pass `console`. */
export interface TokenObserver {
  readonly onEvent?: TokenEventListener;
  readonly logger?: TokenLogger;
}
