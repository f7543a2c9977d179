import type { SubscribeCallOptions, TopicClient, TopicConfiguration } from '@gomomento/sdk';
import { createReporter } from '@tokenchain/core/source-kit';
import { createClientManager } from './clientManager.js';
import { closeTopicClient } from './closeTopicClient.js';
import { defaultTopicConfiguration } from './defaultConfiguration.js';
import { loadSdk } from './loadSdk.js';
import { type ManagedClient, type ManagedClientOptions, managedSource } from './managedClient.js';
import { managedObject } from './managedObject.js';
import { type ManagedSubscriptions, managedSubscriptions } from './managedSubscriptions.js';
import { toCredentialProvider } from './toCredentialProvider.js';

export interface CreateTopicClientOptions extends ManagedClientOptions {
  /**
   * The SDK configuration. Default: `TopicConfigurations.Lambda.latest()` in AWS Lambda (`AWS_LAMBDA_FUNCTION_NAME` set in
   * `env`), `TopicConfigurations.Default.latest()` elsewhere.
   */
  readonly configuration?: TopicConfiguration;
}

/** @deprecated Renamed {@link CreateTopicClientOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type CreateTopicClientInit = CreateTopicClientOptions;

/** The SDK's `TopicClient`, with a key that can rotate underneath it, and a `close()` the SDK client lacks. */
export type ManagedTopicClient = TopicClient & ManagedClient;

/**
 * A Momento `TopicClient` whose key comes from a token source and may change while it runs, with the same rotation rules as
 * {@link createCacheClient}. Subscriptions survive a rotation: the subscription object returned stays the same while its
 * stream moves to the new key (see the README for what can be missed); one that cannot move ends with `onError` then
 * `onSubscriptionEnd`. `close()` ends every subscription and closes the SDK clients' connections.
 *
 * @example
 * ```ts
 * const topics = createTopicClient({ source: fromEnv(), configuration: TopicConfigurations.Default.latest() });
 * await topics.subscribe('cache', 'news', { onItem: (item) => console.log(item.valueString()) });
 * await topics.publish('cache', 'news', 'hello');
 * ```
 */
export function createTopicClient(init: CreateTopicClientOptions): ManagedTopicClient {
  const name = `TopicClient(${init.source.name})`;
  const sdk = loadSdk(name);
  const configuration = init.configuration ?? defaultTopicConfiguration(sdk, init.env ?? process.env);
  const { source, owned } = managedSource(init);
  const report = createReporter(init.observer);
  let subscriptions: ManagedSubscriptions | undefined;
  const manager = createClientManager<TopicClient>({
    name,
    source,
    ownsSource: owned,
    report,
    build: (token) =>
      new sdk.TopicClient({
        configuration,
        credentialProvider: toCredentialProvider(token, {
          ...(init.endpoint !== undefined && { endpoint: init.endpoint }),
          ...(init.endpointOverrides !== undefined && { endpointOverrides: init.endpointOverrides }),
          ...(init.env !== undefined && { env: init.env }),
        }),
      }),
    dispose: closeTopicClient,
    onSwap: (next, previous) => subscriptions?.moveAll(next, previous),
  });
  subscriptions = managedSubscriptions(sdk, manager, configuration.getLoggerFactory(), report, name);
  const subs = subscriptions;

  return managedObject<ManagedTopicClient>(sdk.TopicClient as never, {
    invoke: (method, args) =>
      manager.run((client) => (client as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args)),
    read: (property) => manager.current?.client[property as keyof TopicClient],
    own: {
      subscribe: {
        value: (cacheName: string, topicName: string, options: SubscribeCallOptions = {}) =>
          subs.subscribe(cacheName, topicName, options),
      },
      ready: {
        value: async () => {
          manager.release(await manager.acquire());
        },
      },
      keyFingerprint: { get: () => manager.current?.fingerprint },
      close: {
        value: () => {
          subs.endAll();
          manager.close();
        },
      },
      [Symbol.asyncDispose]: {
        value: async () => {
          subs.endAll();
          await manager.drain();
        },
      },
    },
  });
}
