import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CacheGet } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { cached, chain, type Token, type TokenSource, TokenSourceError } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';
import { createCacheClient, momentoKey } from '@tokenchain/momento';
import { expect } from 'chai';
import fc from 'fast-check';
import { canary } from './support/canary.js';
import { momentoConfiguration, startWorld, type World } from './support/world.js';

type LinkKind = 'env' | 'file' | 'secretsmanager' | 'ssm';
type LinkState = 'present' | 'missing' | 'broken';

describe('properties across packages, with the real adapters and fakes', () => {
  let world: World;

  before(async () => {
    world = await startWorld();
  });
  after(() => world.close());
  afterEach(() => world.aws.clearFaults());

  it('a chain of real adapters returns the first present key, stops at the first broken one, and asks no store after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom<LinkKind>('env', 'file', 'secretsmanager', 'ssm'),
            state: fc.constantFrom<LinkState>('present', 'missing', 'broken'),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.boolean(),
        async (links, anyError) => {
          world.aws.resetRequests();
          const built = links.map((link) => buildLink(world, link.kind, link.state));
          const stopAt = links.findIndex((l) => l.state === 'present' || (l.state === 'broken' && !anyError));
          const outcome = await chain(
            { fallThrough: anyError ? 'any-error' : 'not-found' },
            ...built.map((b) => b.source),
          )
            .getToken()
            .then(
              (token: Token) => ({ token }),
              (error: unknown) => ({ error }),
            );
          if (stopAt === -1) {
            const error = (outcome as { error: unknown }).error;
            expect(TokenSourceError.is(error), String(error)).to.equal(true);
            expect((error as TokenSourceError).code).to.equal(
              links.every((l) => l.state === 'missing') ? 'NOT_FOUND' : 'CHAIN_EXHAUSTED',
            );
          } else if (links[stopAt]!.state === 'present') {
            expect('token' in outcome, String((outcome as { error?: unknown }).error)).to.equal(true);
            expect((outcome as { token: Token }).token.secret.reveal()).to.equal(built[stopAt]!.key);
          } else {
            const error = (outcome as { error: TokenSourceError }).error;
            expect(TokenSourceError.is(error), String(error)).to.equal(true);
            expect(error.source).to.equal(built[stopAt]!.source.name);
            expect(error.code).not.to.equal('NOT_FOUND');
          }
          const last = stopAt === -1 ? links.length - 1 : stopAt;
          built.forEach((b, i) => {
            if (b.requests === undefined) return;
            expect(b.requests(), `requests to link ${i} (${links[i]!.kind})`).to.equal(i <= last ? 1 : 0);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  type Op =
    | { kind: 'get'; callers: number }
    | { kind: 'force' }
    | { kind: 'tick'; ms: number }
    | { kind: 'rotate' }
    | { kind: 'fault'; fault: 'throttle' | 'server-error' | 'hang' | 'none' };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('get' as const), callers: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('force' as const) }),
    fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 20 * 60_000 }) }),
    fc.record({ kind: fc.constant('rotate' as const) }),
    fc.record({
      kind: fc.constant('fault' as const),
      fault: fc.constantFrom('throttle' as const, 'server-error' as const, 'hang' as const, 'none' as const),
    }),
  );

  it('a cache over the real Secrets Manager adapter never serves a key too old, never fetches twice at once, and recovers', async () => {
    const ttlMs = 10 * 60_000;
    const maxStaleMs = 15 * 60_000;
    // One attempt per call: the SDK's throttling backoff would otherwise make every run take seconds.
    const client = new SecretsManagerClient({ ...world.aws.clientConfig(), maxAttempts: 1 });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(op, { minLength: 1, maxLength: 20 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          async (ops, jitter) => {
            world.aws.clearFaults();
            const secretId = world.unique('property/secret-');
            let latest = canary.v2();
            world.aws.secretsManager.put(secretId, latest);
            let clock = Date.UTC(2026, 0, 1);
            // Short enough that a hung store costs little, long enough that a plain read on a busy 2-core machine never times out.
            const adapter = fromSecretsManager({ secretId, client, timeoutMs: 400 });
            // When the store last handed out each key (the cache's clock), and how many fetches ran at once.
            const fetchedAt = new Map<string, number>();
            let inFlight = 0;
            let maxInFlight = 0;
            const recording: TokenSource = {
              name: adapter.name,
              async getToken(options) {
                inFlight += 1;
                maxInFlight = Math.max(maxInFlight, inFlight);
                try {
                  const token = await adapter.getToken(options);
                  fetchedAt.set(token.secret.reveal(), clock);
                  return token;
                } finally {
                  inFlight -= 1;
                }
              },
            };
            const source = cached(recording, { now: () => clock, ttlMs, maxStaleMs, jitter, backgroundRefresh: false });
            const pending: Promise<void>[] = [];
            const call = (forceRefresh: boolean) =>
              pending.push(
                source.getToken({ forceRefresh }).then(
                  (token) => {
                    const age = clock - (fetchedAt.get(token.secret.reveal()) ?? Number.NEGATIVE_INFINITY);
                    expect(age, 'served a key older than ttl + maxStale').to.be.at.most(ttlMs + maxStaleMs);
                  },
                  (err: unknown) => {
                    expect(TokenSourceError.is(err), String(err)).to.equal(true);
                    expect(['THROTTLED', 'UNAVAILABLE', 'TIMEOUT']).to.include((err as TokenSourceError).code);
                  },
                ),
              );
            try {
              for (const step of ops) {
                switch (step.kind) {
                  case 'get':
                    for (let i = 0; i < step.callers; i += 1) call(false);
                    break;
                  case 'force':
                    call(true);
                    break;
                  case 'tick':
                    clock += step.ms;
                    break;
                  case 'rotate':
                    latest = canary.v2();
                    world.aws.secretsManager.put(secretId, latest);
                    break;
                  case 'fault':
                    world.aws.clearFaults();
                    if (step.fault !== 'none')
                      world.aws.inject({ kind: step.fault, operation: 'secretsmanager.GetSecretValue' });
                    break;
                }
                // Let the calls of this step reach the fake before the next step changes the world under them.
                await new Promise((resolve) => setImmediate(resolve));
              }
              await Promise.all(pending);
              // A hit past refreshAt starts a refresh ahead that no caller awaits: let it end (its store call is bounded by
              // the adapter's timeoutMs) before the store comes back, or the next call joins it and rightly gets its stale
              // answer (a counterexample once found: a throttled refresh ahead still in flight when the faults were cleared).
              while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
              expect(maxInFlight, 'two fetches in flight at once').to.be.at.most(1);
              // Once the store is back, the newest key is served after at most one backoff and one TTL.
              world.aws.clearFaults();
              clock += ttlMs + 60_000;
              const recovered = await source.getToken();
              expect(recovered.secret.reveal() === latest, 'the newest key once the store is back').to.equal(true);
            } finally {
              source.close();
            }
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      client.destroy();
    }
  });

  it('the managed Momento client fails no call under rotations amid bursts of calls, with one fetch per rotation', async () => {
    const fake = world.momento;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('burst' as const), calls: fc.integer({ min: 1, max: 12 }) }),
            fc.record({ kind: fc.constant('rotate' as const) }),
            fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 15 }) }),
          ),
          { minLength: 1, maxLength: 10 },
        ),
        async (ops) => {
          const secretId = world.unique('property/momento-');
          let key = canary.v1(fake.endpoint);
          fake.allowKey(key);
          world.aws.secretsManager.put(secretId, key);
          const fetches = () =>
            world.aws.requests.filter(
              (r) => r.operation === 'secretsmanager.GetSecretValue' && r.input.SecretId === secretId,
            ).length;
          const client = createCacheClient({
            source: fromSecretsManager({ secretId, client: world.secretsManager }),
            configuration: momentoConfiguration(),
            defaultTtlSeconds: 60,
            endpointOverrides: fake.endpointOverrides(),
          });
          const failures: string[] = [];
          const calls: Promise<void>[] = [];
          let rotations = 0;
          try {
            for (const step of ops) {
              if (step.kind === 'burst') {
                for (let i = 0; i < step.calls; i += 1) {
                  calls.push(
                    client.get('cache', 'k').then(
                      (response) => {
                        if (!(response instanceof CacheGet.Miss || response instanceof CacheGet.Hit))
                          failures.push(String(response));
                      },
                      (err: unknown) => void failures.push(String(err)),
                    ),
                  );
                }
              } else if (step.kind === 'rotate') {
                // A call is retried once, on the key that replaced the rejected one: it survives one rotation, not a second
                // that revokes that key too within its round trip. Real rotations are hours apart; here each call spans
                // at most one, while bursts run on during it.
                await Promise.all(calls);
                // The order an operator follows: store the new key, let Momento accept it, then revoke the old one.
                const next = canary.v1(fake.endpoint);
                fake.allowKey(next);
                world.aws.secretsManager.put(secretId, next);
                fake.revokeKey(key);
                key = next;
                rotations += 1;
              } else {
                await new Promise((resolve) => setTimeout(resolve, step.ms));
              }
            }
            await Promise.all(calls);
            expect(failures).to.deep.equal([]);
            expect(fetches(), 'GetSecretValue calls').to.be.at.most(1 + rotations);
          } finally {
            client.close();
          }
        },
      ),
      { numRuns: 10 },
    );
  });
});

