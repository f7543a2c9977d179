import {
  AuthClient,
  AuthClientConfigurations,
  CredentialProvider,
  DisposableTokenScopes,
  ExpiresAt,
  ExpiresIn,
  GenerateDisposableToken,
  NoopMomentoLoggerFactory,
} from '@gomomento/sdk';
import { cached, DEFAULT_CACHE_POLICY, fromValue } from '@tokenchain/core';
import { v1Key, v2Key } from '@tokenchain/fakes/keys';
import { createTokenVendor, fromDisposableToken } from '@tokenchain/momento';
import sinon from 'sinon';
import { median, seededRandom } from './measure.js';
import { CACHE, type MomentoBenchSetup } from './momento.js';
import { fmt, type Row, times } from './Row.js';

const HOUR = 3_600_000;
const ROUNDS = 5;
const ROUND_MS = 400;
const WARMUP_ROUNDS = 3;
const CONCURRENCY = 16;
const SIMULATED_HOURS = 12;
/** Validities a scoped client might use: short, the SDK docs' 30 minutes, Momento's former 1-hour ceiling. */
const VALIDITIES_S = [5 * 60, 30 * 60, 60 * 60] as const;

/**
 * Disposable tokens: how many one vendor mints per second against the local token service (against the raw SDK AuthClient
 * doing the same), and how many mints a scoped client costs per hour at the default cache policy.
 */
export async function disposableTokens(momento: MomentoBenchSetup): Promise<Row[]> {
  const { fake } = momento;
  const key = v2Key();
  fake.allowKey(key);
  const scope = DisposableTokenScopes.cacheReadWrite(CACHE);

  const vendor = createTokenVendor({
    source: fromValue(key, 'bench:key', { attributes: { endpoint: fake.endpoint } }),
    endpointOverrides: fake.endpointOverrides(),
  });
  const rawKey = v1Key({ endpoint: fake.endpoint });
  fake.allowKey(rawKey);
  // The raw AuthClient has no close(): its channel is left idle, as a user's would be.
  const rawClient = new AuthClient({
    credentialProvider: CredentialProvider.fromString({ apiKey: rawKey, endpointOverrides: fake.endpointOverrides() }),
    configuration: AuthClientConfigurations.Default.latest(new NoopMomentoLoggerFactory()),
  });
  const { ours, peer } = await throughput(
    () => vendor.vend(scope, { validForSeconds: 300 }).then(() => undefined),
    async () => {
      const response = await rawClient.generateDisposableToken(scope, ExpiresIn.seconds(300));
      if (!(response instanceof GenerateDisposableToken.Success))
        throw new Error(`raw mint failed: ${response.toString()}`);
    },
  );
  vendor.close();

  const rows: Row[] = [
    {
      section: 'Disposable tokens',
      subject: `vend() from one vendor, local token service, 1 at a time / ${CONCURRENCY} in flight (median of ${ROUNDS} rounds)`,
      ours: `${fmt(ours.sequential)} / ${fmt(ours.concurrent)} tokens/s`,
      peer: `raw SDK AuthClient.generateDisposableToken: ${fmt(peer.sequential)} / ${fmt(peer.concurrent)} tokens/s`,
      ratio: `${times(ours.sequential / peer.sequential)} / ${times(ours.concurrent / peer.concurrent)} the raw rate`,
    },
  ];
  for (const validForSeconds of VALIDITIES_S) {
    const simulated = await simulateMints(validForSeconds);
    rows.push({
      section: 'Disposable tokens',
      subject: `token-service calls per client-hour, cached(fromDisposableToken), ${validForSeconds / 60} min tokens, default policy`,
      ours: `${fmt(simulated)} (simulated ${SIMULATED_HOURS} h; arithmetic ${fmt(arithmetic(validForSeconds))})`,
      peer: `minting per call (no cache), a call a second: ${fmt(HOUR / 1000)}`,
      ratio: `${times(HOUR / 1000 / simulated)} fewer calls`,
    });
  }
  return rows;
}

