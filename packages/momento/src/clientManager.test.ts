import { type CachedTokenSource, cached, createToken, type TokenEvent } from '@tokenchain/core';
import { type TestSource, testSource } from '@tokenchain/core/testing';
import { expect } from 'chai';
import { type ClientManager, createClientManager } from './clientManager.js';
import { racingStore } from './fixtures.testing.js';
import { MAX_ROTATIONS_PER_CALL } from './rotateAndRetry.js';

/** A stand-in for an SDK client: answers like the SDK, rejecting the keys the test revokes. */
interface FakeClient {
  readonly key: string;
  closed: boolean;
  call(): Promise<{ errorCode(): string } | 'ok'>;
}

const REJECTED = { errorCode: () => 'AUTHENTICATION_ERROR' };

describe(createClientManager.name, () => {
  let source: TestSource;
  let revoked: Set<string>;
  let built: FakeClient[];
  let events: TokenEvent[];
  let manager: ClientManager<FakeClient>;

  function start(options: { readonly unbuildable?: (key: string) => boolean; readonly from?: CachedTokenSource } = {}) {
    manager = createClientManager<FakeClient>({
      name: 'test-manager',
      source: options.from ?? cached(source),
      ownsSource: true,
      report: (event) => events.push(event),
      build(token) {
        const key = token.secret.reveal();
        if (options.unbuildable?.(key)) throw new Error('cannot build');
        const client: FakeClient = {
          key,
          closed: false,
          async call() {
            return revoked.has(key) ? REJECTED : 'ok';
          },
        };
        built.push(client);
        return client;
      },
      dispose(client) {
        client.closed = true;
      },
    });
  }

  beforeEach(() => {
    source = testSource({ value: 'key-1' });
    revoked = new Set();
    built = [];
    events = [];
    start();
  });
  afterEach(() => manager.close());

  it('builds one client per key, on first use', async () => {
    expect(built).to.have.length(0);
    await Promise.all([manager.run((c) => c.call()), manager.run((c) => c.call())]);
    expect(built.map((c) => c.key)).to.deep.equal(['key-1']);
  });

  describe('when a burst of calls sees its key rejected', () => {
    it('rotates once, retries each call once on the new client, and closes the old one', async () => {
      await manager.run((c) => c.call());
      revoked.add('key-1');
      source.setValue('key-2');
      const results = await Promise.all(Array.from({ length: 10 }, () => manager.run((c) => c.call())));
      expect(results).to.deep.equal(Array(10).fill('ok'));
      expect(source.forcedCalls).to.equal(1);
      expect(built.map((c) => [c.key, c.closed])).to.deep.equal([
        ['key-1', true],
        ['key-2', false],
      ]);
    });

    it('returns the rejection when the source still has the key, and warns', async () => {
      await manager.run((c) => c.call());
      revoked.add('key-1');
      expect(await manager.run((c) => c.call())).to.equal(REJECTED);
      expect(events.some((e) => e.type === 'warning' && e.message.includes('still returns it'))).to.equal(true);
    });
  });

  describe('when the store rotates again while the retry is on the wire', () => {
    const keys = (count: number) => Array.from({ length: count }, (_, i) => `key-${i + 1}`);

    it(`succeeds while each retry brings a newer key, up to ${MAX_ROTATIONS_PER_CALL} rotations in one call`, async () => {
      manager.close();
      const store = racingStore(keys(MAX_ROTATIONS_PER_CALL + 1));
      start({ from: cached(store.source) });
      for (const key of keys(MAX_ROTATIONS_PER_CALL)) revoked.add(key);
      expect(await manager.run((c) => c.call())).to.equal('ok');
      expect(store.forced).to.equal(MAX_ROTATIONS_PER_CALL);
      expect(built.filter((c) => !c.closed).map((c) => c.key)).to.deep.equal([`key-${MAX_ROTATIONS_PER_CALL + 1}`]);
    });

    it(`returns the rejection after ${MAX_ROTATIONS_PER_CALL} rotations when the store keeps handing out revoked keys`, async () => {
      manager.close();
      const store = racingStore(keys(MAX_ROTATIONS_PER_CALL + 3));
      start({ from: cached(store.source) });
      for (const key of keys(MAX_ROTATIONS_PER_CALL + 3)) revoked.add(key);
      expect(await manager.run((c) => c.call())).to.equal(REJECTED);
      expect(store.forced).to.equal(MAX_ROTATIONS_PER_CALL);
    });

    it('stops at a key the call already tried, when the store flips back to it', async () => {
      manager.close();
      const store = racingStore(['key-1', 'key-2', 'key-1']);
      start({ from: cached(store.source) });
      revoked.add('key-1');
      revoked.add('key-2');
      expect(await manager.run((c) => c.call())).to.equal(REJECTED);
      expect(store.forced).to.equal(2);
    });
  });

  describe('when the new key cannot be built into a client', () => {
    it('keeps the current client and warns once', async () => {
      manager.close();
      source = testSource({ value: 'key-1' });
      start({ unbuildable: (key) => key === 'bad' });
      await manager.run((c) => c.call());
      source.announce('bad');
      source.announce('bad-again-is-ignored');
      await manager.run((c) => c.call());
      expect(built.map((c) => c.key)).to.deep.equal(['key-1', 'bad-again-is-ignored']);
      expect(events.filter((e) => e.type === 'warning')).to.have.length(1);
    });
  });

  describe('drain()', () => {
    it('lets a call that is still waiting for its key finish, and refuses new ones', async () => {
      source.setLatency(20);
      const waiting = manager.run((c) => c.call());
      const drained = manager.drain();
      await expect(manager.run((c) => c.call())).to.be.rejectedWith(/closed/);
      expect(await waiting).to.equal('ok');
      await drained;
      expect(built.every((c) => c.closed)).to.equal(true);
    });
  });

  describe('close()', () => {
    it('closes every client and the cache it owns', async () => {
      await manager.run((c) => c.call());
      manager.close();
      expect(built.every((c) => c.closed)).to.equal(true);
      source.announce('key-3');
      expect(built).to.have.length(1);
      await expect(manager.acquire()).to.be.rejectedWith(/closed/);
    });
  });

  it('never steps back to an older key that was still in flight when a newer one was cached', async () => {
    manager.close();
    const older = createToken({ source: 'test', value: 'key-1' });
    const newer = createToken({ source: 'test', value: 'key-2' });
    const lagging: CachedTokenSource = {
      name: 'lagging',
      getToken: async () => older,
      peek: () => newer,
      subscribe: () => () => undefined,
      invalidate: () => undefined,
      close: () => undefined,
      [Symbol.dispose]: () => undefined,
    };
    start({ from: lagging });
    await manager.run((c) => c.call());
    expect(built.map((c) => c.key)).to.deep.equal(['key-2']);
  });
});
