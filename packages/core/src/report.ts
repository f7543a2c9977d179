import type { TokenEvent, TokenLogger, TokenObserver } from './events.js';

type Level = keyof TokenLogger;

const LEVELS: Readonly<Record<TokenEvent['type'], Level>> = {
  resolved: 'debug',
  fallback: 'info',
  refreshed: 'debug',
  'refresh-failed': 'warn',
  'stale-served': 'warn',
  rotated: 'info',
  warning: 'warn',
};

/** One line a person can read, with fingerprints only. */
export function describeEvent(event: TokenEvent): string {
  switch (event.type) {
    case 'resolved':
      return `tokenchain: ${event.source} resolved key ${event.fingerprint} from ${event.winner} in ${Math.round(event.durationMs)} ms (cache ${event.cache})`;
    case 'fallback':
      return `tokenchain: ${event.from} gave no key (${event.code}), ${event.to ? `trying ${event.to}` : 'no more sources'}: ${event.reason}`;
    case 'refreshed':
      return `tokenchain: ${event.source} refreshed key ${event.fingerprint} (${event.trigger}) in ${Math.round(event.durationMs)} ms`;
    case 'refresh-failed':
      return `tokenchain: ${event.source} refresh failed (${event.code}, ${event.consecutiveFailures} in a row), next try in ${Math.round(event.retryInMs)} ms: ${event.reason}`;
    case 'stale-served':
      return `tokenchain: ${event.source} served stale key ${event.fingerprint}, fetched ${Math.round(event.ageMs)} ms ago`;
    case 'rotated':
      return `tokenchain: ${event.source} rotated key ${event.from} -> ${event.to}`;
    case 'warning':
      return `tokenchain: ${event.source}: ${event.message}`;
  }
}

/**
 * Builds the function through which a source, chain or cache reports. Listener and logger failures are swallowed on purpose:
 * observing must never break getting a key.
 */
export function createReporter(observer: TokenObserver | undefined): (event: TokenEvent) => void {
  const onEvent = observer?.onEvent;
  const logger = observer?.logger;
  if (!onEvent && !logger) return noop;
  return (event) => {
    if (onEvent) {
      try {
        onEvent(event);
      } catch (err) {
        safeLog(
          logger,
          'error',
          `tokenchain: an onEvent listener threw (${err instanceof Error ? err.name : typeof err})`,
        );
      }
    }
    if (logger) safeLog(logger, LEVELS[event.type], describeEvent(event), event);
  };
}

function safeLog(logger: TokenLogger | undefined, level: Level, message: string, details?: unknown): void {
  const method = logger?.[level];
  if (typeof method !== 'function') return;
  try {
    if (details === undefined) method.call(logger, message);
    else method.call(logger, message, details);
  } catch {
    // A broken logger must not break key resolution.
  }
}

function noop(): void {}
