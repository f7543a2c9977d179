import type { TokenEvent, TokenLogger, TokenObserver } from './events.js';
import { redactKeyShaped } from './redactKeyShaped.js';

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

/**
 * One line a person can read, with fingerprints only, and with key-shaped text removed by the same rule as errors
 * ({@link redactKeyShaped}), whoever built the event: the message every logger gets. Not exported: a logger already gets it.
 *
 * @example
 * ```ts
 * describeEvent({ type: 'warning', source: 'file:/run/key', time: 0, message: 'mode 644' }); // 'tokenchain: file:/run/key: mode 644'
 * ```
 */
export function describeEvent(event: TokenEvent): string {
  return redactKeyShaped(describeRaw(event));
}

function describeRaw(event: TokenEvent): string {
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
 * Builds the function through which a source, chain or cache reports. Every text field of every event (names, reasons,
 * messages) passes through {@link redactKeyShaped} before a listener or logger sees it, as every error's text does: an
 * adapter that puts a pasted key in a source name, or a message quoting one, cannot leak it here. Listener and logger
 * failures are swallowed on purpose: observing must never break getting a key.
 *
 * @example
 * ```ts
 * const report = createReporter(options);
 * report({ type: 'warning', source: name, time: Date.now(), message: 'the key file is world-readable' });
 * ```
 */
export function createReporter(observer: TokenObserver | undefined): (event: TokenEvent) => void {
  const onEvent = observer?.onEvent;
  const logger = observer?.logger;
  if (!onEvent && !logger) return noop;
  return (reported) => {
    const event = redactEvent(reported);
    if (onEvent) {
      try {
        onEvent(event);
      } catch (err) {
        safeLog(
          logger,
          'error',
          redactKeyShaped(`tokenchain: an onEvent listener threw (${err instanceof Error ? err.name : typeof err})`),
        );
      }
    }
    if (logger) safeLog(logger, LEVELS[event.type], describeEvent(event), { tokenchain: event });
  };
}

/**
 * pino reads `(object, message)` and would drop an object passed second; every pino logger, child loggers included, carries
 * the serializers under this documented well-known symbol. Console, Powertools' `Logger` and most others read
 * `(message, ...objects)`.
 */
const PINO_SERIALIZERS = Symbol.for('pino.serializers');

function isPinoStyle(logger: TokenLogger): boolean {
  return PINO_SERIALIZERS in logger;
}

/** The event with key-shaped text removed from its strings; the same object when there is none (every hit reports one). */
function redactEvent(event: TokenEvent): TokenEvent {
  let redacted: Record<string, unknown> | undefined;
  for (const field in event) {
    const value: unknown = (event as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue;
    const clean = redactKeyShaped(value);
    if (clean === value) continue;
    redacted ??= { ...event };
    redacted[field] = clean;
  }
  return (redacted as TokenEvent | undefined) ?? event;
}

function safeLog(logger: TokenLogger | undefined, level: Level, message: string, details?: object): void {
  const method = logger?.[level];
  if (typeof method !== 'function') return;
  try {
    if (details === undefined) method.call(logger, message);
    else if (isPinoStyle(logger as TokenLogger))
      (method as (...args: unknown[]) => void).call(logger, details, message);
    else method.call(logger, message, details);
  } catch {
    // A broken logger must not break key resolution.
  }
}

function noop(): void {}
