import { CacheGet } from '@gomomento/sdk';
import { type CachedTokenSource, cached, DEFAULT_CACHE_POLICY, type TokenSource } from '@tokenchain/core';
import { createCacheClient } from '@tokenchain/momento';
import { expect } from 'chai';
import { type Capture, canary, startCapture } from './support/canary.js';
import { expectToken, expectTokenError, settle, within } from './support/cells.js';
import { createStore } from './support/stores.js';
import { momentoConfiguration, startWorld, type World } from './support/world.js';

const BOUND_MS = 5000;
const SECOND = 1000;

describe('stale-if-error: the store goes down under a cache', () => {
  let world: World;
  let capture: Capture;
  let clock: number;
  const now = () => clock;

  before(async () => {
    world = await startWorld();
  });
  after(() => world.close());
  beforeEach(() => {
    clock = Date.UTC(2026, 0, 1);
    capture = startCapture();
  });
  afterEach(() => {
    capture.stop();
    world.aws.clearFaults();
  });

  /** Moves the clock to `ms` after the first fetch. */
  const at = (start: number, ms: number) => {
    clock = start + ms;
  };
  const eventTypes = () => capture.events.map((e) => e.type);

  describe('cached(fromSecretsManager()) at the default policy', () => {
    it('serves the last good key for maxStaleMs (1 hour) past its TTL, then fails with the store error, then recovers', async () => {
      const store = createStore('secretsmanager', world);
      const key = canary.v2();
      store.put(key);
      const inner = store.source({ observer: capture.observer });
      // No jitter, so the TTL is exactly the default's; everything else is the default policy.
      const source = cached(inner, { now, jitter: 0, backgroundRefresh: false, ...capture.observer });
      try {
        const start = clock;
        const first = expectToken(await within(BOUND_MS, source.getToken()), capture);
        world.aws.inject({ kind: 'server-error', status: 503, operation: store.operation! });
        const { ttlMs, maxStaleMs } = DEFAULT_CACHE_POLICY;

        for (const offset of [ttlMs + 1, ttlMs + maxStaleMs / 2, ttlMs + maxStaleMs - SECOND]) {
          at(start, offset);
          const served = expectToken(await within(BOUND_MS, source.getToken()), capture);
          expect(served.secret.equals(first.secret), `at +${offset} ms`).to.equal(true);
        }
        expect(eventTypes()).to.include.members(['stale-served', 'refresh-failed']);

        at(start, ttlMs + maxStaleMs + SECOND);
        expectTokenError(await within(BOUND_MS, source.getToken()), 'UNAVAILABLE', capture, inner.name);

        world.aws.clearFaults();
        const rotated = canary.v2();
        store.put(rotated);
        at(start, ttlMs + maxStaleMs + 2 * DEFAULT_CACHE_POLICY.errorBackoff.maxMs);
        const recovered = expectToken(await within(BOUND_MS, source.getToken()), capture);
        expect(recovered.secret.reveal() === rotated, 'the key from the recovered store').to.equal(true);
        await settle();
        capture.expectNoCanary();
      } finally {
        source.close();
      }
    });
  });

  describe('cached(fromSsmParameter()) with a short maxStaleMs', () => {
    it('serves stale while throttled, for 5 minutes past a 1 minute TTL, then fails with THROTTLED', async () => {
      const store = createStore('ssm', world);
      store.put(canary.v2());
      const inner = store.source({ observer: capture.observer, timeoutMs: 3 * SECOND });
      const source: CachedTokenSource = cached(inner, {
        now,
        ttlMs: 60 * SECOND,
        maxStaleMs: 300 * SECOND,
        jitter: 0,
        backgroundRefresh: false,
        ...capture.observer,
      });
      try {
        const start = clock;
        const first = expectToken(await within(BOUND_MS, source.getToken()), capture);
        world.aws.inject({ kind: 'throttle', operation: store.operation! });
        at(start, 61 * SECOND);
        expect(expectToken(await within(BOUND_MS, source.getToken()), capture).secret.equals(first.secret)).to.equal(
          true,
        );
        at(start, 359 * SECOND);
        expect(expectToken(await within(BOUND_MS, source.getToken()), capture).secret.equals(first.secret)).to.equal(
          true,
        );
        at(start, 361 * SECOND);
        expectTokenError(await within(BOUND_MS, source.getToken()), 'THROTTLED', capture, inner.name);
        expect(source.peek(), 'nothing servable left').to.equal(undefined);
        await settle();
        capture.expectNoCanary();
      } finally {
        source.close();
      }
    });
  });

  describe('createCacheClient() over Secrets Manager', () => {
    it('keeps answering calls while Secrets Manager is down, then rejects them with its error once the key is too stale', async () => {
      const fake = world.momento;
      const store = createStore('secretsmanager', world);
      const key = canary.v1(fake.endpoint);
      fake.allowKey(key);
      store.put(key);
      const inner: TokenSource = store.source({ observer: capture.observer });
      const client = createCacheClient({
        source: inner,
        configuration: momentoConfiguration(),
        defaultTtlSeconds: 60,
        endpointOverrides: fake.endpointOverrides(),
        observer: capture.observer,
        cache: { now, ttlMs: 60 * SECOND, maxStaleMs: 600 * SECOND, jitter: 0, backgroundRefresh: false },
      });
      try {
        const start = clock;
        const worked = async () => {
          const settled = await within(BOUND_MS, client.get('cache', 'k'));
          expect(settled.status).to.equal('fulfilled');
          const response = (settled as PromiseFulfilledResult<unknown>).value;
          capture.record(response);
          expect(response instanceof CacheGet.Miss || response instanceof CacheGet.Hit, String(response)).to.equal(
            true,
          );
        };
        await worked();
        world.aws.inject({ kind: 'server-error', status: 500, operation: store.operation! });
        at(start, 61 * SECOND);
        await worked();
        at(start, 659 * SECOND);
        await worked();
        expect(eventTypes()).to.include('stale-served');
        at(start, 661 * SECOND);
        expectTokenError(await within(BOUND_MS, client.get('cache', 'k')), 'UNAVAILABLE', capture, inner.name);
        await settle();
        capture.expectNoCanary();
      } finally {
        client.close();
      }
    });
  });
});
