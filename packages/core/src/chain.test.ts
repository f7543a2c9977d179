import { expect } from 'chai';
import sinon from 'sinon';
import { chain, DEFAULT_CHAIN_TIMEOUT_MS } from './chain.js';
import type { TokenEvent } from './events.js';
import { fromValue } from './fromValue.js';
import { Secret } from './Secret.js';
import { TokenAbortedError } from './TokenAbortedError.js';
import { TokenChainError } from './TokenChainError.js';
import type { Token, TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { testSource } from './testing/testSource.js';

const denied = (source: string) => new TokenSourceError('access denied', { source, code: 'ACCESS_DENIED' });

describe('chain', () => {
  describe('when built', () => {
    it('refuses an empty chain at once', () => {
      expect(() => chain()).to.throw(TokenSourceError, /at least one source/);
      expect(() => chain({ fallThrough: 'any-error' })).to.throw(TokenSourceError, /at least one source/);
    });

    it('refuses something that is not a source, saying which argument', () => {
      expect(() => chain(fromValue('k'), {} as TokenSource)).to.throw(/argument 2 is not a TokenSource/);
    });

    it('is named after its links unless given a name', () => {
      expect(chain(testSource({ name: 'a' }), testSource({ name: 'b' })).name).to.equal('chain(a, b)');
      expect(chain({ name: 'momento-key' }, testSource({ name: 'a' })).name).to.equal('momento-key');
    });
  });

  describe('having a first source with a key', () => {
    it('returns its token and never asks the next source', async () => {
      const first = testSource({ name: 'first', value: 'key-1' });
      const second = testSource({ name: 'second', value: 'key-2' });
      const token = await chain(first, second).getToken();
      expect(token.secret.reveal()).to.equal('key-1');
      expect(token.source).to.equal('first');
      expect(second.calls).to.equal(0);
    });

    it('reports the winner as a resolved event with the fingerprint', async () => {
      const events: TokenEvent[] = [];
      const source = chain(
        { observer: { onEvent: (e) => events.push(e) } },
        testSource({ name: 'first', value: 'key-1' }),
      );
      const token = await source.getToken();
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ type: 'resolved', winner: 'first', fingerprint: token.secret.fingerprint });
    });
  });

  describe('having a first source that is not there', () => {
    it('falls through to the next and reports the fallback with the reason', async () => {
      const events: TokenEvent[] = [];
      const missing = testSource({ name: 'secretsmanager:x' });
      const env = testSource({ name: 'env:MOMENTO_API_KEY', value: 'key-2' });
      const token = await chain({ observer: { onEvent: (e) => events.push(e) } }, missing, env).getToken();
      expect(token.source).to.equal('env:MOMENTO_API_KEY');
      const fallback = events.find((e) => e.type === 'fallback');
      expect(fallback).to.include({ from: 'secretsmanager:x', to: 'env:MOMENTO_API_KEY', code: 'NOT_FOUND' });
    });
  });

  describe('having a first source that is there but broken', () => {
    it('stops with that source’s own error by default, without asking the next', async () => {
      const broken = testSource({ name: 'ssm:/key', value: 'k' });
      broken.failWith(denied('ssm:/key'));
      const next = testSource({ name: 'env:X', value: 'k2' });
      const err = await expect(chain(broken, next).getToken()).to.be.rejectedWith(TokenSourceError);
      expect(err).to.include({ source: 'ssm:/key', code: 'ACCESS_DENIED' });
      expect(next.calls).to.equal(0);
    });

    it('moves on when told to fall through on any error', async () => {
      const broken = testSource({ name: 'ssm:/key', value: 'k' });
      broken.failWith(denied('ssm:/key'));
      const token = await chain(
        { fallThrough: 'any-error' },
        broken,
        testSource({ name: 'env:X', value: 'k2' }),
      ).getToken();
      expect(token.source).to.equal('env:X');
    });

    it('wraps a plain Error from a hand-written source into a TokenSourceError naming it', async () => {
      const custom: TokenSource = {
        name: 'custom:vault',
        getToken: () => Promise.reject(new Error('boom')),
      };
      const err = await expect(chain(custom).getToken()).to.be.rejectedWith(TokenSourceError);
      expect(err).to.include({ source: 'custom:vault', code: 'UNKNOWN' });
      expect(err.message).to.match(/^custom:vault: /);
    });

    it('refuses a blank token from a hand-written source', async () => {
      const blank: TokenSource = {
        name: 'custom:blank',
        getToken: async () => ({ source: 'custom:blank', secret: { reveal: () => '  ' } }) as unknown as Token,
      };
      const err = await expect(chain(blank).getToken()).to.be.rejectedWith(TokenSourceError);
      expect(err).to.include({ source: 'custom:blank', code: 'MALFORMED' });
    });
  });

  describe('when no source has a key', () => {
    it('rejects with a TokenChainError listing every attempt with outcome, duration and reason', async () => {
      const a = testSource({ name: 'a' });
      const b = testSource({ name: 'b', value: 'k' });
      b.failWith(denied('b'));
      const err = await expect(chain({ fallThrough: 'any-error' }, a, b).getToken()).to.be.rejectedWith(
        TokenChainError,
      );
      expect(err.code).to.equal('CHAIN_EXHAUSTED');
      expect(err.attempts.map((x: { source: string; outcome: string }) => [x.source, x.outcome])).to.deep.equal([
        ['a', 'not-found'],
        ['b', 'failed'],
      ]);
      for (const attempt of err.attempts) expect(attempt.durationMs).to.be.a('number').and.at.least(0);
      expect(err.message).to.include('a: not-found').and.to.include('b: failed').and.to.include('access denied');
    });

    it('says NOT_FOUND when every source was simply absent', async () => {
      const err = await expect(
        chain(testSource({ name: 'a' }), testSource({ name: 'b' })).getToken(),
      ).to.be.rejectedWith(TokenChainError);
      expect(err.code).to.equal('NOT_FOUND');
    });
  });

  describe('deadline and abort', () => {
    it('ends a walk stuck on a hung source at the overall deadline, listing the sources not tried', async () => {
      const hung = testSource({ name: 'hung', value: 'k', latencyMs: Number.POSITIVE_INFINITY });
      const started = performance.now();
      const err = await expect(
        chain({ timeoutMs: 50 }, hung, testSource({ name: 'later', value: 'k' })).getToken(),
      ).to.be.rejectedWith(TokenChainError);
      expect(performance.now() - started).to.be.below(2000);
      expect(err.code).to.equal('TIMEOUT');
      expect(err.attempts.map((a: { outcome: string }) => a.outcome)).to.deep.equal(['failed', 'skipped']);
    });

    it('ends the walk even when a source ignores the signal', async () => {
      const deaf: TokenSource = { name: 'deaf', getToken: () => new Promise(() => {}) };
      const err = await expect(chain({ timeoutMs: 30 }, deaf).getToken()).to.be.rejectedWith(TokenChainError);
      expect(err.code).to.equal('TIMEOUT');
    });

    it('honours the caller’s signal with ABORTED', async () => {
      const controller = new AbortController();
      const pending = chain(testSource({ name: 'slow', value: 'k', latencyMs: 10_000 })).getToken({
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 10);
      const err = await expect(pending).to.be.rejectedWith(TokenChainError);
      expect(err.code).to.equal('ABORTED');
    });
  });

  describe('its messages', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => clock.restore());

    const hung = (name: string) => testSource({ name, value: 'k', latencyMs: Number.POSITIVE_INFINITY });
    /** Every line says each "after N ms" and each source's name at most once. */
    const saysEachThingOnce = (message: string) => {
      for (const line of message.split('\n')) {
        expect(line.match(/after \d+ ms/g) ?? [], line).to.have.length.at.most(1);
        const names = line.match(/\b[a-z]+(?:\([^)]*\))?: /g) ?? [];
        expect(new Set(names).size, line).to.equal(names.length);
      }
    };

    it('say each thing once when a fall-through chain of chains times out', async () => {
      const inner = chain({ fallThrough: 'any-error', name: 'inner' }, hung('a'));
      const pending = chain({ fallThrough: 'any-error', timeoutMs: 200 }, inner, hung('b')).getToken();
      const settled = expect(pending).to.be.rejectedWith(TokenChainError);
      await clock.tickAsync(201);
      const err = await settled;
      expect(err.code).to.equal('TIMEOUT');
      expect(err.detail).to.match(/^walking the chain timed out after \d+ ms \(its deadline is 200 ms\)$/);
      saysEachThingOnce(err.message);
    });

    it('say each thing once when the caller aborts with an error that already says how long it waited', async () => {
      const controller = new AbortController();
      const pending = chain({ fallThrough: 'any-error' }, hung('a'), hung('b')).getToken({ signal: controller.signal });
      const settled = expect(pending).to.be.rejectedWith(TokenChainError);
      await clock.tickAsync(201);
      controller.abort(new TokenAbortedError('gave up after 201 ms', { source: 'caller' }));
      const err = await settled;
      expect(err.code).to.equal('ABORTED');
      expect(err.detail).to.match(/^walking the chain was aborted after \d+ ms$/);
      saysEachThingOnce(err.message);
    });

    it('list each attempt’s reason without its source’s name in front', async () => {
      const b = testSource({ name: 'b', value: 'k' });
      b.failWith(denied('b'));
      const err = await expect(chain({ fallThrough: 'any-error' }, b).getToken()).to.be.rejectedWith(TokenChainError);
      expect(err.attempts[0]?.reason).to.equal('access denied');
      expect(err.message.split('\n')[1]).to.match(/^ {2}- b: failed in \d+ ms \(access denied\)$/);
    });
  });

  describe('its duration option', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => clock.restore());

    it('waits out a timeoutMs past Node’s timer limit instead of timing out at once', async () => {
      const slow = testSource({ name: 'slow', value: 'k', latencyMs: 1000 });
      const pending = chain({ timeoutMs: 2 ** 31 }, slow).getToken();
      await clock.tickAsync(1000);
      expect((await pending).secret.reveal()).to.equal('k');
    });

    it('times out at DEFAULT_CHAIN_TIMEOUT_MS, which leaves room in Lambda’s 10 s init for an adapter’s 5 s deadline', async () => {
      expect(DEFAULT_CHAIN_TIMEOUT_MS).to.be.above(5000).and.at.most(6000);
      const pending = chain(testSource({ name: 'hung', value: 'k', latencyMs: Number.POSITIVE_INFINITY })).getToken();
      const settled = expect(pending).to.be.rejectedWith(TokenChainError);
      await clock.tickAsync(DEFAULT_CHAIN_TIMEOUT_MS);
      expect((await settled).code).to.equal('TIMEOUT');
    });

    it('refuses a negative or NaN timeoutMs as INVALID_CONFIGURATION', () => {
      for (const timeoutMs of [-1, Number.NaN]) {
        expect(() => chain({ timeoutMs }, fromValue('k')))
          .to.throw(TokenSourceError, /timeoutMs must be a number of ms from 0 to Infinity/)
          .with.property('code', 'INVALID_CONFIGURATION');
      }
    });
  });

  describe('having a hand-written source whose expiresAt is an Invalid Date', () => {
    it('refuses its token as MALFORMED', async () => {
      const broken: TokenSource = {
        name: 'broken',
        getToken: async () => ({ secret: Secret.from('k'), source: 'broken', expiresAt: new Date(Number.NaN) }),
      };
      const err = await expect(chain(broken).getToken()).to.be.rejectedWith(TokenSourceError, /not a valid date/);
      expect(err.code).to.equal('MALFORMED');
    });
  });

  describe('announcements', () => {
    it('passes on a new key announced by the source that won, and ignores fallbacks the chain does not use', async () => {
      const first = testSource({ name: 'file', value: 'k1' });
      const spare = testSource({ name: 'spare', value: 's1' });
      const source = chain(first, spare);
      await source.getToken();
      const seen: string[] = [];
      const stop = source.subscribe?.((t) => seen.push(t.secret.reveal()));
      spare.announce('s2');
      first.announce('k2');
      stop?.();
      first.announce('k3');
      expect(seen).to.deep.equal(['k2']);
    });
  });
});
