import { DEFAULT_PROVIDERS } from '@aws-lambda-powertools/parameters/base';
import { getSecret, SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { cached, DEFAULT_CACHE_POLICY } from '@tokenchain/core';
import sinon from 'sinon';
import { countingClient, SECRET_ID } from './aws.js';
import { seededRandom } from './measure.js';
import { fmt, type Row, times } from './Row.js';

const HOUR = 3_600_000;
const SIMULATED_HOURS = 12;
/** Powertools' DEFAULT_MAX_AGE_SECS. */
const POWERTOOLS_DEFAULT_MAX_AGE_MS = 5000;

/**
 * Secrets Manager requests per process-hour at each library's default policy, for a process that needs the key all the
 * time. Simulated under fake clocks (sinon fake timers: Date and timers) against a real SDK client answered in-process,
 * and checked against the policy's arithmetic.
 */
export async function steadyState(): Promise<Row[]> {
  const oursSim = await simulateOurs();
  const powertoolsSim = await simulatePowertools();
  const p = DEFAULT_CACHE_POLICY;
  // Each refresh lands refreshAheadMs before a TTL shortened by a uniform fraction of up to `jitter`.
  const meanIntervalMs = p.ttlMs * (1 - p.jitter / 2) - p.refreshAheadMs;
  const oursArithmetic = HOUR / meanIntervalMs;
  const powertoolsArithmetic = HOUR / POWERTOOLS_DEFAULT_MAX_AGE_MS;
  return [
    {
      section: 'Steady-state cost',
      subject: 'GetSecretValue per process-hour, default policy',
      ours: `${fmt(oursSim)} (simulated ${SIMULATED_HOURS} h; arithmetic ${fmt(oursArithmetic)})`,
      peer: `Powertools, maxAge 5 s: ${fmt(powertoolsSim)} (simulated 1 h, a call every 100 ms; arithmetic <= ${fmt(powertoolsArithmetic)})`,
      ratio: `${times(powertoolsSim / oursSim)} fewer requests`,
    },
  ];
}

async function simulateOurs(): Promise<number> {
  const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  try {
    const upstream = countingClient('key-1');
    const source = cached(fromSecretsManager({ secretId: SECRET_ID, client: upstream.client }), {
      random: seededRandom(1),
    });
    await source.getToken();
    const start = upstream.count;
    // A call a second keeps the key in use; the background timer does the refreshing.
    for (let second = 0; second < (SIMULATED_HOURS * HOUR) / 1000; second += 1) {
      await source.getToken();
      await clock.tickAsync(1000);
    }
    source.close();
    upstream.client.destroy();
    return (upstream.count - start) / SIMULATED_HOURS;
  } finally {
    clock.restore();
  }
}

async function simulatePowertools(): Promise<number> {
  const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  try {
    const upstream = countingClient('key-1');
    DEFAULT_PROVIDERS.secrets = new SecretsProvider({ awsSdkV3Client: upstream.client });
    const stepMs = 100;
    for (let t = 0; t < HOUR; t += stepMs) {
      await getSecret(SECRET_ID);
      await clock.tickAsync(stepMs);
    }
    delete DEFAULT_PROVIDERS.secrets;
    upstream.client.destroy();
    return upstream.count;
  } finally {
    clock.restore();
  }
}
