// Every duration option of chain, cached and deadlineSignal, from 0 to Infinity, behaves as written: nothing happens before
// its time, it happens at its time, and no timeout Node cannot honour (over 2^31 − 1 ms, which Node fires after 1 ms with a
// TimeoutOverflowWarning) is ever armed. Fake timers reproduce Node's overflow rule, so a misfire shows up as an early fetch
// or an early timeout; the timeouts actually armed are recorded too, and a real-timer pass listens for the warning itself.
import {
  type CachedOptions,
  cached,
  chain,
  fromValue,
  type Token,
  type TokenSource,
  TokenSourceError,
} from '@tokenchain/core';
import { abortedError, deadlineSignal, MAX_TIMER_STEP_MS, sleep } from '@tokenchain/core/source-kit';
import { expect } from 'chai';
import fc from 'fast-check';
import sinon from 'sinon';

/** The lengths that matter: zero, Node's limit and just past it, the largest exact integer, the largest number, Infinity. */
const SPECIAL_DURATIONS = [0, 1, MAX_TIMER_STEP_MS, 2 ** 31, 2 ** 32 + 7, 2 ** 53, Number.MAX_VALUE, Infinity] as const;
/** How far a run moves the fake clock at most: a few re-arm steps past Node's limit, few enough to stay fast. */
const HORIZON_MS = 2 ** 33;
const RUNS = 60;

const duration = fc.oneof(
  fc.constantFrom(...SPECIAL_DURATIONS),
  fc.integer({ min: 0, max: 10_000 }),
  fc.integer({ min: 2 ** 30, max: HORIZON_MS }),
);
const invalidDuration = fc.oneof(fc.constant(Number.NaN), fc.double({ max: -Number.MIN_VALUE, noNaN: true }));

/** Fake timers for one run, recording the delay of every timeout armed. */
function fakeTime(): { clock: sinon.SinonFakeTimers; armed: number[]; restore(): void } {
  const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const armed: number[] = [];
  const fakeSetTimeout = globalThis.setTimeout;
  const arm = fakeSetTimeout as unknown as (callback: () => void, ms?: number) => unknown;
  const recording = ((callback: () => void, ms?: number) => {
    armed.push(ms ?? 0);
    return arm(callback, ms);
  }) as unknown as typeof setTimeout;
  globalThis.setTimeout = recording;
  return {
    clock,
    armed,
    restore() {
      globalThis.setTimeout = fakeSetTimeout;
      clock.restore();
    },
  };
}

/** Runs `body` under fake timers, then checks no timeout past Node's limit was armed. */
async function inFakeTime(body: (clock: sinon.SinonFakeTimers) => Promise<void>): Promise<void> {
  const time = fakeTime();
  try {
    await body(time.clock);
    expect(Math.max(0, ...time.armed), 'a timeout longer than Node can honour was armed').to.be.at.most(
      MAX_TIMER_STEP_MS,
    );
  } finally {
    time.restore();
  }
}

/** A store that counts its calls, answers at once, and can be told to fail. */
function countingStore(): TokenSource & { calls: number; failing: boolean } {
  const store = {
    name: 'store',
    calls: 0,
    failing: false,
    async getToken(): Promise<Token> {
      store.calls += 1;
      if (store.failing) throw new TokenSourceError('store down', { source: 'store', code: 'UNAVAILABLE' });
      return fromValue('key-1', 'store').getToken();
    },
  };
  return store;
}

/** A store that never answers: only its signal ends a call. */
const hungStore: TokenSource = {
  name: 'hung',
  getToken: ({ signal } = {}) =>
    new Promise<never>((_, reject) => {
      signal?.addEventListener('abort', () => reject(abortedError('hung', signal)), { once: true });
    }),
};

/** The policy around the option under test: exact (no jitter), with an injected clock so every call reads the time. */
const exact: CachedOptions = { jitter: 0, now: () => Date.now(), random: () => 1, backgroundRefresh: false };

/** Whether a promise has settled by now (after letting pending callbacks run). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

/** Moves the fake clock to `at` ms after the start of the run, never backwards. */
async function tickTo(clock: sinon.SinonFakeTimers, start: number, at: number): Promise<void> {
  const target = start + at;
  if (target > clock.now) await clock.tickAsync(target - clock.now);
}

