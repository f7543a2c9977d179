import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { CacheGet } from '@gomomento/sdk';
import { cached, chain, fromValue, type TokenSource } from '@tokenchain/core';
import type { AwsFault } from '@tokenchain/fakes/aws';
import { type FakeEndpointOverrides, startMomentoFake } from '@tokenchain/fakes/momento';
import { createCacheClient, type ManagedCacheClient, momentoKey } from '@tokenchain/momento';
import { expect } from 'chai';
import { describeOutcome, FAULTS, type Fault, MATRIX, matrixMarkdown, type Outcome, TARGETS } from './faultMatrix.js';
import { type Capture, canary, canaryCount, startCapture } from './support/canary.js';
import { expectToken, expectTokenError, runUnprivileged, settle, within } from './support/cells.js';
import { type AdapterTarget, createStore, type Store } from './support/stores.js';
import { AWS_TIMEOUT_MS, MOMENTO_TIMEOUT_MS, momentoConfiguration, startWorld, type World } from './support/world.js';

/** Generous bound on a cell: a deadline of 500 ms, one SDK retry with a backoff of up to about a second. */
const BOUND_MS = 5000;
const TTL_MS = 60_000;
const RETRYING_TIMEOUT_MS = 3000;
const CACHE = 'reliability';
const PERMISSIONS_CHILD = new URL('./children/filePermissions.js', import.meta.url).pathname;

/** gRPC status codes, as the Momento fake answers them. */
const GRPC = { PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, INTERNAL: 13 } as const;

const AWS_FAULTS: Partial<Record<Fault, AwsFault>> = {
  throttling: { kind: 'throttle' },
  '5xx': { kind: 'server-error', status: 503 },
  'access denied': { kind: 'access-denied' },
  hang: { kind: 'hang' },
  'reset connection': { kind: 'reset' },
  'malformed JSON': { kind: 'malformed' },
};

const MOMENTO_FAULTS: Partial<Record<Fault, number>> = {
  throttling: GRPC.RESOURCE_EXHAUSTED,
  '5xx': GRPC.INTERNAL,
  'access denied': GRPC.PERMISSION_DENIED,
};

describe('fault matrix', () => {
  let world: World;

  before(async () => {
    world = await startWorld();
  });
  after(() => world.close());
  afterEach(() => {
    world.aws.clearFaults();
    world.momento.clearFaults();
    world.momento.setLatency(0);
  });

  it('is the one docs/reliability.md shows', () => {
    const docs = readFileSync(new URL('../../../docs/reliability.md', import.meta.url), 'utf8');
    expect(docs).to.include(matrixMarkdown());
  });

  for (const fault of FAULTS) {
    describe(`having ${fault}`, () => {
      for (const target of TARGETS) {
        const expected = MATRIX[fault][target];
        if (expected.kind === 'n/a') continue;
        it(`${target}: ${describeOutcome(expected)}`, async () => {
          const capture = startCapture();
          try {
            if (target === 'momento') await momentoCell(world, fault, expected, capture);
            else await adapterCell(world, fault, createStore(target as AdapterTarget, world), expected, capture);
            await settle();
            expect(canaryCount(), 'no canary was registered').to.be.above(0);
            capture.expectNoCanary();
          } finally {
            capture.stop();
          }
        });
      }
    });
  }
});

