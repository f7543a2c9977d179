import { expect } from 'chai';
import fc from 'fast-check';
import sinon from 'sinon';
import { cached } from './cached.js';
import { chain } from './chain.js';
import { TokenChainError } from './TokenChainError.js';
import type { Token } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { testSource } from './testing/testSource.js';

type Link = 'value' | 'missing' | 'broken';

describe('chain and cache invariants under random failures, delays and clock moves', () => {
  it('a chain returns the first usable link, stops at the first broken one unless told otherwise, and asks no link after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Link>('value', 'missing', 'broken'), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (links, anyError) => {
          const sources = links.map((kind, i) => {
            const s = testSource({ name: `s${i}`, ...(kind !== 'missing' && { value: `key-${i}` }) });
            if (kind === 'broken')
              s.failWith(new TokenSourceError('denied', { source: s.name, code: 'ACCESS_DENIED' }));
            return s;
          });
          const stopAt = links.findIndex((k) => k === 'value' || (k === 'broken' && !anyError));
          const outcome = await chain({ fallThrough: anyError ? 'any-error' : 'not-found' }, ...sources)
            .getToken()
            .then(
              (token: Token) => ({ token }),
              (error: unknown) => ({ error }),
            );
          if (stopAt === -1) {
            expect(TokenChainError.is((outcome as { error: unknown }).error)).to.equal(true);
            expect((outcome as { error: TokenChainError }).error.attempts).to.have.length(links.length);
          } else if (links[stopAt] === 'value') {
            expect((outcome as { token: Token }).token.source).to.equal(`s${stopAt}`);
          } else {
            expect((outcome as { error: TokenSourceError }).error.source).to.equal(`s${stopAt}`);
          }
          const last = stopAt === -1 ? links.length - 1 : stopAt;
          sources.forEach((s, i) => {
            expect(s.calls, `s${i}`).to.equal(i <= last ? 1 : 0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  type Op =
    | { kind: 'get'; callers: number }
    | { kind: 'force' }
    | { kind: 'tick'; ms: number }
    | { kind: 'rotate'; expiresInMs: number | null }
    | { kind: 'fail'; on: boolean }
    | { kind: 'latency'; ms: number }
    | { kind: 'invalidate' };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('get' as const), callers: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('force' as const) }),
    fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 20 * 60_000 }) }),
    fc.record({
      kind: fc.constant('rotate' as const),
      expiresInMs: fc.option(fc.integer({ min: -1000, max: 30 * 60_000 }), { nil: null }),
    }),
    fc.record({ kind: fc.constant('fail' as const), on: fc.boolean() }),
    fc.record({ kind: fc.constant('latency' as const), ms: fc.integer({ min: 0, max: 5000 }) }),
    fc.record({ kind: fc.constant('invalidate' as const) }),
  );

  it('a cache never serves an expired or over-stale key, never has two fetches in flight, and never leaks a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (ops, jitter) => {
          const clock = sinon.useFakeTimers({ now: 5_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
          const ttlMs = 10 * 60_000;
          const maxStaleMs = 15 * 60_000;
          const upstream = testSource({ value: 'key-0' });
          // Remember when the store last handed out each key: the oldest a served copy may be.
          const fetchedAt = new Map<string, number>();
          const recording = {
            name: upstream.name,
            getToken: async (options?: Parameters<typeof upstream.getToken>[0]) => {
              const token = await upstream.getToken(options);
              fetchedAt.set(token.secret.reveal(), Date.now());
              return token;
            },
          };
          const source = cached(recording, { ttlMs, maxStaleMs, refreshAheadMs: 60_000, jitter });
          let version = 0;
          let maxInFlight = 0;
          const pending: Array<Promise<void>> = [];
          const check = (token: Token) => {
            const now = Date.now();
            if (token.expiresAt) expect(token.expiresAt.getTime(), 'served an expired key').to.be.above(now);
            const fetched = fetchedAt.get(token.secret.reveal()) ?? 0;
            expect(now - fetched, 'served a key older than ttl + maxStale').to.be.at.most(ttlMs + maxStaleMs);
          };
          const call = (forceRefresh: boolean) => {
            pending.push(
              source.getToken({ forceRefresh }).then(check, (err: unknown) => {
                expect(TokenSourceError.is(err), String(err)).to.equal(true);
              }),
            );
            maxInFlight = Math.max(maxInFlight, upstream.inFlight);
          };
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
                  await clock.tickAsync(step.ms);
                  break;
                case 'rotate': {
                  version += 1;
                  const key = `key-${version}`;
                  upstream.setValue(
                    key,
                    step.expiresInMs === null ? {} : { expiresAt: new Date(Date.now() + step.expiresInMs) },
                  );
                  break;
                }
                case 'fail':
                  upstream.failWith(
                    step.on ? new TokenSourceError('down', { source: 'test', code: 'UNAVAILABLE' }) : undefined,
                  );
                  break;
                case 'latency':
                  upstream.setLatency(step.ms);
                  break;
                case 'invalidate':
                  source.invalidate();
                  break;
              }
              maxInFlight = Math.max(maxInFlight, upstream.inFlight);
            }
            await clock.tickAsync(60_000);
            await Promise.all(pending);
            expect(maxInFlight, 'two fetches in flight at once').to.be.at.most(1);
          } finally {
            source.close();
            clock.restore();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
