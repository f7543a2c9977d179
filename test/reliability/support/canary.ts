import { inspect } from 'node:util';
import type { TokenEvent, TokenObserver } from '@tokenchain/core';
import { legacyKey, v1Key, v2Key, wireKeyOf } from '@tokenchain/fakes/keys';
import { expect } from 'chai';

// Every key the suite puts in a fake or a source is a canary: registered here, then looked for in everything a test saw.
const canaries = new Set<string>();

function register(key: string): string {
  canaries.add(key);
  // What the SDK sends for a v1 key is its inner api_key: a leak of that is a leak too.
  const wire = wireKeyOf(key);
  if (wire !== key) canaries.add(wire);
  return key;
}

/** Builders of canary keys in each Momento key format. */
export const canary = {
  v1: (endpoint: string, expiresAt?: Date) => register(v1Key({ endpoint, ...(expiresAt && { expiresAt }) })),
  v2: (expiresAt?: Date) => register(v2Key(expiresAt ? { expiresAt } : {})),
  legacy: () => register(legacyKey({ controlEndpoint: 'control.example', cacheEndpoint: 'cache.example' })),
  /** Not a Momento key of any format. */
  malformed: () => register(`canary-not-a-momento-key-${Math.random().toString(36).slice(2)}`),
  /** Registers a value that holds a key (a JSON secret, a ciphertext's plaintext). */
  value: (text: string) => register(text),
};

/** Everything a test's code under test said: events, log lines, errors, SDK responses, and what reached stdout/stderr. */
export interface Capture {
  /** Pass to every source, cache and client as its observer (or its `onEvent` and `logger`). */
  readonly observer: Required<TokenObserver>;
  readonly events: TokenEvent[];
  /** Anything else to search: an error, a response, a token's public fields. */
  record(value: unknown): void;
  /** Stops copying stdout/stderr. */
  stop(): void;
  /** Fails if any registered canary appears in anything captured. */
  expectNoCanary(): void;
}

export function startCapture(): Capture {
  const texts: string[] = [];
  const events: TokenEvent[] = [];
  const log =
    (level: string) =>
    (message: string, ...details: unknown[]) => {
      texts.push(`${level} ${message} ${details.map((d) => inspect(d, { depth: 10 })).join(' ')}`);
    };
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    const original = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      texts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return Reflect.apply(original, this, [chunk, ...rest]) as boolean;
    } as typeof original;
  }
  let stopped = false;
  const capture: Capture = {
    observer: {
      onEvent: (event) => {
        events.push(event);
        texts.push(JSON.stringify(event));
      },
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    },
    events,
    record(value) {
      texts.push(describe(value));
    },
    stop() {
      if (stopped) return;
      stopped = true;
      streams.forEach((stream, i) => {
        stream.write = originals[i]!;
      });
    },
    expectNoCanary() {
      capture.stop();
      for (const text of texts) {
        for (const key of canaries) {
          if (text.includes(key))
            expect.fail(`a key leaked into captured output: ${text.replace(key, '<CANARY>').slice(0, 300)}`);
        }
      }
    },
  };
  return capture;
}

/** Every way a value could be printed: inspect (with the cause chain), String(), message and stack, JSON. */
export function describe(value: unknown): string {
  const parts = [inspect(value, { depth: 10, showHidden: false })];
  if (value instanceof Error) {
    parts.push(String(value), value.message, value.stack ?? '');
    let cause: unknown = value.cause;
    for (let depth = 0; cause instanceof Error && depth < 10; depth += 1) {
      parts.push(cause.message);
      cause = cause.cause;
    }
  } else if (typeof value === 'object' && value !== null && typeof (value as object).toString === 'function') {
    parts.push(String(value));
  }
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular SDK objects: inspect above has them.
  }
  return parts.join('\n');
}

/** How many canaries are registered: the suite checks it is not searching for nothing. */
export function canaryCount(): number {
  return canaries.size;
}
