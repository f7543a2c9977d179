import { cached, type TokenEvent, TokenSourceError } from '@tokenchain/core';
import type { TestSource } from '@tokenchain/core/testing';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import sinon from 'sinon';
import { type CreateCacheClientOptions, createCacheClient, type ManagedCacheClient } from './createCacheClient.js';
import {
  eventually,
  type MomentoFake,
  quietLaptop,
  racingStore,
  sdk,
  serveMomento,
  startMomentoFake,
  trackClientSockets,
} from './fixtures.testing.js';

let CACHE = 'cache';
let caches = 0;
const ERROR_BACKOFF_OFF = {
  errorBackoff: { initialMs: 0, maxMs: 0 },
  forcedRefreshBackoff: { initialMs: 0, maxMs: 0 },
};

describe(createCacheClient.name, () => {
  const momento = serveMomento();
  let fake: MomentoFake;
  let source: TestSource;
  let client: ManagedCacheClient;
  let key: string;
  let events: TokenEvent[];

  /** A client of the fake over this test's store, with the settings every test shares; `options` override them. */
  function clientOver(options: Partial<CreateCacheClientOptions> = {}): ManagedCacheClient {
    return createCacheClient({
      source,
      configuration: quietLaptop(),
      defaultTtlSeconds: 60,
      endpointOverrides: fake.endpointOverrides(),
      ...options,
    });
  }

  beforeEach(() => {
    ({ fake, key, source } = momento);
    caches += 1;
    CACHE = `cache-${caches}`;
    events = [];
    client = clientOver({ observer: { onEvent: (event) => events.push(event) }, cache: ERROR_BACKOFF_OFF });
  });
  afterEach(() => {
    client.close();
    sinon.restore();
  });

  /** Moves the store to a new key and revokes the old one at Momento, as a rotation does. */
  function rotateAndRevoke(): string {
    const next = v2Key();
    fake.allowKey(next);
    source.setValue(next);
    fake.revokeKey(key);
    return next;
  }

  describe('having a key the service accepts', () => {
    it('sets, gets and deletes through the real SDK client', async () => {
      expect((await client.set(CACHE, 'code', '12345')).toString()).to.equal('Success');
      const hit = await client.get(CACHE, 'code');
      expect(hit).to.be.instanceOf(sdk.CacheGet.Hit);
      expect((hit as InstanceType<typeof sdk.CacheGet.Hit>).valueString()).to.equal('12345');
      await client.delete(CACHE, 'code');
      expect(await client.get(CACHE, 'code')).to.be.instanceOf(sdk.CacheGet.Miss);
    });

    it('is an instance of the SDK CacheClient and answers its synchronous cache() view', async () => {
      expect(client).to.be.instanceOf(sdk.CacheClient);
      await client.cache(CACHE).set('code', 'via-view');
      expect(fake.peek(CACHE, 'code')).to.equal('via-view');
    });

    it('makes no call and fetches no key until used', async () => {
      expect(source.calls).to.equal(0);
      expect(client.keyFingerprint).to.equal(undefined);
      await client.ready();
      expect(source.calls).to.equal(1);
      expect(fake.callCount()).to.equal(0);
    });

    it('fetches the key once for a thousand concurrent calls on a cold client', async () => {
      const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => client.set(CACHE, `k${i}`, 'v')));
      const failed = results.filter((r) => !(r instanceof sdk.CacheSet.Success)).map((r) => r.toString());
      expect(failed, `failed calls: ${failed.slice(0, 3).join('; ')}`).to.have.length(0);
      expect(source.calls).to.equal(1);
    });

    it('reports which source served the key, by fingerprint only', async () => {
      await client.get(CACHE, 'code');
      const resolved = events.find((e) => e.type === 'resolved');
      expect(resolved).to.include({ winner: 'test:momento' });
      expect(JSON.stringify(events)).not.to.include(key);
    });
  });

  describe('when the key is rotated in the store and the old one revoked at Momento', () => {
    it('keeps calls working: the rejected call is retried once with the new key', async () => {
      await client.set(CACHE, 'code', '12345');
      const next = rotateAndRevoke();
      const result = await client.get(CACHE, 'code');
      expect(result.toString()).to.equal('Hit: 12345');
      expect(fake.callCount({ key, outcome: 'unauthenticated' })).to.equal(1);
      expect(fake.callCount({ key: next, outcome: 'ok' })).to.equal(1);
      expect(client.keyFingerprint).not.to.equal(undefined);
    });

    it('keeps a call working when the key is rotated twice within its round trip: each retry moves to the newer key', async () => {
      const [second, third] = [v2Key(), v2Key()];
      const store = racingStore([key, second, third]);
      client.close();
      client = clientOver({ source: store.source, cache: ERROR_BACKOFF_OFF });
      await client.ready();
      // Momento already rejects the first two keys when the call arrives with each: only the third is accepted.
      fake.revokeKey(key);
      fake.allowKey(third);
      expect((await client.set(CACHE, 'code', 'third')).toString()).to.equal('Success');
      expect(fake.calls().map((c) => [c.key, c.outcome])).to.deep.equal([
        [key, 'unauthenticated'],
        [second, 'unauthenticated'],
        [third, 'ok'],
      ]);
      expect(store.forced).to.equal(2);
    });

    it('makes one forced fetch for a burst of concurrent rejected calls', async () => {
      await client.ready();
      rotateAndRevoke();
      const results = await Promise.all(Array.from({ length: 50 }, () => client.set(CACHE, 'code', 'x')));
      expect(results.every((r) => r instanceof sdk.CacheSet.Success)).to.equal(true);
      expect(source.forcedCalls).to.equal(1);
      expect(source.calls).to.equal(2);
    });

    it('closes the client of the old key', async () => {
      const close = sinon.spy(sdk.CacheClient.prototype, 'close');
      await client.ready();
      rotateAndRevoke();
      await client.get(CACHE, 'code');
      expect(close.callCount).to.equal(1);
    });

    it('works the same with throwOnErrors', async () => {
      client.close();
      client = clientOver({ configuration: quietLaptop().withThrowOnErrors(true) });
      await client.set(CACHE, 'code', '12345');
      rotateAndRevoke();
      expect((await client.get(CACHE, 'code')).toString()).to.equal('Hit: 12345');
      expect(source.forcedCalls).to.equal(1);
    });

    it('throws the SDK error with throwOnErrors when the store still has the revoked key', async () => {
      client.close();
      client = clientOver({ configuration: quietLaptop().withThrowOnErrors(true) });
      await client.ready();
      fake.revokeKey(key);
      const thrown = await client.get(CACHE, 'code').then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(thrown).to.be.instanceOf(sdk.AuthenticationError);
      expect(source.forcedCalls).to.equal(1);
    });
  });

  describe('when the store still returns the key Momento rejects', () => {
    it("returns the SDK's AUTHENTICATION_ERROR response and reports a warning", async () => {
      await client.ready();
      fake.revokeKey(key);
      const result = await client.get(CACHE, 'code');
      expect(result).to.be.instanceOf(sdk.CacheGet.Error);
      expect((result as InstanceType<typeof sdk.CacheGet.Error>).errorCode()).to.equal(
        sdk.MomentoErrorCode.AUTHENTICATION_ERROR,
      );
      expect(events.some((e) => e.type === 'warning' && e.message.includes('still returns it'))).to.equal(true);
      expect(fake.callCount({ key })).to.equal(1);
    });
  });

  describe('when the store announces a new key', () => {
    it('moves to it at once: the next call uses the new key', async () => {
      await client.ready();
      const before = client.keyFingerprint;
      const next = v2Key();
      fake.allowKey(next);
      source.announce(next);
      expect(client.keyFingerprint).not.to.equal(before);
      await client.set(CACHE, 'code', 'new');
      expect(fake.callCount({ key: next, method: 'Set' })).to.equal(1);
      expect(fake.callCount({ key, method: 'Set' })).to.equal(0);
    });

    it('closes the old client only after the calls running on it end, and loses none of them', async () => {
      const close = sinon.spy(sdk.CacheClient.prototype, 'close');
      await client.set(CACHE, 'code', '12345');
      fake.setLatency(150);
      const inFlight = client.get(CACHE, 'code');
      await eventually(
        () => fake.callCount({ method: 'Get' }) === 0 && close.callCount === 0,
        'the call to be sent',
        500,
      );
      const next = v2Key();
      fake.allowKey(next);
      source.announce(next);
      const during = client.get(CACHE, 'code');
      expect(close.callCount).to.equal(0);
      expect((await inFlight).toString()).to.equal('Hit: 12345');
      expect((await during).toString()).to.equal('Hit: 12345');
      await eventually(() => close.callCount === 1, 'the old client to be closed');
      expect(fake.callCount({ key: next, method: 'Get' })).to.equal(1);
    });
  });

  describe('when no key can be had', () => {
    it("rejects the call with the source's TokenSourceError", async () => {
      source.setValue(undefined);
      await expect(client.get(CACHE, 'code')).to.be.rejectedWith(TokenSourceError, /test:momento/);
    });

    it('rejects a key with a line break inside as MALFORMED instead of letting the SDK crash the process', async () => {
      const broken = v2Key().replace('.', '.\n');
      source.setValue(broken);
      const err = await client.get(CACHE, 'code').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(TokenSourceError.is(err) && err.code).to.equal('MALFORMED');
      expect(String((err as Error).message)).not.to.include(broken.trim());
      source.setValue(key);
      expect(await client.get(CACHE, 'code')).to.be.instanceOf(sdk.CacheGet.Miss);
    });
  });

  describe('having a source that is already cached', () => {
    it('uses it as is and leaves it open on close()', async () => {
      const shared = cached(source);
      const other = clientOver({ source: shared });
      await other.ready();
      other.close();
      expect(shared.peek()?.secret.reveal()).to.equal(key);
      shared.close();
    });
  });

  describe('having a cached source that holds a key past its own exp, which Momento would still accept', () => {
    /** What defaultTokenSource() hands a client: a cache filled without the Momento checks. */
    async function primedCache(expired: string) {
      source.setValue(expired);
      const shared = cached(source);
      await shared.getToken();
      fake.allowKey(expired);
      return shared;
    }
    const pastKey = () => v2Key({ expiresAt: new Date(Date.now() - 60_000) });

    it('does not use it: one forced refresh brings the new key, and the call goes out with that', async () => {
      const expired = pastKey();
      const shared = await primedCache(expired);
      source.setValue(key);
      const other = clientOver({ source: shared });
      try {
        expect((await other.set(CACHE, 'code', 'fresh')).toString()).to.equal('Success');
        expect(fake.callCount({ key: expired })).to.equal(0);
        expect(fake.callCount({ key, outcome: 'ok' })).to.equal(1);
        expect(source.forcedCalls).to.equal(1);
      } finally {
        other.close();
        shared.close();
      }
    });

    it('rejects the call with EXPIRED naming the source when the store has nothing newer, and sends nothing', async () => {
      const expired = pastKey();
      const shared = await primedCache(expired);
      const other = clientOver({ source: shared });
      try {
        const thrown = await other.get(CACHE, 'code').then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(TokenSourceError.is(thrown)).to.equal(true);
        expect(thrown).to.include({ code: 'EXPIRED', source: 'test:momento' });
        expect(fake.callCount()).to.equal(0);
      } finally {
        other.close();
        shared.close();
      }
    });
  });

  describe('having a Momento server on the IPv6 loopback, at [::1]:port', () => {
    it('connects to it through endpointOverrides and serves calls', async () => {
      const ipv6 = await startMomentoFake({ host: '::1', keys: [key] });
      const over6 = clientOver({ endpointOverrides: ipv6.endpointOverrides() });
      try {
        expect(ipv6.endpoint).to.match(/^\[::1\]:\d+$/);
        expect((await over6.set(CACHE, 'code', 'over-ipv6')).toString()).to.equal('Success');
        expect(ipv6.peek(CACHE, 'code')).to.equal('over-ipv6');
      } finally {
        over6.close();
        await ipv6.close();
      }
    });
  });

  describe('close()', () => {
    it('rejects calls made afterwards', async () => {
      client.close();
      await expect(client.get(CACHE, 'code')).to.be.rejectedWith(/closed/);
    });

    it('ends every connection the SDK clients opened', async () => {
      const tracked = trackClientSockets();
      try {
        await client.set(CACHE, 'code', '12345');
        // A rotation in between, so that the retired client's connections are checked too. The new client is used before
        // close(): gRPC leaves a socket behind when a channel is closed in the very moment it is still connecting.
        const next = v2Key();
        fake.allowKey(next);
        source.announce(next);
        await client.get(CACHE, 'code');
        expect(tracked.open()).to.be.greaterThan(0);
        client.close();
        await eventually(() => tracked.open() === 0, 'every client socket to close');
      } finally {
        tracked.restore();
      }
    });

    it('stops the background refresh of the key cache it owns', async () => {
      client.close();
      client = clientOver({ cache: { ttlMs: 40, refreshAheadMs: 20, jitter: 0 } });
      await client.ready();
      await eventually(() => source.calls >= 3, 'the key to be refreshed in the background');
      client.close();
      const calls = source.calls;
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(source.calls).to.equal(calls);
    });

    it('waits for running calls with Symbol.asyncDispose', async () => {
      await client.set(CACHE, 'code', '12345');
      fake.setLatency(100);
      const running = client.get(CACHE, 'code');
      await client[Symbol.asyncDispose]();
      expect((await running).toString()).to.equal('Hit: 12345');
      await expect(client.get(CACHE, 'code')).to.be.rejectedWith(/closed/);
    });
  });
});