describe('durations from 0 to Infinity, as written', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  before(() => process.on('warning', onWarning));
  after(() => process.off('warning', onWarning));

  it('cached ttlMs: one fetch until the TTL, the next at the TTL; 0 fetches on every call', async () => {
    await fc.assert(
      fc.asyncProperty(duration, async (ttlMs) => {
        await inFakeTime(async (clock) => {
          const store = countingStore();
          // With background refresh on, as by default: its timer is what misfired past Node's limit.
          const source = cached(store, { ...exact, backgroundRefresh: true, ttlMs, refreshAheadMs: 0 });
          const start = clock.now;
          await source.getToken();
          if (ttlMs === 0) {
            await source.getToken();
            expect(store.calls).to.equal(2);
            return;
          }
          await tickTo(clock, start, Math.min(Math.ceil(ttlMs) - 1, HORIZON_MS));
          await source.getToken();
          expect(store.calls, 'fetched before the TTL').to.equal(1);
          if (ttlMs <= HORIZON_MS) {
            await tickTo(clock, start, ttlMs);
            await source.getToken();
            expect(store.calls, 'not fetched at the TTL').to.equal(2);
          }
          source.close();
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('cached refreshAheadMs: the background refresh starts refreshAheadMs before the TTL (at most half-way), not before', async () => {
    await fc.assert(
      fc.asyncProperty(duration, duration, async (ttlMs, refreshAheadMs) => {
        fc.pre(ttlMs > 0);
        await inFakeTime(async (clock) => {
          const store = countingStore();
          const source = cached(store, { ...exact, backgroundRefresh: true, ttlMs, refreshAheadMs });
          const start = clock.now;
          await source.getToken();
          const refreshAt = ttlMs === Infinity ? Infinity : ttlMs - Math.min(refreshAheadMs, ttlMs / 2);
          await tickTo(clock, start, Math.min(Math.ceil(refreshAt) - 1, HORIZON_MS));
          expect(store.calls, 'refreshed early').to.equal(1);
          if (refreshAt <= HORIZON_MS) {
            await tickTo(clock, start, Math.ceil(refreshAt));
            expect(store.calls, 'not refreshed at its time').to.equal(2);
          }
          source.close();
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('cached maxStaleMs: the last key is served while the store fails until maxStaleMs past the TTL, then the error', async () => {
    const ttlMs = 1000;
    await fc.assert(
      fc.asyncProperty(duration, async (maxStaleMs) => {
        await inFakeTime(async (clock) => {
          const store = countingStore();
          const source = cached(store, { ...exact, ttlMs, maxStaleMs, errorBackoff: { initialMs: 0, maxMs: 0 } });
          const start = clock.now;
          await source.getToken();
          store.failing = true;
          if (maxStaleMs > 0) {
            await tickTo(clock, start, ttlMs + Math.min(Math.ceil(maxStaleMs) - 1, HORIZON_MS));
            expect((await source.getToken()).secret.reveal(), 'stale key not served').to.equal('key-1');
          }
          if (maxStaleMs <= HORIZON_MS) {
            await tickTo(clock, start, ttlMs + maxStaleMs);
            await expect(source.getToken()).to.be.rejectedWith(TokenSourceError, /store down/);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('cached errorBackoff: after a failure no fetch until the backoff has passed, then one', async () => {
    await fc.assert(
      fc.asyncProperty(duration, async (backoffMs) => {
        await inFakeTime(async (clock) => {
          const store = countingStore();
          store.failing = true;
          const source = cached(store, { ...exact, errorBackoff: { initialMs: backoffMs, maxMs: backoffMs } });
          const start = clock.now;
          await expect(source.getToken()).to.be.rejectedWith(/store down/);
          if (backoffMs > 0) {
            await tickTo(clock, start, Math.min(Math.ceil(backoffMs) - 1, HORIZON_MS));
            await expect(source.getToken()).to.be.rejectedWith(/store down/);
            expect(store.calls, 'fetched during the backoff').to.equal(1);
          }
          if (backoffMs <= HORIZON_MS) {
            await tickTo(clock, start, backoffMs);
            await expect(source.getToken()).to.be.rejectedWith(/store down/);
            expect(store.calls, 'not fetched after the backoff').to.equal(2);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('cached forcedRefreshBackoff: a forced refresh bringing back the same key holds off the next one that long', async () => {
    await fc.assert(
      fc.asyncProperty(duration, async (backoffMs) => {
        await inFakeTime(async (clock) => {
          const store = countingStore();
          const source = cached(store, {
            ...exact,
            ttlMs: Infinity,
            forcedRefreshBackoff: { initialMs: backoffMs, maxMs: backoffMs },
          });
          await source.getToken();
          await source.getToken({ forceRefresh: true }); // same key back: the backoff starts
          const start = clock.now;
          expect(store.calls).to.equal(2);
          if (backoffMs > 0) {
            await tickTo(clock, start, Math.min(Math.ceil(backoffMs) - 1, HORIZON_MS));
            await source.getToken({ forceRefresh: true });
            expect(store.calls, 'forced fetch during the backoff').to.equal(2);
          }
          if (backoffMs <= HORIZON_MS) {
            await tickTo(clock, start, backoffMs);
            await source.getToken({ forceRefresh: true });
            expect(store.calls, 'no forced fetch after the backoff').to.equal(3);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  /** A deadline of `ms` on `start()`'s promise: pending until `ms`, settled with TIMEOUT at `ms`. */
  async function checkDeadline(
    clock: sinon.SinonFakeTimers,
    ms: number,
    start: () => Promise<unknown>,
    code = 'TIMEOUT',
  ): Promise<void> {
    const begin = clock.now;
    const pending = start();
    pending.catch(() => {});
    if (ms > 0) {
      await tickTo(clock, begin, Math.min(Math.ceil(ms) - 1, HORIZON_MS));
      expect(await settled(pending), 'timed out early').to.equal(false);
    }
    if (ms <= HORIZON_MS) {
      await tickTo(clock, begin, Math.ceil(ms));
      await clock.tickAsync(0);
      await expect(pending).to.be.rejectedWith(TokenSourceError).and.eventually.have.property('code', code);
    }
  }

  it('cached fetchTimeoutMs: a fetch stuck on a hung store ends at fetchTimeoutMs with TIMEOUT, not before', async () => {
    await fc.assert(
      fc.asyncProperty(duration, async (fetchTimeoutMs) => {
        await inFakeTime(async (clock) => {
          const source = cached(hungStore, { ...exact, fetchTimeoutMs, maxStaleMs: 0 });
          try {
            await checkDeadline(clock, fetchTimeoutMs, () => source.getToken());
          } finally {
            source.close();
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('chain timeoutMs: a walk stuck on a hung store ends at timeoutMs with TIMEOUT, not before', async () => {
    await fc.assert(
      fc.asyncProperty(duration, async (timeoutMs) => {
        await inFakeTime(async (clock) => {
          const controller = new AbortController();
          const walk = chain({ timeoutMs }, hungStore);
          try {
            await checkDeadline(clock, timeoutMs, () => walk.getToken({ signal: controller.signal }));
          } finally {
            controller.abort(); // ends the walks that never time out
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('deadlineSignal: fires at timeoutMs with a deadline reason, not before; sleep waits as long', async () => {
    await fc.assert(
      fc.asyncProperty(duration, async (timeoutMs) => {
        await inFakeTime(async (clock) => {
          const deadline = deadlineSignal(undefined, timeoutMs);
          const signal = deadline.signal;
          const fired = new Promise<never>((_, reject) => {
            signal?.addEventListener('abort', () => reject(abortedError('deadline', signal)), { once: true });
          });
          try {
            await checkDeadline(clock, timeoutMs, () => fired);
          } finally {
            deadline.dispose();
          }
          const controller = new AbortController();
          const nap = sleep(timeoutMs, controller.signal, 'nap');
          nap.catch(() => {});
          const begin = clock.now;
          if (timeoutMs > 0) {
            await tickTo(clock, begin, Math.min(Math.ceil(timeoutMs) - 1, HORIZON_MS));
            expect(await settled(nap), 'woke early').to.equal(false);
          }
          if (timeoutMs <= HORIZON_MS) {
            await tickTo(clock, begin, Math.ceil(timeoutMs));
            await clock.tickAsync(0);
            await nap;
          }
          controller.abort();
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a negative or NaN duration in every option with INVALID_CONFIGURATION', () => {
    const options: Record<string, (ms: number) => unknown> = {
      'chain timeoutMs': (ms) => chain({ timeoutMs: ms }, hungStore),
      ttlMs: (ms) => cached(hungStore, { ttlMs: ms }),
      refreshAheadMs: (ms) => cached(hungStore, { refreshAheadMs: ms }),
      maxStaleMs: (ms) => cached(hungStore, { maxStaleMs: ms }),
      fetchTimeoutMs: (ms) => cached(hungStore, { fetchTimeoutMs: ms }),
      'errorBackoff.initialMs': (ms) => cached(hungStore, { errorBackoff: { initialMs: ms, maxMs: 1 } }),
      'errorBackoff.maxMs': (ms) => cached(hungStore, { errorBackoff: { initialMs: 1, maxMs: ms } }),
      'forcedRefreshBackoff.initialMs': (ms) =>
        cached(hungStore, { forcedRefreshBackoff: { initialMs: ms, maxMs: 1 } }),
      'forcedRefreshBackoff.maxMs': (ms) => cached(hungStore, { forcedRefreshBackoff: { initialMs: 1, maxMs: ms } }),
    };
    fc.assert(
      fc.property(invalidDuration, fc.constantFrom(...Object.keys(options)), (ms, option) => {
        const build = options[option] as (ms: number) => unknown;
        expect(() => build(ms), option)
          .to.throw(TokenSourceError, /must be a number of ms from 0 to Infinity/)
          .with.property('code', 'INVALID_CONFIGURATION');
      }),
      { numRuns: RUNS },
    );
  });

  it('with real timers, emits no TimeoutOverflowWarning for any of the lengths that matter', async () => {
    for (const ms of SPECIAL_DURATIONS) {
      const source = cached(fromValue('key-1'), {
        ttlMs: ms,
        refreshAheadMs: ms,
        maxStaleMs: ms,
        fetchTimeoutMs: ms === 0 ? 1 : ms,
        errorBackoff: { initialMs: ms, maxMs: ms },
        forcedRefreshBackoff: { initialMs: ms, maxMs: ms },
      });
      await source.getToken();
      source.close();
      await chain({ timeoutMs: ms === 0 ? 1 : ms }, fromValue('key-1')).getToken();
      deadlineSignal(undefined, ms).dispose();
      const controller = new AbortController();
      const nap = sleep(ms, controller.signal, 'nap');
      controller.abort();
      await nap.catch(() => {});
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((w) => w.name)).not.to.include('TimeoutOverflowWarning');
  });
});