interface BuiltLink {
  readonly source: TokenSource;
  /** The key this link holds (when present). */
  readonly key: string;
  /** Requests its store received, for the AWS links. */
  readonly requests?: () => number;
}

/** One link of a chain, over its real store, in the given state. Every link checks what it returns as a Momento key. */
function buildLink(world: World, kind: LinkKind, state: LinkState): BuiltLink {
  const key = canary.v2();
  const broken = canary.malformed();
  switch (kind) {
    case 'env': {
      const name = world.unique('PROPERTY_KEY_');
      const env = state === 'missing' ? {} : { [name]: state === 'present' ? key : broken };
      return { key, source: momentoKey(fromEnv({ name, env })) };
    }
    case 'file': {
      const path = join(world.dir, world.unique('property-key-'));
      // A directory where the key file should be: the file is there, and unusable.
      if (state === 'broken') mkdirSync(path);
      else if (state === 'present') writeFileSync(path, key, { mode: 0o600 });
      return { key, source: momentoKey(fromFile({ path })) };
    }
    case 'secretsmanager': {
      const secretId = world.unique('property/chain-');
      if (state !== 'missing') world.aws.secretsManager.put(secretId, key);
      // A secret scheduled for deletion is there but cannot be read.
      if (state === 'broken') world.aws.secretsManager.markDeleted(secretId);
      return {
        key,
        source: momentoKey(fromSecretsManager({ secretId, client: world.secretsManager })),
        requests: () => world.aws.requests.filter((r) => r.input.SecretId === secretId).length,
      };
    }
    case 'ssm': {
      const name = `/property/${world.unique('chain-')}`;
      if (state !== 'missing') world.aws.ssm.put(name, state === 'present' ? key : broken, { type: 'SecureString' });
      return {
        key,
        source: momentoKey(fromSsmParameter({ parameterName: name, client: world.ssm })),
        requests: () => world.aws.requests.filter((r) => r.input.Name === name).length,
      };
    }
  }
}
