import type { TokenEvent } from './events.js';

/** Listeners told of each new value, in the order they were added. */
export interface FanOut<T> {
  /** Adds `listener` once per call (the same function added twice is told twice); the returned function removes that one. */
  add(listener: (value: T) => void): () => void;
  /** Tells every listener. One that throws is reported as a `warning` and the others are still told. */
  emit(value: T): void;
  /** Drops every listener. */
  clear(): void;
  readonly size: number;
}

/**
 * The one way tokenchain tells subscribers of a new key. A listener's failure is its own: it is reported through the
 * observer as a `warning` naming `source`, and never stops delivery to the others nor reaches whoever announced the key.
 * A listener removed while the others are being told is not told.
 *
 * @example
 * ```ts
 * const listeners = fanOut<Token>(name, createReporter(init.observer));
 * const subscribe = (listener: TokenListener) => listeners.add(listener);
 * watcher.onChange = (token) => listeners.emit(token);
 * ```
 */
export function fanOut<T>(source: string, report: (event: TokenEvent) => void): FanOut<T> {
  const entries = new Set<{ readonly listener: (value: T) => void }>();
  return {
    add(listener) {
      const entry = { listener };
      entries.add(entry);
      return () => {
        entries.delete(entry);
      };
    },
    emit(value) {
      for (const entry of [...entries]) {
        if (!entries.has(entry)) continue;
        try {
          entry.listener(value);
        } catch (err) {
          report({
            type: 'warning',
            source,
            time: Date.now(),
            message: `a subscriber threw (${err instanceof Error ? err.name : typeof err}); the others were still told`,
          });
        }
      }
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
