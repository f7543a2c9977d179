import { abortedError, sleep } from '../abort.js';
import { createToken } from '../createToken.js';
import { TokenNotFoundError } from '../TokenNotFoundError.js';
import type { Token, TokenListener, TokenSource, Unsubscribe } from '../TokenSource.js';

export interface TestSourceOptions {
  readonly name?: string;
  /** The key it returns; `undefined` makes it "not there" (TokenNotFoundError). */
  readonly value?: string | undefined;
  readonly latencyMs?: number;
  readonly expiresAt?: Date;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** @deprecated Renamed {@link TestSourceOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type TestSourceInit = TestSourceOptions;

/** An in-memory source a test steers: its value, failures and latency, with a count of calls. */
export interface TestSource extends TokenSource {
  /** How many times `getToken` was called. */
  readonly calls: number;
  /** How many calls asked for `forceRefresh`. */
  readonly forcedCalls: number;
  /** Calls started and not yet settled. */
  readonly inFlight: number;
  /** The key to return from now on; `undefined` makes it "not there". */
  setValue(
    value: string | undefined,
    extra?: { expiresAt?: Date; attributes?: Readonly<Record<string, string>> },
  ): void;
  /** Every call from now on rejects with `error` (until `failWith(undefined)`). */
  failWith(error: Error | undefined): void;
  /** The next `times` calls reject with `error`, then it recovers. */
  failNext(error: Error, times?: number): void;
  /** Delay before each call settles; honours the call's signal. `Infinity` hangs until aborted. */
  setLatency(ms: number): void;
  /** Sets a new key and announces it to subscribers, as a watched file does. */
  announce(value: string): void;
}

/**
 * An in-memory {@link TokenSource} for tests.
 *
 * @example
 * ```ts
 * const source = testSource({ value: 'key-1', latencyMs: 5 });
 * source.failNext(new TokenSourceError('throttled', { source: source.name, code: 'THROTTLED' }));
 * ```
 */
export function testSource(init: TestSourceOptions = {}): TestSource {
  const name = init.name ?? 'test';
  let value = init.value;
  let expiresAt = init.expiresAt;
  let attributes = init.attributes;
  let latencyMs = init.latencyMs ?? 0;
  let persistentError: Error | undefined;
  const queuedErrors: Error[] = [];
  let calls = 0;
  let forcedCalls = 0;
  let inFlight = 0;
  const listeners = new Set<TokenListener>();

  const current = (): Token => {
    if (value === undefined) throw new TokenNotFoundError('no value is set', { source: name });
    return createToken({ source: name, value, expiresAt, attributes });
  };

  return {
    name,
    get calls() {
      return calls;
    },
    get forcedCalls() {
      return forcedCalls;
    },
    get inFlight() {
      return inFlight;
    },
    async getToken(options = {}) {
      calls += 1;
      if (options.forceRefresh) forcedCalls += 1;
      inFlight += 1;
      try {
        if (options.signal?.aborted) throw abortedError(name, options.signal);
        if (latencyMs === Number.POSITIVE_INFINITY) await hang(options.signal, name);
        else if (latencyMs > 0) await sleep(latencyMs, options.signal, name);
        const queued = queuedErrors.shift();
        if (queued) throw queued;
        if (persistentError) throw persistentError;
        return current();
      } finally {
        inFlight -= 1;
      }
    },
    subscribe(listener: TokenListener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setValue(next, extra = {}) {
      value = next;
      expiresAt = extra.expiresAt;
      attributes = extra.attributes;
    },
    failWith(error) {
      persistentError = error;
    },
    failNext(error, times = 1) {
      for (let i = 0; i < times; i += 1) queuedErrors.push(error);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    announce(next) {
      value = next;
      const token = current();
      for (const listener of [...listeners]) listener(token);
    },
  };
}

function hang(signal: AbortSignal | undefined, name: string): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    const onAbort = () => reject(abortedError(name, signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
