import {
  CacheGet,
  CacheSet,
  Configurations,
  DefaultMomentoLoggerFactory,
  DefaultMomentoLoggerLevel,
  TopicPublish,
  TopicSubscribe,
} from '@gomomento/sdk';
import { v2Key } from '@tokenchain/fakes/keys';
import { createCacheClient, createTopicClient } from '@tokenchain/momento';
import { expect } from 'chai';
import { GET_SECRET_VALUE, SECRET_ID, startWorld, type World } from './harness.js';

const WORKERS = 8;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('rotating the key while calls run', () => {
  let world: World;
  let key: string;

  beforeEach(async () => {
    world = await startWorld();
    key = v2Key();
    world.momento.allowKey(key);
    world.aws.secretsManager.put(SECRET_ID, key);
  });
  afterEach(() => world.close());

  /** What Secrets Manager rotation does: a new version becomes AWSCURRENT, then the old key is revoked at Momento. */
  function rotate(): string {
    const next = v2Key();
    world.momento.allowKey(next);
    world.aws.secretsManager.rotate(SECRET_ID, next);
    world.momento.revokeKey(key);
    key = next;
    return next;
  }

  it('fails no user call and makes one GetSecretValue per rotation, not one per call', async () => {
    const client = world.cacheClient();
    const failures: string[] = [];
    let calls = 0;
    let running = true;
    const worker = async (id: number) => {
      while (running) {
        const set = await client.set('cache', `k${id}`, `v${calls}`);
        if (!(set instanceof CacheSet.Success)) failures.push(set.toString());
        const get = await client.get('cache', `k${id}`);
        if (!(get instanceof CacheGet.Hit)) failures.push(get.toString());
        calls += 2;
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, id) => worker(id));
    try {
      for (let rotation = 1; rotation <= 3; rotation += 1) {
        const before = calls;
        await until(() => calls >= before + 100, 'calls to run on the current key');
        const next = rotate();
        await until(
          () => world.momento.callCount({ key: next, outcome: 'ok' }) >= 100,
          `calls to run on rotated key ${rotation}`,
        );
      }
    } finally {
      running = false;
      await Promise.all(workers);
    }
    expect(failures).to.deep.equal([]);
    expect(world.aws.count(GET_SECRET_VALUE)).to.equal(4);
    expect(world.momento.callCount({ outcome: 'unauthenticated' })).to.be.greaterThan(0);
    expect(world.events.filter((e) => e.type === 'rotated')).to.have.length(3);
  });

  it('fails no call when the key is rotated twice within one round trip', async () => {
    const second = v2Key();
    const third = v2Key();
    let rotatedAgain = false;
    const client = createCacheClient({
      source: world.seedChain(),
      configuration: Configurations.Laptop.v1(new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR)),
      defaultTtlSeconds: 600,
      endpointOverrides: world.momento.endpointOverrides(),
      observer: {
        onEvent: (event) => {
          // The moment the client has fetched the second key, and before its retry reaches Momento, the store rotates
          // again and revokes it: the retry is rejected too.
          if (event.type !== 'rotated' || rotatedAgain) return;
          rotatedAgain = true;
          world.momento.allowKey(third);
          world.aws.secretsManager.rotate(SECRET_ID, third);
          world.momento.revokeKey(second);
        },
      },
    });
    try {
      await client.ready();
      world.momento.allowKey(second);
      world.aws.secretsManager.rotate(SECRET_ID, second);
      world.momento.revokeKey(key);
      expect(await client.set('cache', 'code', 'after two rotations')).to.be.instanceOf(CacheSet.Success);
      expect(world.momento.calls().map((c) => [c.key, c.outcome])).to.deep.equal([
        [key, 'unauthenticated'],
        [second, 'unauthenticated'],
        [third, 'ok'],
      ]);
      expect(world.aws.count(GET_SECRET_VALUE)).to.equal(3);
    } finally {
      client.close();
    }
  });

  it('keeps a topic subscription delivering across the rotation', async () => {
    const topics = createTopicClient({
      source: world.seedChain(),
      endpointOverrides: world.momento.endpointOverrides(),
    });
    try {
      const items: string[] = [];
      const subscription = await topics.subscribe('cache', 'news', {
        onItem: (item) => items.push(item.valueString()),
      });
      expect(subscription).to.be.instanceOf(TopicSubscribe.Subscription);
      expect(await topics.publish('cache', 'news', 'before')).to.be.instanceOf(TopicPublish.Success);
      await until(() => items.length === 1, 'the first item');
      rotate();
      await until(
        () => world.momento.activeSubscriptions === 1 && world.momento.callCount({ method: 'Subscribe', key }) === 1,
        'a stream on the new key',
      );
      expect(await topics.publish('cache', 'news', 'after')).to.be.instanceOf(TopicPublish.Success);
      await until(() => items.length === 2, 'the item published after the rotation');
      expect(items).to.deep.equal(['before', 'after']);
      expect(world.aws.count(GET_SECRET_VALUE)).to.equal(2);
    } finally {
      topics.close();
    }
  });
});
