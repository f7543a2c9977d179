import { cached, createToken, DEFAULT_CACHE_POLICY, type TokenSource } from '@tokenchain/core';
import sinon from 'sinon';
import { seededRandom } from './measure.js';
import { fmt, type Row, times } from './Row.js';

const PROCESSES = 10_000;
/** The fleet starts within this window (a deploy), then runs for SIMULATED_MS. */
const START_WINDOW_MS = 10_000;
const SIMULATED_MS = 4 * 3_600_000;
/** Requests during the start window are the deploy itself; the peak is measured on refreshes after it. */
const SETTLE_MS = 60_000;

/**
 * Ten thousand processes, each with its own cache at the default policy, started together and left to refresh on their
 * background timers for hours (sinon fake timers), with jitter (the default, 0.1) and without. Every fetch is counted per
 * simulated second at one shared upstream, as Secrets Manager sees the fleet.
 */
export async function fleet(): Promise<Row[]> {
  const withJitter = await simulate(DEFAULT_CACHE_POLICY.jitter);
  const lockstep = await simulate(0);
  const powertoolsRate = PROCESSES / 5;
  return [
    {
      section: 'Fleet',
      subject: `${PROCESSES.toLocaleString('en-US')} processes, peak GetSecretValue/s after start`,
      ours: `${fmt(withJitter.peak)}/s with jitter ${DEFAULT_CACHE_POLICY.jitter} (mean ${fmt(withJitter.mean, 2)}/s)`,
      peer: `same caches without jitter: ${fmt(lockstep.peak)}/s (mean ${fmt(lockstep.mean, 2)}/s)`,
      ratio: `${times(lockstep.peak / withJitter.peak)} lower peak`,
    },
    {
      section: 'Fleet',
      subject: `${PROCESSES.toLocaleString('en-US')} processes, sustained rate`,
      ours: `${fmt(withJitter.mean, 2)}/s`,
      peer: `Powertools, maxAge 5 s, busy processes: ${fmt(powertoolsRate)}/s (arithmetic)`,
      ratio: `${times(powertoolsRate / withJitter.mean)} fewer requests`,
    },
  ];
}

async function simulate(jitter: number): Promise<{ peak: number; mean: number }> {
  const start = Date.UTC(2026, 0, 1);
  const clock = sinon.useFakeTimers({ now: start, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  const perSecond = new Map<number, number>();
  const upstream: TokenSource = {
    name: 'fleet-upstream',
    async getToken() {
      const second = Math.floor((Date.now() - start) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      return createToken({ source: 'fleet-upstream', value: 'fleet-key' });
    },
  };
  const random = seededRandom(42);
  const sources = [];
  try {
    const starts = Array.from({ length: PROCESSES }, () => random() * START_WINDOW_MS).sort((a, b) => a - b);
    for (const at of starts) {
      await clock.tickAsync(Math.max(0, start + at - Date.now()));
      const source = cached(upstream, { jitter, random });
      sources.push(source);
      await source.getToken();
    }
    await clock.tickAsync(SIMULATED_MS);
  } finally {
    for (const source of sources) source.close();
    clock.restore();
  }
  let peak = 0;
  let total = 0;
  for (const [second, count] of perSecond) {
    if (second * 1000 < SETTLE_MS) continue;
    peak = Math.max(peak, count);
    total += count;
  }
  return { peak, mean: total / ((SIMULATED_MS - SETTLE_MS) / 1000) };
}
