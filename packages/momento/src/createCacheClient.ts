import type { CacheClient, Configuration } from '@gomomento/sdk';
import { createReporter } from '@tokenchain/core/source-kit';
import { CACHE_CLIENT_METHODS } from './cacheClientMethods.js';
import { createClientManager } from './clientManager.js';
import { closeCacheClient } from './closeCacheClient.js';
import { defaultCacheConfiguration } from './defaultConfiguration.js';
import { lazyManagedObject } from './lazyManagedObject.js';
import { isSdkLoaded, loadSdk, loadSdkWhileFetching } from './loadSdk.js';
import { type ManagedClient, type ManagedClientOptions, managedSource } from './managedClient.js';
import { toCredentialProvider } from './toCredentialProvider.js';

export interface CreateCacheClientOptions extends ManagedClientOptions {
  /**
   * The SDK configuration, e.g. `Configurations.Laptop.latest()`. Default: `Configurations.Lambda.latest()` in AWS Lambda
   * (`AWS_LAMBDA_FUNCTION_NAME` set in `env`), `Configurations.InRegion.Default.latest()` elsewhere.
   */
  readonly configuration?: Configuration;
  readonly defaultTtlSeconds: number;
}

/** @deprecated Renamed {@link CreateCacheClientOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type CreateCacheClientInit = CreateCacheClientOptions;

/** The SDK's `CacheClient`, with a key that can rotate underneath it. */
export type ManagedCacheClient = CacheClient & ManagedClient;

/**
 * A Momento `CacheClient` whose key comes from a token source and may change while it runs. It has the SDK client's own
 * interface (`instanceof CacheClient` holds; every method is answered) and builds the SDK client on the first call.
 *
 * - The key is fetched once and cached; a thousand concurrent first calls make one fetch.
 * - When Momento rejects the key (`AUTHENTICATION_ERROR`, returned or thrown with `throwOnErrors`), one forced refresh is
 *   shared by every call that saw it; if the key changed, a new SDK client is built and each of those calls is retried on
 *   it (and again, up to `MAX_ROTATIONS_PER_CALL` times, if the store rotated once more within the round trip).
 * - When a background refresh or the source itself brings a new key, a new SDK client takes over at once and the old one is
 *   closed after the calls running on it end. No call is lost during the swap.
 * - Calls reject with the source's `TokenSourceError` only when no key can be had at all; Momento's own errors stay SDK
 *   responses, as with the SDK.
 *
 * Build it once per process (in Lambda, at module scope) and share it: it is cheap to create, it makes no call until used.
 *
 * @example
 * ```ts
 * const client = createCacheClient({
 *   source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),
 *   defaultTtlSeconds: 600,
 * });
 * await client.set('cache', 'code', '12345');
 * ```
 */
export function createCacheClient(init: CreateCacheClientOptions): ManagedCacheClient {
  const name = `CacheClient(${init.source.name})`;
  // The SDK is loaded when first needed, not here: the first call starts the key fetch, and the SDK loads while the store
  // answers (see loadSdkWhileFetching), where building it eagerly would put its ~150 ms in front of the fetch.
  const sdk = () => loadSdk(name);
  // Chosen once, so that every SDK client this one builds (one per key) has the same configuration.
  let chosen: Configuration | undefined = init.configuration;
  const configuration = (): Configuration => {
    chosen ??= defaultCacheConfiguration(sdk(), init.env ?? process.env);
    return chosen;
  };
  const { source, owned } = managedSource(init);
  const manager = createClientManager<CacheClient>({
    name,
    source,
    ownsSource: owned,
    report: createReporter(init.observer),
    build: (token) =>
      new (sdk().CacheClient)({
        credentialProvider: toCredentialProvider(token, {
          ...(init.endpoint !== undefined && { endpoint: init.endpoint }),
          ...(init.endpointOverrides !== undefined && { endpointOverrides: init.endpointOverrides }),
          ...(init.env !== undefined && { env: init.env }),
        }),
        defaultTtlSeconds: init.defaultTtlSeconds,
        configuration: configuration(),
      }),
    dispose: closeCacheClient,
  });

  const managed: ManagedCacheClient = lazyManagedObject<ManagedCacheClient>(
    () => sdk().CacheClient as never,
    CACHE_CLIENT_METHODS,
    {
      invoke: (method, args) => {
        const call = manager.run((client) =>
          (client as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args),
        );
        if (!isSdkLoaded()) loadSdkWhileFetching(call, name);
        return call;
      },
      read: (property) =>
        manager.current?.client[property as keyof CacheClient] ??
        (property === 'configuration' ? configuration() : undefined),
      own: {
        // Synchronous in the SDK: a view of one cache whose calls go back through this client, and so rotate with it.
        cache: {
          value: (cacheName: string) => Reflect.apply(sdk().CacheClient.prototype.cache, managed, [cacheName]),
        },
        ready: {
          value: async () => {
            const ready = manager.acquire();
            if (!isSdkLoaded()) loadSdkWhileFetching(ready, name);
            manager.release(await ready);
          },
        },
        keyFingerprint: { get: () => manager.current?.fingerprint },
        close: { value: () => manager.close() },
        [Symbol.asyncDispose]: { value: () => manager.drain() },
      },
    },
  );
  return managed;
}
