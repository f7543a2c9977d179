// Run by memory.ts as `node --expose-gc memoryProbe.js`. Prints one JSON line of heap figures.
import { DEFAULT_PROVIDERS } from '@aws-lambda-powertools/parameters/base';
import { getSecret, SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { cached, createToken, type TokenSource } from '@tokenchain/core';
import { v2Key } from '@tokenchain/fakes/keys';
import { countingClient, SECRET_ID } from '../aws.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const SOURCES = 10_000;
const CALLS = 1_000_000;
/** Built and dropped by each contender before anything is measured. */
const WARM_UP = 1_000;

function heap(): number {
  for (let i = 0; i < 3; i += 1) gc!();
  return process.memoryUsage().heapUsed;
}

// Heap per warm cache: each holds its own key, fetched once through the real adapter and SDK client (answered in-process).
// Powertools: one provider per process is the norm, so the peer figure is one cached secret per provider.
// Both share one SDK client, so whoever ran first would also pay for compiling the SDK's send path (and its own code)
// while being measured: each contender first builds a batch that is thrown away, and only then are both measured. The
// warm-up does not settle it (the first measured still pays ~35 bytes a source for code compiled while it is measured, the
// second gains as much), so they are measured in the order ours, Powertools, Powertools, ours and each figure is the mean of
// its two: an order effect counts against both sides alike.
const upstream = countingClient(v2Key());
const keep: unknown[] = [];
const ours = async (count: number) => {
  for (let i = 0; i < count; i += 1) {
    const source = cached(fromSecretsManager({ secretId: SECRET_ID, client: upstream.client }), {
      backgroundRefresh: false,
    });
    await source.getToken();
    keep.push(source);
  }
};
const powertools = async (count: number) => {
  for (let i = 0; i < count; i += 1) {
    DEFAULT_PROVIDERS.secrets = new SecretsProvider({ awsSdkV3Client: upstream.client });
    await getSecret(SECRET_ID);
    keep.push(DEFAULT_PROVIDERS.secrets);
  }
};
const perEach = async (build: (count: number) => Promise<void>) => {
  const before = heap();
  await build(SOURCES);
  const figure = (heap() - before) / SOURCES;
  keep.length = 0;
  return figure;
};
await ours(WARM_UP);
await powertools(WARM_UP);
keep.length = 0;
delete DEFAULT_PROVIDERS.secrets;
const oursFirst = await perEach(ours);
const powertoolsFirst = await perEach(powertools);
const powertoolsSecond = await perEach(powertools);
delete DEFAULT_PROVIDERS.secrets;
const oursSecond = await perEach(ours);
const perSource = (oursFirst + oursSecond) / 2;
const perPowertools = (powertoolsFirst + powertoolsSecond) / 2;

// A million calls with a refresh (to a new key) every thousand: the clock moves 1 ms a call, the TTL is 1 s.
let clock = 0;
let version = 0;
const rotating: TokenSource = {
  name: 'rotating',
  async getToken() {
    version += 1;
    return createToken({ source: 'rotating', value: `key-${version}-${'x'.repeat(200)}`, version: String(version) });
  },
};
const source = cached(rotating, {
  now: () => clock,
  ttlMs: 1000,
  refreshAheadMs: 100,
  jitter: 0,
  backgroundRefresh: false,
});
const run = async (calls: number) => {
  for (let i = 0; i < calls; i += 1) {
    clock += 1;
    await source.getToken();
  }
};
await run(10_000);
const before = heap();
const refreshesBefore = version;
await run(CALLS);
const growth = heap() - before;
console.log(JSON.stringify({ perSource, perPowertools, growth, calls: CALLS, refreshes: version - refreshesBefore }));
upstream.client.destroy();
