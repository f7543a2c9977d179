// Run with --expose-gc by noLeaks.test.ts: many refresh cycles of a cache over the real Secrets Manager adapter, and many
// key rotations under the managed Momento client. Prints heap growth after warm-up for each, as one JSON line.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { cached } from '@tokenchain/core';
import { startAwsFake } from '@tokenchain/fakes/aws';
import { v1Key, v2Key } from '@tokenchain/fakes/keys';
import { startMomentoFake } from '@tokenchain/fakes/momento';
import { createCacheClient } from '@tokenchain/momento';
import { momentoConfiguration } from '../support/world.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const heap = () => {
  for (let i = 0; i < 3; i += 1) gc();
  return process.memoryUsage().heapUsed;
};

const REFRESHES = Number(process.argv[2] ?? 2000);
const ROTATIONS = Number(process.argv[3] ?? 30);
const WARMUP = 0.1;

const aws = await startAwsFake();
const momento = await startMomentoFake();
const client = new SecretsManagerClient(aws.clientConfig());

// Every call lands past the TTL, so every call is a refresh: a real GetSecretValue, a new token, a timer, events.
aws.secretsManager.put('soak', v2Key());
let clock = Date.now();
let events = 0;
const cache = cached(fromSecretsManager({ secretId: 'soak', client }), {
  now: () => clock,
  ttlMs: 1000,
  jitter: 0,
  onEvent: () => {
    events += 1;
  },
});
let cacheBaseline = 0;
for (let i = 0; i < REFRESHES; i += 1) {
  if (i === Math.floor(REFRESHES * WARMUP)) cacheBaseline = heap();
  if (i % 100 === 0) {
    aws.secretsManager.put('soak', v2Key());
    // The fake records every request; that record is the test's, not the library's, so it does not count.
    aws.resetRequests();
  }
  clock += 1001;
  await cache.getToken();
}
const cacheGrowth = heap() - cacheBaseline;
cache.close();

// Every rotation builds a new SDK client and retires the old one.
let key = v1Key({ endpoint: momento.endpoint });
momento.allowKey(key);
aws.secretsManager.put('rotating', key);
const cacheClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'rotating', client }),
  configuration: momentoConfiguration(),
  defaultTtlSeconds: 60,
  endpointOverrides: momento.endpointOverrides(),
});
await cacheClient.set('cache', 'k', 'v');
let clientBaseline = 0;
let failed = 0;
for (let i = 0; i < ROTATIONS; i += 1) {
  if (i === Math.floor(ROTATIONS * WARMUP)) clientBaseline = heap();
  const next = v1Key({ endpoint: momento.endpoint });
  momento.allowKey(next);
  aws.secretsManager.put('rotating', next);
  momento.revokeKey(key);
  key = next;
  aws.resetRequests();
  momento.resetCalls();
  for (let j = 0; j < 5; j += 1) {
    const response = await cacheClient.get('cache', 'k');
    if (response.toString().startsWith('Error')) failed += 1;
  }
}
const clientGrowth = heap() - clientBaseline;
cacheClient.close();
client.destroy();
await momento.close();
await aws.close();
console.log(JSON.stringify({ refreshes: REFRESHES, events, cacheGrowth, rotations: ROTATIONS, failed, clientGrowth }));
