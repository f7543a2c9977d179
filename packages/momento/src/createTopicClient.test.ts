import type { TopicSubscribe } from '@gomomento/sdk';
import type { TestSource } from '@tokenchain/core/testing';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { createTopicClient, type ManagedTopicClient } from './createTopicClient.js';
import {
  eventually,
  type MomentoFake,
  quietTopics,
  sdk,
  serveMomento,
  trackClientSockets,
} from './fixtures.testing.js';

const CACHE = 'cache';
let topics = 0;

interface Received {
  items: string[];
  errors: string[];
  ends: number;
}

describe(createTopicClient.name, () => {
  const momento = serveMomento();
  let fake: MomentoFake;
  let source: TestSource;
  let client: ManagedTopicClient;
  let key: string;
  let topic: string;
  let received: Received;

  beforeEach(() => {
    ({ fake, key, source } = momento);
    topics += 1;
    topic = `topic-${topics}`;
    received = { items: [], errors: [], ends: 0 };
    client = createTopicClient({
      source,
      configuration: quietTopics(),
      endpointOverrides: fake.endpointOverrides(),
      cache: { errorBackoff: { initialMs: 0, maxMs: 0 }, forcedRefreshBackoff: { initialMs: 0, maxMs: 0 } },
    });
  });
  afterEach(() => client.close());

  async function subscribe(): Promise<TopicSubscribe.Subscription> {
    const response = await client.subscribe(CACHE, topic, {
      onItem: (item) => received.items.push(item.valueString()),
      onError: (error) => received.errors.push(error.errorCode()),
      onSubscriptionEnd: () => {
        received.ends += 1;
      },
    });
    expect(response).to.be.instanceOf(sdk.TopicSubscribe.Subscription);
    return response as TopicSubscribe.Subscription;
  }

  async function publishAndSee(value: string): Promise<void> {
    const result = await client.publish(CACHE, topic, value);
    expect(result).to.be.instanceOf(sdk.TopicPublish.Success);
    await eventually(() => received.items.includes(value), `item ${value} to arrive`);
  }

  describe('having a key the service accepts', () => {
    it('publishes and delivers to a subscription that is a real TopicSubscribe.Subscription', async () => {
      expect(client).to.be.instanceOf(sdk.TopicClient);
      await subscribe();
      await publishAndSee('hello');
      expect(received.items).to.deep.equal(['hello']);
    });

    it('ends a subscription on unsubscribe(), once, and closes its stream', async () => {
      const subscription = await subscribe();
      subscription.unsubscribe();
      expect(subscription.isSubscribed).to.equal(false);
      await eventually(() => fake.activeSubscriptions === 0, 'the stream to close');
      expect(received.ends).to.equal(1);
    });
  });

  describe('when the key is revoked while subscribed and the store has a new one', () => {
    it('carries on with the same subscription on a new stream', async () => {
      const subscription = await subscribe();
      await publishAndSee('before');
      const next = v2Key();
      fake.allowKey(next);
      source.setValue(next);
      fake.revokeKey(key);
      await eventually(
        () => fake.callCount({ method: 'Subscribe', key: next, outcome: 'ok' }) === 1,
        'a stream with the new key',
      );
      await publishAndSee('after');
      expect(received.items).to.deep.equal(['before', 'after']);
      expect(subscription.isSubscribed).to.equal(true);
      expect(received.ends).to.equal(0);
      expect(received.errors).to.deep.equal([]);
      expect(fake.activeSubscriptions).to.equal(1);
      expect(source.forcedCalls).to.equal(1);
    });
  });

  describe('when the key is revoked while subscribed and the store has no new one', () => {
    it('says so: onError with AUTHENTICATION_ERROR, then onSubscriptionEnd', async () => {
      const subscription = await subscribe();
      fake.revokeKey(key);
      await eventually(() => received.ends === 1, 'the subscription to end');
      expect(received.errors).to.deep.equal([sdk.MomentoErrorCode.AUTHENTICATION_ERROR]);
      expect(subscription.isSubscribed).to.equal(false);
    });
  });

  describe('when the store announces a new key while the old one still works', () => {
    it('moves the stream to the new key, then closes the old stream, delivering each item once', async () => {
      await subscribe();
      await publishAndSee('one');
      const next = v2Key();
      fake.allowKey(next);
      source.announce(next);
      await eventually(() => fake.callCount({ method: 'Subscribe', key: next }) === 1, 'a stream with the new key');
      await eventually(() => fake.activeSubscriptions === 1, 'the old stream to close');
      await publishAndSee('two');
      fake.revokeKey(key);
      await publishAndSee('three');
      expect(received.items).to.deep.equal(['one', 'two', 'three']);
      expect(received.ends).to.equal(0);
    });
  });

  describe('when the first subscribe is rejected', () => {
    it('refreshes the key and subscribes with the new one', async () => {
      await client.ready();
      const next = v2Key();
      fake.allowKey(next);
      source.setValue(next);
      fake.revokeKey(key);
      await subscribe();
      await publishAndSee('first');
      expect(fake.callCount({ method: 'Subscribe', key, outcome: 'unauthenticated' })).to.equal(1);
    });

    it("returns the SDK's error response when the store still has the rejected key", async () => {
      await client.ready();
      fake.revokeKey(key);
      const response = await client.subscribe(CACHE, topic, {});
      expect(response).to.be.instanceOf(sdk.TopicSubscribe.Error);
    });
  });

  describe('close()', () => {
    it('ends every subscription and every connection', async () => {
      const tracked = trackClientSockets();
      try {
        await subscribe();
        await publishAndSee('x');
        client.close();
        expect(received.ends).to.equal(1);
        await eventually(() => fake.activeSubscriptions === 0, 'the stream to close');
        await eventually(() => tracked.open() === 0, 'every client socket to close');
      } finally {
        tracked.restore();
      }
    });

    it('rejects calls made afterwards', async () => {
      client.close();
      await expect(client.publish(CACHE, topic, 'late')).to.be.rejectedWith(/closed/);
    });

    it('lets a publish that is running finish with its answer, then closes its connections', async () => {
      const tracked = trackClientSockets();
      try {
        await client.ready();
        fake.setLatency(100);
        const running = client.publish(CACHE, topic, 'in flight');
        await eventually(() => tracked.open() > 0, 'the publish to be sent');
        client.close();
        expect((await running).toString()).to.equal('Success');
        await eventually(() => tracked.open() === 0, 'every client socket to close');
      } finally {
        tracked.restore();
      }
    });

    it('closes a subscription that was still opening, and rejects it with ClientClosedError', async () => {
      const tracked = trackClientSockets();
      try {
        await client.ready();
        fake.setLatency(100);
        const opening = client.subscribe(CACHE, topic, { onItem: (item) => received.items.push(item.valueString()) });
        await eventually(() => tracked.open() > 0, 'the subscribe to be sent');
        client.close();
        await expect(opening).to.be.rejectedWith(/closed/);
        await eventually(() => fake.activeSubscriptions === 0, 'the stream to close');
        await eventually(() => tracked.open() === 0, 'every client socket to close');
      } finally {
        tracked.restore();
      }
    });
  });
});
