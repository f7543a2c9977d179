import { DEFAULT_PROVIDERS } from '@aws-lambda-powertools/parameters/base';
import { getSecret, SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { cached } from '@tokenchain/core';
import { momentoKey } from '@tokenchain/momento';
import { type AwsBenchSetup, EXPIRING_SECRET_ID, naiveGet, SECRET_ID } from './aws.js';
import { medianNs, medianRatio, ratioSpread, timeRounds } from './measure.js';
import { fmt, type Row, times, timesWithSpread } from './Row.js';

const BATCH = 1000;
const TARGET_VS_FLOOR = 0.8;

/**
 * The warm path: getting the key when it is already cached, which is what every request of a running service does.
 * Compared with Powertools' getSecret() (cache warm), a GetSecretValue per use, and the floor, awaiting a resolved value.
 */
export async function warmPath(aws: AwsBenchSetup): Promise<Row[]> {
  const client = aws.client();
  const ours = cached(fromSecretsManager({ secretId: SECRET_ID, client }));
  await ours.getToken();
  // momentoKey() gives the token the key's own expiry, which a cache must check against the real clock on every hit.
  const expiring = cached(momentoKey(fromSecretsManager({ secretId: EXPIRING_SECRET_ID, client })));
  await expiring.getToken();

  // getSecret() uses the provider in DEFAULT_PROVIDERS; one built on our client points it at the fake.
  DEFAULT_PROVIDERS.secrets = new SecretsProvider({ awsSdkV3Client: client as SecretsManagerClient });
  // A max age longer than the bench, so every measured call is a cache hit (the default, 5 s, would refetch mid-run).
  const powertoolsOptions = { maxAge: 3600 };
  await getSecret(SECRET_ID, powertoolsOptions);

  const value = await ours.getToken();
  const timings = await timeRounds(
    [
      {
        name: 'floor',
        batch: BATCH,
        run: async () => {
          for (let i = 0; i < BATCH; i += 1) await Promise.resolve(value);
        },
      },
      {
        name: 'ours',
        batch: BATCH,
        run: async () => {
          for (let i = 0; i < BATCH; i += 1) await ours.getToken();
        },
      },
      {
        name: 'ours-expiring',
        batch: BATCH,
        run: async () => {
          for (let i = 0; i < BATCH; i += 1) await expiring.getToken();
        },
      },
      {
        // Diagnosis: the floor plus the one clock read the cache's hot path makes per call.
        name: 'floor+clock',
        batch: BATCH,
        run: async () => {
          for (let i = 0; i < BATCH; i += 1) await Promise.resolve(Date.now() >= 0 ? value : undefined);
        },
      },
      {
        name: 'powertools',
        batch: BATCH,
        run: async () => {
          for (let i = 0; i < BATCH; i += 1) await getSecret(SECRET_ID, powertoolsOptions);
        },
      },
    ],
    { rounds: 15, timeMs: 150, warmupMs: 50 },
  );
  const naive = await timeRounds([{ name: 'naive', batch: 1, run: () => naiveGet(client).then(() => undefined) }], {
    rounds: 1,
    timeMs: 1000,
  });
  ours.close();
  expiring.close();
  delete DEFAULT_PROVIDERS.secrets;

  const oursNs = medianNs(timings, 'ours');
  const floorNs = medianNs(timings, 'floor');
  const powertoolsNs = medianNs(timings, 'powertools');
  const naiveNs = medianNs(naive, 'naive');
  const vsFloor = medianRatio(timings, 'ours', 'floor');
  const section = 'Warm path';
  const subject = 'cached(fromSecretsManager()).getToken()';
  return [
    {
      section,
      subject,
      ours: `${fmt(oursNs)} ns/call`,
      peer: `floor, await Promise.resolve(v): ${fmt(floorNs)} ns/call`,
      ratio: `${timesWithSpread(vsFloor, ratioSpread(timings, 'ours', 'floor'))} the floor's throughput`,
      target: `>= ${TARGET_VS_FLOOR}x the floor`,
      met: vsFloor >= TARGET_VS_FLOOR,
    },
    {
      section,
      subject,
      ours: `${fmt(oursNs)} ns/call`,
      peer: `Powertools getSecret(), cache warm: ${fmt(powertoolsNs)} ns/call (${times(medianRatio(timings, 'powertools', 'floor'))} the floor)`,
      ratio: `${times(medianRatio(timings, 'ours', 'powertools'))} Powertools' throughput`,
    },
    {
      section,
      subject: 'cached(momentoKey(fromSecretsManager())).getToken(), a key with its own expiry',
      ours: `${fmt(medianNs(timings, 'ours-expiring'))} ns/call`,
      peer: `floor: ${fmt(floorNs)} ns/call`,
      ratio: `${timesWithSpread(medianRatio(timings, 'ours-expiring', 'floor'), ratioSpread(timings, 'ours-expiring', 'floor'))} the floor's throughput`,
    },
    {
      section,
      subject: 'for comparison: the floor plus one Date.now()',
      ours: `${fmt(medianNs(timings, 'floor+clock'))} ns/call`,
      peer: `floor: ${fmt(floorNs)} ns/call`,
      ratio: `${times(medianRatio(timings, 'floor+clock', 'floor'))} the floor's throughput`,
    },
    {
      section,
      subject,
      ours: `${fmt(oursNs)} ns/call`,
      peer: `GetSecretValue on every use: ${fmt(naiveNs / 1000)} µs/call`,
      ratio: `${times(naiveNs / oursNs)} its throughput`,
    },
  ];
}
