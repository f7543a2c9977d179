import { createRequire } from 'node:module';
import { status } from '@grpc/grpc-js';
import { expect } from 'chai';
import { legacyKey, v1Key } from '../keys.js';
import { type MomentoFake, startMomentoFake } from './index.js';

type Sdk = typeof import('@gomomento/sdk');
const sdk = createRequire(import.meta.url)('@gomomento/sdk') as Sdk;
const quiet = () => new sdk.DefaultMomentoLoggerFactory(sdk.DefaultMomentoLoggerLevel.ERROR);

async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(startMomentoFake.name, () => {
  let fake: MomentoFake;
  const clients: { close(): void }[] = [];

  beforeEach(async () => {
    fake = await startMomentoFake();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await fake.close();
  });

  /** The real SDK client, for a key of any format, pointed at the fake. */
  function cacheClient(key: string) {
    const credentialProvider = sdk.CredentialProvider.fromString({
      apiKey: key,
      endpointOverrides: fake.endpointOverrides(),
    });
    const client = new sdk.CacheClient({
      configuration: sdk.Configurations.Laptop.v1(quiet()),
      credentialProvider,
      defaultTtlSeconds: 60,
    });
    clients.push(client);
    return client;
  }

  function topicClient(key: string) {
    const credentialProvider = sdk.CredentialProvider.fromString({
      apiKey: key,
      endpointOverrides: fake.endpointOverrides(),
    });
    return new sdk.TopicClient({ configuration: sdk.TopicConfigurations.Default.latest(quiet()), credentialProvider });
  }

  it('listens on 127.0.0.1 on a free port and gives the SDK plaintext endpoint overrides', () => {
    expect(fake.host).to.equal('127.0.0.1');
    expect(fake.port).to.be.greaterThan(0);
    expect(fake.endpointOverrides()).to.deep.equal({
      cacheEndpoint: fake.endpoint,
      controlEndpoint: fake.endpoint,
      tokenEndpoint: fake.endpoint,
      secureConnection: false,
    });
  });

  describe('having an allowed key of each format', () => {
    for (const [kind, make] of [
      ['v1', () => v1Key({ endpoint: 'unused.example.com' })],
      ['legacy', () => legacyKey({ controlEndpoint: 'cp.example.com', cacheEndpoint: 'c.example.com' })],
    ] as const) {
      it(`sets, gets and deletes per cache name with a ${kind} key`, async () => {
        const key = make();
        fake.allowKey(key);
        const client = cacheClient(key);
        expect(await client.set('one', 'code', '12345')).to.be.instanceOf(sdk.CacheSet.Success);
        expect((await client.get('one', 'code')).toString()).to.equal('Hit: 12345');
        expect(await client.get('two', 'code')).to.be.instanceOf(sdk.CacheGet.Miss);
        expect(fake.peek('one', 'code')).to.equal('12345');
        await client.delete('one', 'code');
        expect(await client.get('one', 'code')).to.be.instanceOf(sdk.CacheGet.Miss);
        expect(fake.callCount({ key })).to.equal(5);
        expect(fake.callCount({ key, method: 'Get', cacheName: 'one' })).to.equal(2);
      });
    }
  });

  describe('having a key it was not told about, or one it revoked', () => {
    it('answers UNAUTHENTICATED, which the SDK reports as AUTHENTICATION_ERROR, and counts the rejection', async () => {
      const key = v1Key({ endpoint: 'x.example.com' });
      const client = cacheClient(key);
      const unknown = await client.get('cache', 'code');
      expect((unknown as InstanceType<typeof sdk.CacheGet.Error>).errorCode()).to.equal(
        sdk.MomentoErrorCode.AUTHENTICATION_ERROR,
      );
      fake.allowKey(key);
      expect(await client.get('cache', 'code')).to.be.instanceOf(sdk.CacheGet.Miss);
      fake.revokeKey(key);
      expect(fake.isAllowed(key)).to.equal(false);
      expect(await client.get('cache', 'code')).to.be.instanceOf(sdk.CacheGet.Error);
      expect(fake.callCount({ key, outcome: 'unauthenticated' })).to.equal(2);
      expect(fake.callCount({ key, outcome: 'ok' })).to.equal(1);
    });
  });

  describe('having faults and latency set', () => {
    it('answers the next matching calls with the fault, then recovers', async () => {
      const key = v1Key({ endpoint: 'x.example.com' });
      fake.allowKey(key);
      fake.fail({ method: 'Get', code: status.NOT_FOUND, times: 1 });
      const client = cacheClient(key);
      const failed = await client.get('cache', 'code');
      expect((failed as InstanceType<typeof sdk.CacheGet.Error>).errorCode()).to.equal(
        sdk.MomentoErrorCode.NOT_FOUND_ERROR,
      );
      expect(await client.set('cache', 'code', 'v')).to.be.instanceOf(sdk.CacheSet.Success);
      expect(await client.get('cache', 'code')).to.be.instanceOf(sdk.CacheGet.Hit);
      expect(fake.callCount({ outcome: 'fault' })).to.equal(1);
    });

    it('waits before answering: longer than a client deadline, the call times out', async () => {
      const key = v1Key({ endpoint: 'x.example.com' });
      fake.allowKey(key);
      fake.setLatency(300);
      const credentialProvider = sdk.CredentialProvider.fromString({
        apiKey: key,
        endpointOverrides: fake.endpointOverrides(),
      });
      const configuration = sdk.Configurations.Laptop.v1(quiet()).withClientTimeoutMillis(50);
      const client = new sdk.CacheClient({ configuration, credentialProvider, defaultTtlSeconds: 60 });
      clients.push(client);
      const late = await client.get('cache', 'code');
      expect((late as InstanceType<typeof sdk.CacheGet.Error>).errorCode()).to.equal(
        sdk.MomentoErrorCode.TIMEOUT_ERROR,
      );
    });
  });

  describe('topics', () => {
    it('delivers published items to subscribers of the topic, and ends a revoked key’s stream with UNAUTHENTICATED', async () => {
      const key = plaintextKey();
      fake.allowKey(key);
      const topics = topicClient(key);
      const items: string[] = [];
      const errors: string[] = [];
      let ended = false;
      const subscription = await topics.subscribe('cache', 'news', {
        onItem: (item) => items.push(item.valueString()),
        onError: (error) => errors.push(error.errorCode()),
        onSubscriptionEnd: () => {
          ended = true;
        },
      });
      expect(subscription).to.be.instanceOf(sdk.TopicSubscribe.Subscription);
      expect(fake.activeSubscriptions).to.equal(1);
      await topics.publish('cache', 'news', 'one');
      await topics.publish('cache', 'other', 'elsewhere');
      await eventually(() => items.length === 1, 'one item');
      expect(fake.revokeKey(key)).to.equal(1);
      await eventually(() => ended, 'the stream to end');
      expect(errors).to.deep.equal([sdk.MomentoErrorCode.AUTHENTICATION_ERROR]);
      expect(items).to.deep.equal(['one']);
      expect(fake.activeSubscriptions).to.equal(0);
    });

    it('refuses a subscription of an unknown key', async () => {
      const response = await topicClient(plaintextKey()).subscribe('cache', 'news', {});
      expect(response).to.be.instanceOf(sdk.TopicSubscribe.Error);
      expect(fake.callCount({ method: 'Subscribe', outcome: 'unauthenticated' })).to.equal(1);
    });

    it('replays missed items when the SDK resumes a stream the fake ended', async () => {
      const key = plaintextKey();
      fake.allowKey(key);
      const topics = topicClient(key);
      const items: string[] = [];
      const subscription = await topics.subscribe('cache', 'news', {
        onItem: (item) => items.push(item.valueString()),
      });
      await topics.publish('cache', 'news', 'one');
      await eventually(() => items.length === 1, 'one item');
      expect(fake.endSubscriptions()).to.equal(1);
      await topics.publish('cache', 'news', 'two');
      await eventually(() => items.length === 2, 'the second item after the resume');
      expect(items).to.deep.equal(['one', 'two']);
      (subscription as InstanceType<typeof sdk.TopicSubscribe.Subscription>).unsubscribe();
    });
  });

  it('ends every stream and stops listening on close()', async () => {
    const key = plaintextKey();
    fake.allowKey(key);
    const subscription = await topicClient(key).subscribe('cache', 'news', {});
    expect(subscription).to.be.instanceOf(sdk.TopicSubscribe.Subscription);
    (subscription as InstanceType<typeof sdk.TopicSubscribe.Subscription>).unsubscribe();
    await fake.close();
    expect(fake.activeSubscriptions).to.equal(0);
    const client = cacheClient(key);
    const refused = await client.get('cache', 'code');
    expect(refused).to.be.instanceOf(sdk.CacheGet.Error);
  });
});

/**
 * `fromString` does not take v2 keys and `fromApiKeyV2` is always TLS, so the raw SDK reaches the fake with a v1 or legacy
 * key (@tokenchain/momento has a provider for v2 keys over plaintext, tested there).
 */
function plaintextKey(): string {
  return legacyKey({ controlEndpoint: 'cp.example.com', cacheEndpoint: 'c.example.com' });
}