async function adapterCell(world: World, fault: Fault, store: Store, expected: Outcome, capture: Capture) {
  const observer = capture.observer;
  const expectError = async (source: TokenSource, boundMs = BOUND_MS) => {
    if (expected.kind !== 'error') throw new Error(`cell ${fault}/${store.target} expects ${expected.kind}`);
    expectTokenError(await within(boundMs, source.getToken()), expected.code, capture, source.name);
  };

  switch (fault) {
    case 'not found': {
      const fallbackKey = canary.v2();
      const bare = store.source({ observer });
      const token = expectToken(
        await within(BOUND_MS, chain({ observer }, bare, fromValue(fallbackKey, 'fallback')).getToken()),
        capture,
      );
      expect(token.source).to.equal('fallback');
      const fellBack = capture.events.find((e) => e.type === 'fallback');
      expect(fellBack, 'no fallback event').to.deep.include({ from: bare.name, code: 'NOT_FOUND' });
      return;
    }
    case 'wrong KMS context':
      store.put(canary.v2(), { LambdaFunctionName: 'someone-else' });
      return expectError(store.source({ observer }));
    case 'expired key':
      store.put(canary.v2(new Date(Date.now() - 60_000)));
      return expectError(momentoKey(store.source({ observer })));
    case 'malformed key':
      store.put(canary.malformed());
      return expectError(momentoKey(store.source({ observer })));
    case 'malformed JSON':
      if (store.operation === undefined) {
        // The value is broken JSON that holds a key: the error must say so without quoting it.
        store.put(canary.value(`{"apiKey": "${canary.v2()}", "endpoint": `));
        return expectError(store.source({ observer, jsonField: 'apiKey' }));
      }
      break;
    case 'access denied':
      if (store.target === 'file') {
        const result = await runUnprivileged(PERMISSIONS_CHILD, ['denied']);
        expect(result).to.deep.include({ code: 'ACCESS_DENIED', namesSource: true, leaked: false });
        return;
      }
      break;
    case 'hang':
      if (store.target === 'file') {
        // The file's way of hanging: a FIFO nobody writes to. It is refused at once rather than waited on.
        execFileSync('mkfifo', [store.path!]);
        return expectError(store.source({ observer }), 1000);
      }
      break;
    case 'file removed mid-run':
    case 'file made unreadable mid-run': {
      if (fault === 'file made unreadable mid-run') {
        const result = await runUnprivileged(PERMISSIONS_CHILD, ['unreadable-mid-run']);
        expect(result).to.deep.include({ sameKey: true, staleServed: true, bareCode: 'ACCESS_DENIED', leaked: false });
        return;
      }
      let clock = Date.now();
      store.put(canary.v2());
      const bare = store.source({ observer });
      const source = cached(bare, { now: () => clock, ttlMs: TTL_MS, ...observer });
      try {
        const first = expectToken(await within(BOUND_MS, source.getToken()), capture);
        rmSync(store.path!);
        clock += TTL_MS + 1;
        const second = expectToken(await within(BOUND_MS, source.getToken()), capture);
        expect(second.secret.equals(first.secret), 'the last good key').to.equal(true);
        expect(capture.events.map((e) => e.type)).to.include('stale-served');
        expectTokenError(await within(BOUND_MS, bare.getToken()), 'NOT_FOUND', capture, bare.name);
      } finally {
        source.close();
      }
      return;
    }
    default:
      break;
  }
  // A fault of the service itself, injected at the AWS fake.
  const injected = AWS_FAULTS[fault];
  if (injected === undefined || store.operation === undefined) throw new Error(`no cell for ${fault}/${store.target}`);
  store.put(canary.v2());
  world.aws.inject({ ...injected, operation: store.operation });
  world.aws.resetRequests();
  if (fault === 'hang') return expectError(store.source({ observer }), AWS_TIMEOUT_MS + 1000);
  // The SDK backs off up to about a second before retrying a throttled call: a deadline that lets the retry happen.
  await expectError(store.source({ observer, timeoutMs: RETRYING_TIMEOUT_MS }));
  const retried = fault === 'throttling' || fault === '5xx' || fault === 'reset connection';
  expect(world.aws.attempts(store.operation), 'attempts').to.deep.equal(retried ? [1, 2] : [1]);
}

