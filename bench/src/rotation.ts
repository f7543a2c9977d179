import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { v1Key } from '@tokenchain/fakes/keys';
import { createCacheClient } from '@tokenchain/momento';
import type { AwsBenchSetup } from './aws.js';
import { median } from './measure.js';
import { CACHE, type MomentoBenchSetup, quietConfiguration, rawCacheClient, succeeded } from './momento.js';
import { fmt, type Row, times } from './Row.js';

const ROTATION_SECRET = 'bench/rotating-momento-key';
const CALLS_BEFORE = 500;
const CALLS_AFTER = 500;
const CONCURRENT_CALLERS = 16;

interface Outcome {
  readonly failed: number;
  readonly calls: number;
  /** Latency of each call after the old key was revoked, in order. */
  readonly after: number[];
  /** Median latency of the calls before. */
  readonly medianBefore: number;
}

/**
 * A key rotation under traffic: the key in Secrets Manager is replaced and the old one revoked at Momento while a caller
 * keeps calling. The managed client (key from `fromSecretsManager`) against a raw SDK client built once with the old key.
 */
export async function rotation(aws: AwsBenchSetup, momento: MomentoBenchSetup): Promise<Row[]> {
  const { fake } = momento;
  const managedRun = async (callers: number) => {
    const oldKey = v1Key({ endpoint: fake.endpoint });
    const newKey = v1Key({ endpoint: fake.endpoint });
    fake.allowKey(oldKey);
    aws.fake.secretsManager.put(ROTATION_SECRET, oldKey);
    const client = createCacheClient({
      source: fromSecretsManager({ secretId: ROTATION_SECRET, client: aws.client() }),
      configuration: quietConfiguration(),
      defaultTtlSeconds: 600,
      endpointOverrides: fake.endpointOverrides(),
    });
    try {
      aws.fake.resetRequests();
      const outcome = await traffic(
        callers,
        (cacheKey) => client.get(CACHE, cacheKey),
        () => {
          aws.fake.secretsManager.rotate(ROTATION_SECRET, newKey);
          fake.allowKey(newKey);
          fake.revokeKey(oldKey);
        },
      );
      return { ...outcome, fetches: aws.fake.count('secretsmanager.GetSecretValue') };
    } finally {
      client.close();
    }
  };
  const sequential = await managedRun(1);
  const concurrent = await managedRun(CONCURRENT_CALLERS);

  const rawKey = v1Key({ endpoint: fake.endpoint });
  fake.allowKey(rawKey);
  const raw = rawCacheClient(fake, rawKey);
  const rawOutcome = await traffic(
    1,
    (cacheKey) => raw.get(CACHE, cacheKey),
    () => {
      fake.revokeKey(rawKey);
    },
  ).finally(() => raw.close());

  const extraMs = (sequential.after[0] ?? Number.NaN) - sequential.medianBefore;
  return [
    {
      section: 'Rotation',
      subject: `key rotated and old key revoked mid-traffic, ${sequential.calls} calls one at a time`,
      ours: `${sequential.failed} failed calls; ${sequential.fetches} GetSecretValue in all`,
      peer: `raw SDK client built once: ${rawOutcome.failed} of ${rawOutcome.calls} calls failed`,
      ratio: sequential.failed === 0 ? 'no failed call' : times(rawOutcome.failed / sequential.failed),
      target: '0 failed calls',
      met: sequential.failed === 0,
    },
    {
      section: 'Rotation',
      subject: 'extra latency of the call that met the rejected key',
      ours: `+${fmt(extraMs)} ms (${fmt(sequential.after[0] ?? Number.NaN)} ms vs median ${fmt(sequential.medianBefore)} ms)`,
      peer: 'raw SDK client: the call fails',
      ratio: `${times((sequential.after[0] ?? Number.NaN) / sequential.medianBefore)} a normal call`,
    },
    {
      section: 'Rotation',
      subject: `same, ${CONCURRENT_CALLERS} concurrent callers (${concurrent.calls} calls)`,
      ours: `${concurrent.failed} failed calls; ${concurrent.fetches} GetSecretValue in all; slowest call after the revocation ${fmt(Math.max(...concurrent.after))} ms`,
      peer: '',
      ratio: '',
      target: '0 failed calls',
      met: concurrent.failed === 0,
    },
  ];
}

/** `callers` loops making calls; `rotate` runs once all of them have made CALLS_BEFORE calls between them. */
async function traffic(
  callers: number,
  call: (cacheKey: string) => Promise<unknown>,
  rotate: () => void,
): Promise<Outcome> {
  const before: number[] = [];
  const after: number[] = [];
  let failed = 0;
  let started = 0;
  let rotated = false;
  const loop = async () => {
    while (started < CALLS_BEFORE + CALLS_AFTER) {
      started += 1;
      if (!rotated && started > CALLS_BEFORE) {
        rotated = true;
        rotate();
      }
      const afterRotation = rotated;
      const t0 = performance.now();
      const ok = await call('k').then(succeeded, () => false);
      (afterRotation ? after : before).push(performance.now() - t0);
      if (!ok) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
  return { failed, calls: before.length + after.length, after, medianBefore: median(before) };
}