interface Rates {
  readonly sequential: number;
  readonly concurrent: number;
}

/**
 * Tokens per second of each side, 1 at a time and {@link CONCURRENCY} in flight: the median of {@link ROUNDS} short runs,
 * the two sides alternating within a round so that load from other processes on a shared machine spoils both alike.
 */
async function throughput(
  ours: () => Promise<void>,
  peer: () => Promise<void>,
): Promise<{ readonly ours: Rates; readonly peer: Rates }> {
  // Warm both up (JIT, the gRPC channel, the fake): the first second runs at a fraction of the steady rate.
  for (let i = 0; i < WARMUP_ROUNDS; i += 1) {
    await rate(ours, CONCURRENCY);
    await rate(peer, CONCURRENCY);
  }
  const samples = {
    ours: { sequential: [] as number[], concurrent: [] as number[] },
    peer: { sequential: [] as number[], concurrent: [] as number[] },
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    const sides = round % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
    for (const side of sides) {
      const mint = side === 'ours' ? ours : peer;
      samples[side].sequential.push(await rate(mint, 1));
      samples[side].concurrent.push(await rate(mint, CONCURRENCY));
    }
  }
  const rates = (s: { sequential: number[]; concurrent: number[] }) => ({
    sequential: median(s.sequential),
    concurrent: median(s.concurrent),
  });
  return { ours: rates(samples.ours), peer: rates(samples.peer) };
}

async function rate(mint: () => Promise<void>, lanes: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  const until = started + ROUND_MS;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (performance.now() < until) {
        await mint();
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** Mean interval between mints: the cache's TTL (with jitter) or the token's life, less the refresh-ahead margin. */
function arithmetic(validForSeconds: number): number {
  const p = DEFAULT_CACHE_POLICY;
  const lifeMs = validForSeconds * 1000;
  // The mean of min(ttl * (1 - jitter * u), life) - min(refreshAhead, that / 2), u uniform, by a fine sum.
  const steps = 10_000;
  let total = 0;
  for (let i = 0; i < steps; i += 1) {
    const due = Math.min(p.ttlMs * (1 - (p.jitter * (i + 0.5)) / steps), lifeMs);
    total += due - Math.min(p.refreshAheadMs, due / 2);
  }
  return HOUR / (total / steps);
}

/**
 * A scoped client's key source under fake clocks, asked for the token once a second as a client's calls do: the SDK's
 * AuthClient is answered in-process (no network under fake timers), with the token service's own expiry arithmetic.
 */
async function simulateMints(validForSeconds: number): Promise<number> {
  const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  let mints = 0;
  const stub = sinon.stub(AuthClient.prototype, 'generateDisposableToken').callsFake(async (_scope, expiresIn) => {
    mints += 1;
    const validUntil = Math.floor(Date.now() / 1000) + expiresIn.seconds();
    return new GenerateDisposableToken.Success(
      `simulated.${mints}.token`,
      '127.0.0.1:1',
      ExpiresAt.fromEpoch(validUntil),
    );
  });
  try {
    const minting = fromDisposableToken({
      source: fromValue(v2Key(), 'bench:key', { attributes: { endpoint: '127.0.0.1:1' } }),
      scope: DisposableTokenScopes.cacheReadWrite(CACHE),
      validForSeconds,
      endpointOverrides: { baseEndpoint: 'localhost', secureConnection: false },
    });
    const source = cached(minting, { random: seededRandom(1) });
    await source.getToken();
    const start = mints;
    for (let second = 0; second < (SIMULATED_HOURS * HOUR) / 1000; second += 1) {
      await source.getToken();
      await clock.tickAsync(1000);
    }
    source.close();
    minting.close();
    return (mints - start) / SIMULATED_HOURS;
  } finally {
    stub.restore();
    clock.restore();
  }
}