async function momentoCell(world: World, fault: Fault, expected: Outcome, capture: Capture) {
  const observer = capture.observer;
  const fake = world.momento;
  const key = canary.v1(fake.endpoint);
  fake.allowKey(key);
  const secrets = createStore('secretsmanager', world);
  const fetches = () => world.aws.count('secretsmanager.GetSecretValue');
  const clients: ManagedCacheClient[] = [];
  const clientOf = (
    source: TokenSource,
    options: { now?: () => number; endpointOverrides?: FakeEndpointOverrides } = {},
  ) => {
    const client = createCacheClient({
      source,
      configuration: momentoConfiguration(),
      defaultTtlSeconds: 60,
      endpointOverrides: options.endpointOverrides ?? fake.endpointOverrides(),
      observer,
      ...(options.now && { cache: { now: options.now, ttlMs: TTL_MS } }),
    });
    clients.push(client);
    return client;
  };
  const get = async (client: ManagedCacheClient, boundMs = BOUND_MS) => {
    const settled = await within(boundMs, client.get(CACHE, 'k'));
    if (settled.status === 'fulfilled') capture.record(settled.value);
    return settled;
  };
  const expectWorked = (settled: PromiseSettledResult<unknown>) => {
    expect(settled.status, settled.status === 'rejected' ? String(settled.reason) : '').to.equal('fulfilled');
    const response = (settled as PromiseFulfilledResult<unknown>).value;
    expect(response instanceof CacheGet.Miss || response instanceof CacheGet.Hit, String(response)).to.equal(true);
  };
  const expectSdkError = (settled: PromiseSettledResult<unknown>) => {
    if (expected.kind !== 'sdk') throw new Error(`cell ${fault}/momento expects ${expected.kind}`);
    expect(settled.status, 'Momento errors are responses, as with the SDK').to.equal('fulfilled');
    const response = (settled as PromiseFulfilledResult<unknown>).value;
    expect(response, String(response)).to.be.instanceOf(CacheGet.Error);
    expect((response as CacheGet.Error).errorCode()).to.equal(expected.code);
  };
  const expectRejected = (settled: PromiseSettledResult<unknown>) => {
    if (expected.kind !== 'error') throw new Error(`cell ${fault}/momento expects ${expected.kind}`);
    expectTokenError(settled, expected.code, capture);
  };

  try {
    switch (fault) {
      case 'throttling':
      case '5xx':
      case 'access denied': {
        secrets.put(key);
        const client = clientOf(secrets.source({ observer }));
        expectWorked(await get(client));
        const before = fetches();
        fake.fail({ method: 'Get', code: MOMENTO_FAULTS[fault]! });
        expectSdkError(await get(client));
        expect(fetches(), 'a Momento error that is not about the key refreshed the key').to.equal(before);
        return;
      }
      case 'hang': {
        secrets.put(key);
        const client = clientOf(secrets.source({ observer }));
        expectWorked(await get(client));
        fake.setLatency(MOMENTO_TIMEOUT_MS * 4);
        expectSdkError(await get(client, MOMENTO_TIMEOUT_MS + 1500));
        return;
      }
      case 'reset connection': {
        // A Momento of its own, to stop under a connected client.
        const other = await startMomentoFake({ keys: [key] });
        secrets.put(key);
        const client = clientOf(secrets.source({ observer }), { endpointOverrides: other.endpointOverrides() });
        expectWorked(await get(client));
        await other.close();
        expectSdkError(await get(client));
        return;
      }
      case 'not found': {
        const nowhere = chain(secrets.source({ observer }), createStore('env', world).source());
        expectRejected(await get(clientOf(nowhere)));
        return;
      }
      case 'malformed JSON':
        secrets.put(canary.value(`{"apiKey": "${key}"`));
        expectRejected(await get(clientOf(secrets.source({ observer, jsonField: 'apiKey' }))));
        return;
      case 'wrong KMS context': {
        const encrypted = createStore('kms', world);
        encrypted.put(key, { LambdaFunctionName: 'someone-else' });
        expectRejected(await get(clientOf(encrypted.source({ observer }))));
        return;
      }
      case 'expired key':
        secrets.put(canary.v1(fake.endpoint, new Date(Date.now() - 60_000)));
        expectRejected(await get(clientOf(secrets.source({ observer }))));
        return;
      case 'malformed key':
        secrets.put(canary.malformed());
        expectRejected(await get(clientOf(secrets.source({ observer }))));
        return;
      case 'key revoked, store rotated': {
        secrets.put(key);
        const client = clientOf(secrets.source({ observer }));
        expectWorked(await get(client));
        const next = canary.v1(fake.endpoint);
        fake.allowKey(next);
        secrets.put(next);
        fake.revokeKey(key);
        fake.resetCalls();
        expectWorked(await get(client));
        expect(fake.callCount({ key, outcome: 'unauthenticated' }), 'the call met the revoked key').to.equal(1);
        expect(fake.callCount({ key: next, outcome: 'ok' }), 'and was retried on the new one').to.equal(1);
        expect(capture.events.map((e) => e.type)).to.include('rotated');
        return;
      }
      case 'key revoked, store not rotated': {
        secrets.put(key);
        const client = clientOf(secrets.source({ observer }));
        expectWorked(await get(client));
        const before = fetches();
        fake.revokeKey(key);
        expectSdkError(await get(client));
        expect(fetches() - before, 'one forced refresh, no loop').to.equal(1);
        return;
      }
      case 'file removed mid-run': {
        let clock = Date.now();
        const file = createStore('file', world);
        file.put(key);
        const client = clientOf(file.source({ observer }), { now: () => clock });
        expectWorked(await get(client));
        rmSync(file.path!);
        clock += TTL_MS + 1;
        expectWorked(await get(client));
        expect(capture.events.map((e) => e.type)).to.include('stale-served');
        return;
      }
      case 'file made unreadable mid-run': {
        const result = await runUnprivileged(PERMISSIONS_CHILD, ['momento-unreadable-mid-run']);
        expect(result).to.deep.include({ worked: true, staleServed: true, leaked: false });
        return;
      }
      default:
        throw new Error(`no cell for ${fault}/momento`);
    }
  } finally {
    for (const client of clients) client.close();
  }
}
