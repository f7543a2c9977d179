import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import sinon from 'sinon';
import { abortedError } from './abort.js';
import { cached } from './cached.js';
import type { TokenEvent } from './events.js';
import { Secret } from './Secret.js';
import { TokenAbortedError } from './TokenAbortedError.js';
import type { TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { testSource } from './testing/testSource.js';

const SECOND = 1000;
/** Far beyond what a child needs to start and exit, far below the minute its stuck fetch would otherwise take. */
const CHILD_EXIT_BOUND_MS = 20 * SECOND;
const MINUTE = 60 * SECOND;
const unavailable = (source = 'test') => new TokenSourceError('service unavailable', { source, code: 'UNAVAILABLE' });

describe('cached', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  const policy = { ttlMs: 10 * MINUTE, refreshAheadMs: MINUTE, maxStaleMs: 30 * MINUTE, jitter: 0 } as const;

  describe('having a cold cache', () => {
    it('fetches once and serves every later call from memory', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      const first = await source.getToken();
      const second = await source.getToken();
      expect(second).to.equal(first);
      expect(upstream.calls).to.equal(1);
    });

    it('makes one upstream call for a thousand concurrent callers', async () => {
      const upstream = testSource({ value: 'key-1', latencyMs: 20 });
      const source = cached(upstream, policy);
      const all = Promise.all(Array.from({ length: 1000 }, () => source.getToken()));
      await clock.tickAsync(20);
      const tokens = await all;
      expect(upstream.calls).to.equal(1);
      expect(new Set(tokens.map((t) => t.secret.fingerprint)).size).to.equal(1);
    });

    it('lets a caller abort its wait without ending the shared fetch for the others', async () => {
      const upstream = testSource({ value: 'key-1', latencyMs: 100 });
      const source = cached(upstream, policy);
      const controller = new AbortController();
      const impatient = source.getToken({ signal: controller.signal });
      const patient = source.getToken();
      controller.abort();
      await expect(impatient).to.be.rejectedWith(TokenSourceError).and.eventually.have.property('code', 'ABORTED');
      await clock.tickAsync(100);
      expect((await patient).secret.reveal()).to.equal('key-1');
      expect(upstream.calls).to.equal(1);
    });
  });

  describe('time to live', () => {
    /** Takes a key now, then checks a call just before the TTL is a hit and one at the TTL fetches. */
    const expectFetchAtTtl = async (source: TokenSource, upstream: { readonly calls: number }) => {
      await source.getToken();
      const fetched = upstream.calls;
      await clock.tickAsync(10 * MINUTE - 1);
      await source.getToken();
      expect(upstream.calls).to.equal(fetched);
      await clock.tickAsync(1);
      await source.getToken();
      expect(upstream.calls).to.equal(fetched + 1);
    };

    it('fetches again once the TTL has passed', async () => {
      const upstream = testSource({ value: 'key-1' });
      await expectFetchAtTtl(cached(upstream, { ...policy, backgroundRefresh: false, refreshAheadMs: 0 }), upstream);
      expect(upstream.calls).to.equal(2);
    });

    it('keeps its TTL once a subscriber or invalidate() gives it more state than its policy', async () => {
      // A plain cache holds its policy itself; the first subscriber or invalidate() moves it to the cache's extras.
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ...policy, backgroundRefresh: false, refreshAheadMs: 0 });
      await source.getToken();
      source.subscribe(() => {});
      source.invalidate();
      await expectFetchAtTtl(source, upstream);
      expect(upstream.calls).to.equal(3);
      source.close();
    });

    it('shortens the TTL by up to the jitter fraction', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, {
        ...policy,
        jitter: 0.5,
        random: () => 1,
        backgroundRefresh: false,
        refreshAheadMs: 0,
      });
      await source.getToken();
      await clock.tickAsync(5 * MINUTE);
      await source.getToken();
      expect(upstream.calls).to.equal(2);
    });

    it('lets the token’s own expiresAt win over a longer TTL and never serves an expired token', async () => {
      const upstream = testSource({ value: 'key-1', expiresAt: new Date(Date.now() + 30 * SECOND) });
      const source = cached(upstream, { ...policy, backgroundRefresh: false, refreshAheadMs: 0 });
      await source.getToken();
      await clock.tickAsync(30 * SECOND);
      upstream.failWith(unavailable());
      // Stale serving is allowed by maxStaleMs, but not past the key's own expiry.
      await expect(source.getToken()).to.be.rejectedWith(TokenSourceError, /service unavailable/);
      expect(source.peek()).to.equal(undefined);
    });

    it('refuses a token that is already expired when fetched', async () => {
      const upstream = testSource({ value: 'key-1', expiresAt: new Date(Date.now() - 1) });
      const err = await expect(cached(upstream, policy).getToken()).to.be.rejectedWith(TokenSourceError);
      expect(err.code).to.equal('EXPIRED');
    });
  });

  describe('the clock on the hot path', () => {
    it('reads the real clock for a key with its own expiry, even within one event-loop turn', async () => {
      const upstream = testSource({ value: 'key-1', expiresAt: new Date(Date.now() + 5 * SECOND) });
      const source = cached(upstream, { ...policy, backgroundRefresh: false, refreshAheadMs: 0 });
      await source.getToken();
      await source.getToken(); // a hit, so a coarse reading would now be cached for this turn
      clock.setSystemTime(Date.now() + 5 * SECOND); // time moves, no timer runs, same turn
      upstream.setValue('key-2');
      expect((await source.getToken()).secret.reveal()).to.equal('key-2');
      expect(upstream.calls).to.equal(2);
    });

    it('lets a key without expiry share one clock reading per turn, but never for more than a bounded number of hits', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ...policy, backgroundRefresh: false, refreshAheadMs: 0 });
      await source.getToken();
      await source.getToken();
      clock.setSystemTime(Date.now() + 10 * MINUTE); // past the TTL, within the same turn
      await source.getToken();
      expect(upstream.calls, 'the first hit of the turn may use the cached reading').to.equal(1);
      for (let i = 0; i < 1100; i += 1) await source.getToken();
      expect(upstream.calls, 'a turn that never ends still sees the TTL pass').to.equal(2);
    });
  });

  describe('refresh ahead', () => {
    it('serves the current key at once and refreshes in the background when a call comes inside the window', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ...policy, backgroundRefresh: false });
      await source.getToken();
      upstream.setValue('key-2');
      upstream.setLatency(5 * SECOND);
      await clock.tickAsync(9 * MINUTE);
      const served = await source.getToken();
      expect(served.secret.reveal()).to.equal('key-1');
      expect(upstream.calls).to.equal(2);
      await clock.tickAsync(5 * SECOND);
      expect((await source.getToken()).secret.reveal()).to.equal('key-2');
      expect(upstream.calls).to.equal(2);
    });

    it('refreshes on an unref’d timer with no calls at all', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      await source.getToken();
      upstream.setValue('key-2');
      await clock.tickAsync(9 * MINUTE);
      expect(upstream.calls).to.equal(2);
      expect(source.peek()?.secret.reveal()).to.equal('key-2');
      source.close();
    });

    it('keeps its refresh timer through a fetch in flight, and starts no second fetch when it fires meanwhile', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      await source.getToken();
      upstream.setValue('key-2');
      upstream.setLatency(10 * SECOND);
      await clock.tickAsync(8 * MINUTE + 55 * SECOND);
      const forced = source.getToken({ forceRefresh: true });
      // The timer set for 9 minutes fires while the forced fetch is in flight: that fetch is the refresh.
      await clock.tickAsync(8 * SECOND);
      expect(upstream.calls, 'a second fetch beside the one in flight').to.equal(2);
      await clock.tickAsync(2 * SECOND);
      expect((await forced).secret.reveal()).to.equal('key-2');
      // The key taken at 9:05 is refreshed 9 minutes later by the timer its fetch set.
      await clock.tickAsync(9 * MINUTE - SECOND);
      expect(upstream.calls, 'refreshed early').to.equal(2);
      await clock.tickAsync(SECOND);
      expect(upstream.calls, 'the timer set during the fetch did not run').to.equal(3);
      source.close();
    });

    it('stops refreshing on its own after close()', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      await source.getToken();
      source.close();
      await clock.tickAsync(60 * MINUTE);
      expect(upstream.calls).to.equal(1);
    });
  });

  describe('a fleet started together', () => {
    /** A deterministic [0, 1) generator (mulberry32), so the test gives the same figures on every run. */
    const seeded = (seed: number) => {
      let state = seed >>> 0;
      return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    };
    const CACHES = 2000;
    const STEP = 30 * SECOND;

    async function refreshesPerStep(jitter: number, steps: number): Promise<number[]> {
      const random = seeded(7);
      let fetches = 0;
      const upstream: TokenSource = {
        name: 'fleet',
        async getToken() {
          fetches += 1;
          return { source: 'fleet', secret: Secret.from('key-1') };
        },
      };
      const sources = Array.from({ length: CACHES }, () => cached(upstream, { ...policy, jitter, random }));
      await Promise.all(sources.map((source) => source.getToken()));
      const counts: number[] = [];
      for (let step = 0; step < steps; step += 1) {
        const before = fetches;
        await clock.tickAsync(STEP);
        counts.push(fetches - before);
      }
      for (const source of sources) source.close();
      return counts;
    }

    it('spreads the first refreshes as in steady state: the same rate from the start, no wave', async () => {
      // A lifetime is between 8.5 and 9 minutes (10 min TTL less up to 5% jitter, less the minute ahead): a mean of 8.75.
      const perStep = (CACHES * STEP) / (8.75 * MINUTE);
      const counts = await refreshesPerStep(0.1, 20);
      for (const count of counts) expect(count).to.be.within(perStep * 0.6, perStep * 1.4);
    });

    it('keeps the first key a whole TTL: it is refreshed early, never due early', async () => {
      const events: TokenEvent[] = [];
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, {
        ...policy,
        jitter: 0.1,
        random: seeded(11),
        backgroundRefresh: false,
        observer: { onEvent: (event) => events.push(event) },
      });
      await source.getToken();
      upstream.failWith(unavailable());
      // The TTL less the jitter is at least 9 minutes: until then the key is served as fresh, whenever its refresh came.
      await clock.tickAsync(9 * MINUTE - 1);
      expect((await source.getToken()).secret.reveal()).to.equal('key-1');
      await clock.tickAsync(0);
      expect(events.map((e) => e.type)).not.to.include('stale-served');
      source.close();
    });

    it('refreshes in lockstep without jitter, at the TTL less the time ahead', async () => {
      const counts = await refreshesPerStep(0, 20);
      expect(counts.indexOf(CACHES)).to.equal(17); // the step ending at 9 minutes
      expect(counts.reduce((a, b) => a + b, 0)).to.equal(CACHES);
    });
  });

  describe('when the store fails', () => {
    it('serves the last good key while refreshes fail, up to maxStaleMs past its TTL, then fails cleanly', async () => {
      const events: TokenEvent[] = [];
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, {
        ...policy,
        backgroundRefresh: false,
        observer: { onEvent: (e) => events.push(e) },
      });
      await source.getToken();
      upstream.failWith(unavailable());
      await clock.tickAsync(10 * MINUTE);
      expect((await source.getToken()).secret.reveal()).to.equal('key-1');
      expect(events.map((e) => e.type)).to.include.members(['refresh-failed', 'stale-served']);
      await clock.tickAsync(30 * MINUTE);
      await expect(source.getToken()).to.be.rejectedWith(TokenSourceError, /service unavailable/);
    });

    it('backs off after a failure instead of hitting the store on every call', async () => {
      const upstream = testSource({ value: 'key-1' });
      upstream.failWith(unavailable());
      const source = cached(upstream, {
        ...policy,
        errorBackoff: { initialMs: SECOND, maxMs: 8 * SECOND },
        random: () => 1,
      });
      await expect(source.getToken()).to.be.rejectedWith(/service unavailable/);
      await expect(source.getToken()).to.be.rejectedWith(/service unavailable/);
      expect(upstream.calls).to.equal(1);
      await clock.tickAsync(SECOND);
      await expect(source.getToken()).to.be.rejectedWith(/service unavailable/);
      expect(upstream.calls).to.equal(2);
      // The second failure doubles the wait.
      await clock.tickAsync(SECOND);
      await expect(source.getToken()).to.be.rejectedWith(/service unavailable/);
      expect(upstream.calls).to.equal(2);
      await clock.tickAsync(SECOND);
      upstream.failWith(undefined);
      expect((await source.getToken()).secret.reveal()).to.equal('key-1');
      expect(upstream.calls).to.equal(3);
    });

    it('reports a background failure as an event, never as an unhandled rejection', async () => {
      const events: TokenEvent[] = [];
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ...policy, observer: { onEvent: (e) => events.push(e) } });
      await source.getToken();
      upstream.failWith(unavailable());
      await clock.tickAsync(9 * MINUTE);
      const failed = events.find((e) => e.type === 'refresh-failed');
      expect(failed).to.include({ code: 'UNAVAILABLE', consecutiveFailures: 1 });
      source.close();
    });
  });

  describe('forced refresh after a rejected key', () => {
    it('coalesces a burst of forced refreshes into one fetch', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      const old = await source.getToken();
      upstream.setValue('key-2');
      upstream.setLatency(10);
      const burst = Promise.all(
        Array.from({ length: 100 }, () =>
          source.getToken({ forceRefresh: true, rejectedFingerprint: old.secret.fingerprint }),
        ),
      );
      await clock.tickAsync(10);
      const tokens = await burst;
      expect(upstream.calls).to.equal(2);
      expect(tokens.every((t) => t.secret.reveal() === 'key-2')).to.equal(true);
      source.close();
    });

    it('does not fetch for a straggler whose rejected key was already replaced', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      const old = await source.getToken();
      upstream.setValue('key-2');
      await source.getToken({ forceRefresh: true, rejectedFingerprint: old.secret.fingerprint });
      const straggler = await source.getToken({ forceRefresh: true, rejectedFingerprint: old.secret.fingerprint });
      expect(straggler.secret.reveal()).to.equal('key-2');
      expect(upstream.calls).to.equal(2);
      source.close();
    });

    it('backs off forced refreshes that keep bringing back the same key, and never delays the first after a rotation', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, {
        ...policy,
        forcedRefreshBackoff: { initialMs: 4 * SECOND, maxMs: MINUTE },
        random: () => 1,
      });
      const first = await source.getToken();
      const rejected = first.secret.fingerprint;
      await source.getToken({ forceRefresh: true, rejectedFingerprint: rejected }); // same key comes back
      expect(upstream.calls).to.equal(2);
      await source.getToken({ forceRefresh: true, rejectedFingerprint: rejected }); // inside the backoff: no fetch
      expect(upstream.calls).to.equal(2);
      await clock.tickAsync(4 * SECOND);
      upstream.setValue('key-2');
      const rotated = await source.getToken({ forceRefresh: true, rejectedFingerprint: rejected });
      expect(rotated.secret.reveal()).to.equal('key-2');
      expect(upstream.calls).to.equal(3);
      // key-2 is rejected at once too: the first forced refresh after a rotation is not delayed.
      upstream.setValue('key-3');
      const next = await source.getToken({ forceRefresh: true, rejectedFingerprint: rotated.secret.fingerprint });
      expect(next.secret.reveal()).to.equal('key-3');
      expect(upstream.calls).to.equal(4);
      source.close();
    });

    it('passes forceRefresh on to the inner source', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      await source.getToken({ forceRefresh: true });
      expect(upstream.forcedCalls).to.equal(1);
      source.close();
    });
  });

  describe('rotation', () => {
    it('tells subscribers and reports a rotated event when a refresh brings a different key', async () => {
      const events: TokenEvent[] = [];
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ...policy, observer: { onEvent: (e) => events.push(e) } });
      const seen: string[] = [];
      source.subscribe((t) => seen.push(t.secret.reveal()));
      const before = await source.getToken();
      upstream.setValue('key-2');
      await clock.tickAsync(9 * MINUTE);
      expect(seen).to.deep.equal(['key-2']);
      const rotated = events.find((e) => e.type === 'rotated');
      expect(rotated).to.include({ from: before.secret.fingerprint });
      source.close();
    });

    it('takes a key announced by the inner source at once, without a fetch', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      const seen: string[] = [];
      source.subscribe((t) => seen.push(t.secret.reveal()));
      await source.getToken();
      upstream.announce('key-2');
      expect((await source.getToken()).secret.reveal()).to.equal('key-2');
      expect(upstream.calls).to.equal(1);
      expect(seen).to.deep.equal(['key-2']);
      source.close();
    });

    it('fetches again after invalidate()', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      await source.getToken();
      source.invalidate();
      expect(source.peek()).to.equal(undefined);
      await source.getToken();
      expect(upstream.calls).to.equal(2);
      source.close();
    });
  });

  describe('observing', () => {
    it('still takes the deprecated flat onEvent and logger, and lets observer win where both are given', async () => {
      const flat: string[] = [];
      const viaObserver: string[] = [];
      const logged: string[] = [];
      const legacy = cached(testSource({ value: 'key-1' }), {
        ...policy,
        onEvent: (e) => flat.push(e.type),
        logger: { debug: (message: string) => logged.push(message) },
      });
      await legacy.getToken();
      expect(flat).to.deep.equal(['refreshed', 'resolved']);
      expect(logged).to.have.length(2);
      const both = cached(testSource({ value: 'key-1' }), {
        ...policy,
        onEvent: (e) => flat.push(e.type),
        observer: { onEvent: (e) => viaObserver.push(e.type) },
      });
      await both.getToken();
      expect(viaObserver).to.deep.equal(['refreshed', 'resolved']);
      expect(flat, 'the flat listener is not told when observer has one').to.have.length(2);
      legacy.close();
      both.close();
    });

    it('reports a subscriber that throws as a warning, and still tells the others', async () => {
      const events: TokenEvent[] = [];
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ...policy, observer: { onEvent: (e) => events.push(e) } });
      const seen: string[] = [];
      source.subscribe(() => {
        throw new Error('listener bug');
      });
      source.subscribe((t) => seen.push(t.secret.reveal()));
      await source.getToken();
      upstream.announce('key-2');
      expect(seen).to.deep.equal(['key-2']);
      expect(events.find((e) => e.type === 'warning')).to.include({ source: 'cached(test)' });
      expect((await source.getToken()).secret.reveal()).to.equal('key-2');
      source.close();
    });

    it('reports hits and misses as resolved events with the fingerprint, never the key', async () => {
      const events: TokenEvent[] = [];
      const source = cached(testSource({ value: 'key-1' }), {
        ...policy,
        observer: { onEvent: (e) => events.push(e) },
      });
      await source.getToken();
      await source.getToken();
      const outcomes = events.filter((e) => e.type === 'resolved').map((e) => (e.type === 'resolved' ? e.cache : ''));
      expect(outcomes).to.deep.equal(['miss', 'hit']);
      expect(JSON.stringify(events)).not.to.include('key-1');
      source.close();
    });
  });

  it('refuses an invalid policy when built, naming each problem', () => {
    expect(() => cached(testSource(), { ttlMs: -1, jitter: 2 }))
      .to.throw(TokenSourceError, /ttlMs must be a number of ms from 0 to Infinity \(got -1\).*jitter/)
      .with.property('code', 'INVALID_CONFIGURATION');
    expect(() => cached(testSource(), { errorBackoff: { initialMs: Number.NaN, maxMs: 1 } })).to.throw(
      TokenSourceError,
      /errorBackoff.initialMs .*got NaN/,
    );
  });

  describe('having ttlMs 0 (no cache)', () => {
    it('fetches on every call', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ttlMs: 0 });
      await source.getToken();
      await source.getToken();
      await source.getToken();
      expect(upstream.calls).to.equal(3);
    });

    it('still makes one upstream call for concurrent callers', async () => {
      const upstream = testSource({ value: 'key-1', latencyMs: 20 });
      const source = cached(upstream, { ttlMs: 0 });
      const all = Promise.all(Array.from({ length: 100 }, () => source.getToken()));
      await clock.tickAsync(20);
      await all;
      expect(upstream.calls).to.equal(1);
    });

    it('refreshes nothing in the background', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ttlMs: 0 });
      await source.getToken();
      await clock.tickAsync(60 * MINUTE);
      expect(upstream.calls).to.equal(1);
      source.close();
    });

    it('keeps no stale key, so a failed fetch is the caller’s error', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ttlMs: 0 });
      await source.getToken();
      upstream.failWith(unavailable());
      await expect(source.getToken()).to.be.rejectedWith(TokenSourceError, /service unavailable/);
      expect(source.peek()).to.equal(undefined);
    });

    it('serves a stale key while the store fails when maxStaleMs says so', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ttlMs: 0, maxStaleMs: MINUTE });
      await source.getToken();
      upstream.failWith(unavailable());
      expect((await source.getToken()).secret.reveal()).to.equal('key-1');
    });

    it('answers a forced refresh with a fetch, even when it holds another key', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ttlMs: 0 });
      await source.getToken();
      upstream.setValue('key-2');
      const token = await source.getToken({ forceRefresh: true, rejectedFingerprint: 'someone-else' });
      expect(token.secret.reveal()).to.equal('key-2');
      expect(upstream.calls).to.equal(2);
    });
  });

  describe('having durations past Node’s 24.8-day timer limit', () => {
    const DAY = 24 * 60 * MINUTE;

    it('keeps a key for a 30-day TTL without refetching, and refreshes it ahead on time', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ...policy, ttlMs: 30 * DAY });
      await source.getToken();
      await clock.tickAsync(30 * DAY - MINUTE - 1);
      expect(upstream.calls, 'no refetch before the refresh-ahead point').to.equal(1);
      await clock.tickAsync(1);
      expect(upstream.calls).to.equal(2);
      source.close();
    });

    it('fetches once and never again with an infinite TTL', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, { ttlMs: Number.POSITIVE_INFINITY, refreshAheadMs: Number.POSITIVE_INFINITY });
      await source.getToken();
      await clock.tickAsync(100 * DAY);
      await source.getToken();
      expect(upstream.calls).to.equal(1);
      source.close();
    });

    it('bounds a fetch by a 25-day fetchTimeoutMs, not by 1 ms', async () => {
      const upstream = testSource({ value: 'key-1', latencyMs: 10 * DAY });
      const source = cached(upstream, { ...policy, fetchTimeoutMs: 25 * DAY });
      const pending = source.getToken();
      await clock.tickAsync(10 * DAY);
      expect((await pending).secret.reveal()).to.equal('key-1');
      source.close();
    });
  });

  describe('when closed with a fetch in flight', () => {
    /** A source that never answers: only its signal ends the call. */
    const hung = () => {
      const seen: AbortSignal[] = [];
      const source: TokenSource = {
        name: 'hung',
        getToken: ({ signal } = {}) =>
          new Promise<never>((_, reject) => {
            if (signal) seen.push(signal);
            signal?.addEventListener('abort', () => reject(abortedError('hung', signal)), { once: true });
          }),
      };
      return { source, seen };
    };

    it('aborts the fetch through the signal it passed, and every waiting caller rejects with ABORTED', async () => {
      const { source: inner, seen } = hung();
      const source = cached(inner, { ...policy, fetchTimeoutMs: Number.POSITIVE_INFINITY });
      const waiting = [source.getToken(), source.getToken({ forceRefresh: true })];
      await clock.tickAsync(0);
      expect(seen).to.have.length(1);
      source.close();
      expect(seen[0]?.aborted).to.equal(true);
      for (const caller of waiting) {
        await expect(caller)
          .to.be.rejectedWith(TokenAbortedError, /the cache was closed/)
          .and.eventually.include({
            code: 'ABORTED',
            source: 'cached(hung)',
          });
      }
    });

    it('lets the process exit at once, though a forced refresh is stuck on a store that holds a connection open', () => {
      // The child's source holds a ref'd handle (as a socket to a hung store would) until its signal fires. Without
      // close() aborting it, the process would live until fetchTimeoutMs (a minute) and be killed at the bound.
      const script = `
        import { cached } from '@tokenchain/core';
        const hung = {
          name: 'hung',
          getToken: ({ signal }) => new Promise((_, reject) => {
            const connection = setInterval(() => {}, 1000);
            signal.addEventListener('abort', () => { clearInterval(connection); reject(signal.reason); }, { once: true });
          }),
        };
        const source = cached(hung, { fetchTimeoutMs: 60000 });
        const stuck = source.getToken({ forceRefresh: true }).catch((err) => console.log(err.code));
        setImmediate(() => source.close());
        await stuck;
      `;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: process.cwd(),
        encoding: 'utf8',
        timeout: CHILD_EXIT_BOUND_MS,
      });
      expect(run.signal, 'the child had to be killed: close() left the fetch running').to.equal(null);
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout.trim()).to.equal('ABORTED');
    });

    it('leaves no timer behind and refuses later calls with ABORTED', async () => {
      const upstream = testSource({ value: 'key-1' });
      const source = cached(upstream, policy);
      await source.getToken();
      upstream.failWith(unavailable());
      await clock.tickAsync(10 * MINUTE); // a failed background refresh arms a retry timer
      source.close();
      expect(clock.countTimers()).to.equal(0);
      await expect(source.getToken())
        .to.be.rejectedWith(TokenAbortedError)
        .and.eventually.have.property('code', 'ABORTED');
    });
  });

  describe('having a token whose expiresAt is an Invalid Date', () => {
    it('refuses it as MALFORMED, and backs off like any failed fetch instead of fetching on every call', async () => {
      let calls = 0;
      const inner: TokenSource = {
        name: 'far-future',
        getToken: async () => {
          calls += 1;
          return { secret: Secret.from('key-1'), source: 'far-future', expiresAt: new Date((8.64e12 + 1) * 1000) };
        },
      };
      const source = cached(inner, policy);
      const refused = source.getToken();
      await expect(refused).to.be.rejectedWith(TokenSourceError, /expiresAt is not a valid date/);
      await expect(refused).to.eventually.be.rejected.and.have.property('code', 'MALFORMED');
      await expect(source.getToken(), 'a second call within the backoff').to.be.rejectedWith(/not a valid date/);
      expect(calls).to.equal(1);
    });
  });
});
