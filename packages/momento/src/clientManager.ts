import type { CachedTokenSource, Token, TokenEvent } from '@tokenchain/core';
import { TokenSourceError } from '@tokenchain/core';
import { clientClosedError } from './clientClosedError.js';
import type { Generation } from './Generation.js';
import { isAuthenticationError } from './isAuthenticationError.js';
import { rotateAndRetry } from './rotateAndRetry.js';

export interface ClientManagerOptions<C> {
  readonly name: string;
  readonly source: CachedTokenSource;
  /** Close the source with the manager (true when the manager put the cache there itself). */
  readonly ownsSource: boolean;
  /** Builds an SDK client for a key; throws a `TokenSourceError` for a key it cannot use. */
  readonly build: (token: Token) => C;
  readonly dispose: (client: C) => void;
  readonly report: (event: TokenEvent) => void;
  /** A newer client took over from `previous` (which stays open while anything runs on it). */
  readonly onSwap?: (next: Generation<C>, previous: Generation<C>) => void;
}

/**
 * Keeps one SDK client per key and swaps it when the key changes. The SDK fixes the key into a client when it is built, so
 * a rotation means a new client; the old one is closed once the calls running on it have ended.
 */
export interface ClientManager<C> {
  readonly current: Generation<C> | undefined;
  readonly closed: boolean;
  /** The client for the current key, counted as in use until {@link release}. Rejects with the source's error if no key. */
  acquire(): Promise<Generation<C>>;
  /** Counts a generation as in use, if it still may be; returns false for a disposed one. */
  lease(generation: Generation<C>): boolean;
  release(generation: Generation<C>): void;
  /**
   * After Momento rejected the key of `rejected`: one forced refresh shared by every caller that saw it. Resolves with the
   * client for a different key, or undefined when the source still has the rejected key (or failed, which is reported).
   */
  rotate(rejected: Generation<C>): Promise<Generation<C> | undefined>;
  /**
   * Runs `call` on the current client; when Momento rejects the key, rotates and runs it again on the new client, and again
   * while each retry is rejected and brings a key not tried yet (see {@link rotateAndRetry}).
   */
  run<T>(call: (client: C) => T | Promise<T>): Promise<T>;
  /**
   * Takes no more calls, closes every idle client now and each busy one as soon as its running calls end (they finish or
   * fail on their own, within their deadline), and stops listening to the source.
   */
  close(): void;
  /** Takes no more calls, waits for running ones, then closes. */
  drain(): Promise<void>;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export function createClientManager<C>(init: ClientManagerOptions<C>): ClientManager<C> {
  const { name, source } = init;
  const live = new Set<Generation<C>>();
  const rotations = new Map<string, Promise<Generation<C> | undefined>>();
  // Keys a client could not be built for: reported once, then passed over in favour of the client that works.
  const unusable = new Set<string>();
  let current: Generation<C> | undefined;
  let closed = false;
  // Set by drain(): calls already started carry on, new ones are refused.
  let accepting = true;
  // Calls between their start and holding a client (waiting for the key): drain() waits for them too.
  let starting = 0;
  let drained: (() => void) | undefined;

  const warn = (message: string) => init.report({ type: 'warning', source: name, time: Date.now(), message });

  const stopListening = source.subscribe((token) => {
    // A background refresh or an announcement brought a new key: move to it now, not on the next call, so that the old
    // client can be closed and topic streams can move while the old key still works.
    if (closed || current === undefined) return;
    try {
      adopt(token);
    } catch {
      // adopt reported it; the current client carries on.
    }
  });

  function dispose(generation: Generation<C>): void {
    if (generation.disposed) return;
    generation.disposed = true;
    live.delete(generation);
    try {
      init.dispose(generation.client);
    } catch {
      // Closing a client that is already broken must not break the caller.
    }
  }

  function adopt(token: Token): Generation<C> {
    if (closed) throw clientClosedError(name);
    const fingerprint = token.secret.fingerprint;
    if (current !== undefined && !current.disposed && current.fingerprint === fingerprint) return current;
    if (unusable.has(fingerprint) && current !== undefined && !current.disposed) return current;
    let client: C;
    try {
      client = init.build(token);
    } catch (err) {
      const error = TokenSourceError.wrap(err, token.source, 'could not build a Momento client', 'MALFORMED');
      if (!unusable.has(fingerprint)) {
        unusable.add(fingerprint);
        warn(`no client could be built for key ${fingerprint}: ${error.message}`);
      }
      if (current !== undefined && !current.disposed) return current;
      throw error;
    }
    const next: Generation<C> = { client, fingerprint, inFlight: 0, disposed: false };
    const previous = current;
    current = next;
    live.add(next);
    if (previous !== undefined && !previous.disposed) {
      init.onSwap?.(next, previous);
      if (previous.inFlight === 0) dispose(previous);
    }
    return next;
  }

  function release(generation: Generation<C>): void {
    generation.inFlight -= 1;
    // Not current (replaced, or the manager closed): nothing else will close it.
    if (generation !== current && generation.inFlight === 0) dispose(generation);
    checkDrained();
  }

  function checkDrained(): void {
    if (drained !== undefined && starting === 0 && [...live].every((g) => g.inFlight === 0)) drained();
  }

  async function attempt<T>(generation: Generation<C>, call: (client: C) => T | Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await call(generation.client) };
    } catch (error) {
      return { ok: false, error };
    } finally {
      release(generation);
    }
  }

  const manager: ClientManager<C> = {
    get current() {
      return current;
    },
    get closed() {
      return closed;
    },
    async acquire() {
      if (closed) throw clientClosedError(name);
      const token = await source.getToken();
      if (closed) throw clientClosedError(name);
      // Never step back to an older key that was in flight while a rotation landed: the cache holds the newest.
      const generation = adopt(source.peek() ?? token);
      generation.inFlight += 1;
      return generation;
    },
    lease(generation) {
      if (generation.disposed || closed) return false;
      generation.inFlight += 1;
      return true;
    },
    release,
    rotate(rejected) {
      if (closed) return Promise.resolve(undefined);
      if (current !== undefined && !current.disposed && current.fingerprint !== rejected.fingerprint) {
        return Promise.resolve(current);
      }
      let pending = rotations.get(rejected.fingerprint);
      if (pending === undefined) {
        pending = source
          .getToken({ forceRefresh: true, rejectedFingerprint: rejected.fingerprint })
          .then((token) => {
            if (closed) return undefined;
            const generation = adopt(token);
            if (generation.fingerprint !== rejected.fingerprint) return generation;
            warn(`Momento rejected key ${rejected.fingerprint} and ${token.source} still returns it`);
            return undefined;
          })
          .catch((err: unknown) => {
            if (!closed) {
              const reason = err instanceof Error ? err.message : String(err);
              warn(`Momento rejected key ${rejected.fingerprint} and no new key could be had: ${reason}`);
            }
            return undefined;
          })
          .finally(() => rotations.delete(rejected.fingerprint));
        rotations.set(rejected.fingerprint, pending);
      }
      return pending;
    },
    async run(call) {
      if (!accepting) throw clientClosedError(name);
      starting += 1;
      let first: Generation<C>;
      try {
        first = await manager.acquire();
      } finally {
        starting -= 1;
        checkDrained();
      }
      const outcome = await rotateAndRetry(
        manager,
        first,
        await attempt(first, call),
        (g) => attempt(g, call),
        keyRejected,
      );
      return unwrap(outcome);
    },
    close() {
      if (closed && live.size === 0) return;
      closed = true;
      stopListening();
      // A client with calls running is closed when they end (their deadline bounds it), not under them: closing a gRPC
      // channel while a call on it waits for a server that never answers makes the SDK's retry timer throw "Channel has
      // been shut down" outside any promise, which ends the process.
      current = undefined;
      for (const generation of [...live]) if (generation.inFlight === 0) dispose(generation);
      if (init.ownsSource) source.close();
      drained?.();
    },
    async drain() {
      accepting = false;
      if (!closed && (starting > 0 || [...live].some((g) => g.inFlight > 0))) {
        await new Promise<void>((resolve) => {
          drained = resolve;
        });
      }
      manager.close();
    },
  };
  return manager;
}

/** Momento rejected the key: the SDK returned an `AUTHENTICATION_ERROR` response, or threw one (`throwOnErrors`). */
function keyRejected(outcome: Outcome<unknown>): boolean {
  return isAuthenticationError(outcome.ok ? outcome.value : outcome.error);
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}
