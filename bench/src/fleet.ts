import { type CachedOptions, cached, createToken, DEFAULT_CACHE_POLICY, type Token } from '@tokenchain/core';
import sinon from 'sinon';
import { seededRandom } from './measure.js';
import { fmt, type Row, times } from './Row.js';

const PROCESSES = 10_000;
/** The fleet starts together: every process makes its first call within this window (one deploy, one scale-out). */
const START_WINDOW_MS = 1_000;
/** Secrets Manager's rate is counted in buckets of this width, as a throttling quota sees it. */
const BUCKET_MS = 10_000;
/** A busy process: each one asks its cache for the key this often, and checks the age of what it is served. */
const CALL_EVERY_MS = 10_000;
const TTL_MS = DEFAULT_CACHE_POLICY.ttlMs;
/** The window the peak is judged in: from half a TTL (the deploy itself is over) to three TTLs after the start. */
const WINDOW: readonly [number, number] = [TTL_MS / 2, 3 * TTL_MS];
const HOUR_MS = 3_600_000;
const PEAK_TARGET = 1.5;
const FETCHES_PER_HOUR_TARGET = 6;

interface FleetFigures {
  /** Fetches in the busiest bucket of the window, and the mean per bucket. */
  readonly peak: number;
  readonly mean: number;
  readonly fetchesPerProcessHour: number;
  /** The oldest key any process was served, as a fraction of the TTL. */
  readonly maxServedAge: number;
}

/**
 * Ten thousand processes, each with its own `cached()` (the real policy code, under sinon fake timers) at the default
 * policy, started together and left to refresh for three TTLs. Each process asks for the key every 10 s and checks its age;
 * every fetch is counted per 10 s bucket at one shared upstream, as Secrets Manager sees the fleet. The peak bucket from
 * half a TTL to three TTLs is set against the mean bucket; the same fleet without jitter (lockstep) is the peer.
 */
export async function fleet(): Promise<Row[]> {
  const ours = await simulate({});
  const lockstep = await simulate({ jitter: 0 });
  const peakRatio = ours.peak / ours.mean;
  const meanPerSecond = (ours.mean * 1000) / BUCKET_MS;
  const powertoolsRate = PROCESSES / 5;
  const window = `${fmt(WINDOW[0] / 60_000)}–${fmt(WINDOW[1] / 60_000)} min`;
  const n = PROCESSES.toLocaleString('en-US');
  return [
    {
      section: 'Fleet',
      subject: `${n} processes started together: peak GetSecretValue per 10 s bucket, ${window} after start, default policy`,
      ours: `${fmt(ours.peak)} (mean ${fmt(ours.mean)}): ${times(peakRatio)} the mean`,
      peer: `same caches without jitter: ${fmt(lockstep.peak)} (mean ${fmt(lockstep.mean)}): ${times(lockstep.peak / lockstep.mean)} the mean`,
      ratio: `${times(lockstep.peak / ours.peak)} lower peak`,
      target: `peak <= ${PEAK_TARGET}x the mean`,
      met: peakRatio <= PEAK_TARGET,
    },
    {
      section: 'Fleet',
      subject: `${n} processes, a call every 10 s each: oldest key served; fetches per process-hour`,
      ours: `${fmt(ours.maxServedAge, 3)} TTL; ${fmt(ours.fetchesPerProcessHour)} per process-hour`,
      peer: `without jitter: ${fmt(lockstep.maxServedAge, 3)} TTL; ${fmt(lockstep.fetchesPerProcessHour)} per process-hour`,
      ratio: '',
      target: `never past the TTL; <= ~${FETCHES_PER_HOUR_TARGET} per process-hour`,
      met: ours.maxServedAge <= 1 && ours.fetchesPerProcessHour <= FETCHES_PER_HOUR_TARGET,
    },
    {
      section: 'Fleet',
      subject: `${n} processes, sustained rate`,
      ours: `${fmt(meanPerSecond, 2)}/s`,
      peer: `Powertools, maxAge 5 s, busy processes: ${fmt(powertoolsRate)}/s (arithmetic)`,
      ratio: `${times(powertoolsRate / meanPerSecond)} fewer requests`,
    },
  ];
}

async function simulate(policy: Partial<CachedOptions>): Promise<FleetFigures> {
  const start = Date.UTC(2026, 0, 1);
  const clock = sinon.useFakeTimers({ now: start, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  const perBucket = new Map<number, number>();
  const fetchedAt = new WeakMap<Token, number>();
  const upstream = {
    name: 'fleet-upstream',
    async getToken() {
      const at = Date.now();
      const bucket = Math.floor((at - start) / BUCKET_MS);
      perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + 1);
      const token = createToken({ source: 'fleet-upstream', value: 'fleet-key' });
      fetchedAt.set(token, at);
      return token;
    },
  };
  const random = seededRandom(42);
  const sources: ReturnType<typeof cached>[] = [];
  let maxAge = 0;
  const check = (token: Token) => {
    maxAge = Math.max(maxAge, Date.now() - (fetchedAt.get(token) ?? Number.NEGATIVE_INFINITY));
  };
  // Real immediates, so each cache's per-turn clock reading is dropped between simulated steps, as in a real process.
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  try {
    const starts = Array.from({ length: PROCESSES }, () => random() * START_WINDOW_MS).sort((a, b) => a - b);
    for (const at of starts) {
      await clock.tickAsync(Math.max(0, start + at - Date.now()));
      const source = cached(upstream, { ...policy, random });
      sources.push(source);
      check(await source.getToken());
    }
    while (Date.now() - start < WINDOW[1] + BUCKET_MS) {
      await clock.tickAsync(CALL_EVERY_MS);
      await turn();
      const tokens = await Promise.all(sources.map((source) => source.getToken()));
      for (const token of tokens) check(token);
    }
  } finally {
    for (const source of sources) source.close();
    clock.restore();
  }
  const first = WINDOW[0] / BUCKET_MS;
  const last = WINDOW[1] / BUCKET_MS;
  let peak = 0;
  let total = 0;
  for (let bucket = first; bucket < last; bucket += 1) {
    const count = perBucket.get(bucket) ?? 0;
    peak = Math.max(peak, count);
    total += count;
  }
  const buckets = last - first;
  return {
    peak,
    mean: total / buckets,
    fetchesPerProcessHour: total / PROCESSES / ((buckets * BUCKET_MS) / HOUR_MS),
    maxServedAge: maxAge / TTL_MS,
  };
}
