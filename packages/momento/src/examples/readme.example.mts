// The README's examples, compiled so that they cannot drift from the code. Nothing runs at import.
import { CacheClient, CacheGet, Configurations, TopicConfigurations } from '@gomomento/sdk';
import { cached, type TokenSource } from '@tokenchain/core';
import {
  createCacheClient,
  createTopicClient,
  describeKey,
  momentoKey,
  toCredentialProvider,
} from '@tokenchain/momento';

export async function quickStart(source: TokenSource, log: (line: string) => void): Promise<void> {
  const client = createCacheClient({
    source, // e.g. chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv())
    defaultTtlSeconds: 600, // configuration: the SDK's Lambda preset in Lambda, InRegion.Default elsewhere
  });

  await client.set('cache', 'code', '12345');
  const hit = await client.get('cache', 'code');
  if (hit instanceof CacheGet.Hit) log(hit.valueString()); // 12345

  client.close(); // when the process is done with it
}

export async function failFast(source: TokenSource): Promise<void> {
  const client = createCacheClient({ source, defaultTtlSeconds: 600 });
  await client.ready(); // fetches the key and builds the SDK client now: a missing or malformed key fails here
}

export async function topics(source: TokenSource, log: (line: string) => void): Promise<void> {
  const topicClient = createTopicClient({ source, configuration: TopicConfigurations.Default.latest() });
  const subscription = await topicClient.subscribe('cache', 'news', {
    onItem: (item) => log(item.valueString()),
    onError: (error) => log(`subscription ended: ${error.errorCode()}`),
    onSubscriptionEnd: () => log('no more items'),
  });
  await topicClient.publish('cache', 'news', 'hello');
  // The same subscription keeps delivering across key rotations; unsubscribe() or close() ends it.
  void subscription;
  topicClient.close();
}

export async function withTheSdkDirectly(source: TokenSource): Promise<CacheClient> {
  const token = await momentoKey(source).getToken(); // checked: format, characters, expiry
  const credentialProvider = toCredentialProvider(token, { endpoint: 'cell-4-us-west-2-1.prod.a.momentohq.com' });
  return new CacheClient({ credentialProvider, configuration: Configurations.Laptop.v1(), defaultTtlSeconds: 600 });
}

export async function describe(source: TokenSource, log: (line: string) => void): Promise<void> {
  const { kind, fingerprint, endpoint, expiresAt } = describeKey(await source.getToken());
  log(
    `${kind} key ${fingerprint} for ${endpoint ?? 'an endpoint given separately'}, expires ${expiresAt?.toISOString() ?? 'never'}`,
  );
}

export async function sharedKeyCache(source: TokenSource): Promise<void> {
  // Several clients over one key cache: one fetch, one refresh schedule. Each client leaves a cache it did not make open.
  const key = cached(momentoKey(source), { ttlMs: 30 * 60_000 });
  const cacheClient = createCacheClient({ source: key, defaultTtlSeconds: 600 });
  const topicClient = createTopicClient({ source: key });
  await Promise.all([cacheClient.ready(), topicClient.ready()]);
  cacheClient.close();
  topicClient.close();
  key.close();
}

export async function disposing(source: TokenSource): Promise<void> {
  // `await using` (TypeScript 5.2+, Node 20): running calls finish, then the SDK clients and the key cache close.
  await using client = createCacheClient({ source, defaultTtlSeconds: 600 });
  await client.set('cache', 'code', '12345');
}
