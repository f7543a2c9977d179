import { Backoff } from './Backoff.js';
import type { TokenEvent, TokenEventListener, TokenLogger, TokenObserver } from './events.js';
import type { FanOut } from './fanOut.js';
import { createReporter } from './report.js';
import type { Secret } from './Secret.js';
import type { Token, Unsubscribe } from './TokenSource.js';
import type { TokenSourceError } from './TokenSourceError.js';

/** What a cache is told at construction besides its policy. */
export interface CacheSettings {
  readonly name?: string | undefined;
  readonly now?: (() => number) | undefined;
  readonly random?: (() => number) | undefined;
  readonly observer?: TokenObserver | undefined;
  readonly onEvent?: TokenEventListener | undefined;
  readonly logger?: TokenLogger | undefined;
}

/**
 * The part of a cache that most caches never need: settings beyond the policy (a name, an injected clock or randomness,
 * an observer), and state that only a failure, a forced refresh, `invalidate()`, `close()`, a subscriber or an announcing
 * inner source brings. A process may hold thousands of caches that are only ever hit, so this is made when first needed
 * (or at construction, when a setting is given) and a plain warm cache carries one empty field for all of it.
 */
export class CacheExtras {
  readonly name: string | undefined;
  /** The injected clock; undefined for the real one (so the hot path may read the coarse clock). */
  readonly now: (() => number) | undefined;
  readonly random: () => number;
  readonly report: (event: TokenEvent) => void;
  /** An observer was given: only then are events built (a fingerprint is a SHA-256) and hits reported. */
  readonly observed: boolean;
  /** When the key held was fetched; kept only when observed, for the age in `stale-served` events. */
  fetchedAt = 0;
  readonly errors = new Backoff();
  /** What a call inside the error backoff rejects with when no stale key may be served. */
  lastError: TokenSourceError | undefined;
  readonly forced = new Backoff();
  /** The key dropped by `invalidate()`, so the next key is still compared with it (a `rotated` event, forced backoff). */
  previous: Secret | undefined;
  closed = false;
  listeners: FanOut<Token> | undefined;
  /** Ends the subscription to an inner source that announces keys. */
  stopInner: Unsubscribe | undefined;

  constructor(settings: CacheSettings = {}) {
    this.name = settings.name;
    this.now = settings.now;
    this.random = settings.random ?? Math.random;
    const observer = observerOf(settings);
    this.report = createReporter(observer);
    this.observed = observer !== undefined;
  }

  /** True when `settings` hold anything a cache must know from the start. */
  static needed(settings: CacheSettings): boolean {
    return (
      settings.name !== undefined ||
      settings.now !== undefined ||
      settings.random !== undefined ||
      observerOf(settings) !== undefined
    );
  }
}

/** `observer`, or the deprecated flat `onEvent`/`logger`; where both name a field, `observer`'s wins. */
function observerOf(settings: CacheSettings): TokenObserver | undefined {
  const onEvent = settings.observer?.onEvent ?? settings.onEvent;
  const logger = settings.observer?.logger ?? settings.logger;
  if (onEvent === undefined && logger === undefined) return undefined;
  return { ...(onEvent !== undefined && { onEvent }), ...(logger !== undefined && { logger }) };
}
