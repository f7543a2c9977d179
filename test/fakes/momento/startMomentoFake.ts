import { cache, pubsub, token } from '@gomomento/generated-types';
import { Server, ServerCredentials, type status } from '@grpc/grpc-js';
import { wireKeyOf } from '../keys.js';
import { cacheHandlers, createCacheStore } from './cacheService.js';
import type { CallFilter, RecordedCall } from './calls.js';
import { createMomentoFaultPlan, type MomentoFault } from './faults.js';
import { createGate, serviceError, unauthenticated } from './gate.js';
import { pubsubService } from './pubsubService.js';
import { type MintedToken, tokenService } from './tokenService.js';

const LOOPBACK = '127.0.0.1';

export interface MomentoFakeOptions {
  /** Keys accepted from the start, in any format (a v1 key is accepted by its inner `api_key`, as the SDK sends it). */
  readonly keys?: readonly string[];
  /** Delay before every answer, in ms. Default 0. */
  readonly latencyMs?: number;
  /** The loopback address to listen on: `127.0.0.1` (default) or `::1`, for tests of IPv6 endpoints. */
  readonly host?: '127.0.0.1' | '::1';
}

/** The endpoints the real SDK needs to talk plaintext gRPC to the fake. */
export interface FakeEndpointOverrides {
  readonly cacheEndpoint: string;
  readonly controlEndpoint: string;
  readonly tokenEndpoint: string;
  readonly secureConnection: false;
}

/**
 * A Momento data plane on 127.0.0.1 (or ::1) for tests: cache Get/Set/Delete, topic Publish/Subscribe and the token
 * service's GenerateDisposableToken, with a key list.
 */
export interface MomentoFake extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** `127.0.0.1:<port>`, or `[::1]:<port>` for an IPv6 fake. */
  readonly endpoint: string;
  /** Cache, control and token endpoints all at the fake, without TLS. */
  endpointOverrides(): FakeEndpointOverrides;
  /** Accepts `key` (any format) from now on. */
  allowKey(key: string): void;
  /** Rejects `key` from now on with UNAUTHENTICATED, and ends its open subscriptions the same way. Returns how many ended. */
  revokeKey(key: string): number;
  isAllowed(key: string): boolean;
  /** How many calls matched `filter` (all calls when omitted), rejected ones included. */
  callCount(filter?: CallFilter): number;
  calls(): readonly RecordedCall[];
  resetCalls(): void;
  setLatency(ms: number): void;
  /** Answers the next matching calls with a gRPC error instead. */
  fail(fault: MomentoFault): void;
  clearFaults(): void;
  /** Open subscription streams. */
  readonly activeSubscriptions: number;
  /** Ends every open subscription stream: normally (the SDK then resubscribes) or with the given status. */
  endSubscriptions(code?: status, details?: string): number;
  /** The stored value of a cache item as UTF-8, without a call. */
  peek(cacheName: string, key: string): string | undefined;
  /** The disposable tokens the token service minted, oldest first. */
  mintedTokens(): readonly MintedToken[];
  /** Ends every stream and connection and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts the fake on 127.0.0.1 on a free port. Point the real SDK at it with
 * `CredentialProvider.fromString({ apiKey, endpointOverrides: fake.endpointOverrides() })`.
 *
 * @example
 * ```ts
 * const key = v2Key();
 * const fake = await startMomentoFake({ keys: [key] });
 * after(() => fake.close());
 * ```
 */
export async function startMomentoFake(options: MomentoFakeOptions = {}): Promise<MomentoFake> {
  const faults = createMomentoFaultPlan();
  const gate = createGate(faults, options.latencyMs ?? 0);
  for (const key of options.keys ?? []) gate.allow(wireKeyOf(key));
  const store = createCacheStore();
  const pubsubParts = pubsubService(gate);

  const host = options.host ?? LOOPBACK;
  const address = host.includes(':') ? `[${host}]` : host;
  const server = new Server();
  server.addService(cache.cache_client.UnimplementedScsService.definition, cacheHandlers(gate, store));
  server.addService(pubsub.cache_client.pubsub.UnimplementedPubsubService.definition, pubsubParts.handlers);
  const tokenParts = tokenService(gate, () => endpoint);
  server.addService(token.token.UnimplementedTokenService.definition, tokenParts.handlers);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${address}:0`, ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
  const endpoint = `${address}:${port}`;
  let closed: Promise<void> | undefined;

  const fake: MomentoFake = {
    host,
    port,
    endpoint,
    endpointOverrides: () => ({
      cacheEndpoint: endpoint,
      controlEndpoint: endpoint,
      tokenEndpoint: endpoint,
      secureConnection: false,
    }),
    allowKey: (key) => gate.allow(wireKeyOf(key)),
    revokeKey(key) {
      const wire = wireKeyOf(key);
      gate.revoke(wire);
      return pubsubParts.topics.endForKey(wire, unauthenticated());
    },
    isAllowed: (key) => gate.isAllowed(wireKeyOf(key)),
    callCount: (filter = {}) => gate.count(filter, wireKeyOf),
    calls: () => gate.calls(),
    resetCalls: () => gate.resetCalls(),
    setLatency: (ms) => gate.setLatency(ms),
    fail: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    get activeSubscriptions() {
      return pubsubParts.topics.active;
    },
    endSubscriptions(code, details) {
      return pubsubParts.topics.endAll(
        code === undefined ? undefined : serviceError(code, details ?? 'ended by the fake'),
      );
    },
    peek(cacheName, key) {
      const body = store.get(cacheName, Buffer.from(key, 'utf8'));
      return body === undefined ? undefined : Buffer.from(body).toString('utf8');
    },
    mintedTokens: () => [...tokenParts.minted],
    close() {
      closed ??= new Promise<void>((resolve) => {
        // forceShutdown cancels every call and destroys every connection: nothing of the fake outlives close().
        server.forceShutdown();
        setImmediate(resolve);
      });
      return closed;
    },
    [Symbol.asyncDispose]: () => fake.close(),
  };
  return fake;
}
