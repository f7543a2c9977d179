import { expect } from 'chai';
import { TokenAbortedError } from './TokenAbortedError.js';
import { TokenChainError } from './TokenChainError.js';
import { TokenNotFoundError } from './TokenNotFoundError.js';
import { TokenSourceError } from './TokenSourceError.js';

describe('the error family', () => {
  describe('TokenSourceError', () => {
    it('names the source in its message and keeps code and cause', () => {
      const cause = new Error('socket hang up');
      const err = new TokenSourceError('access denied', { source: 'ssm:/momento/key', code: 'ACCESS_DENIED', cause });
      expect(err.message).to.equal('ssm:/momento/key: access denied');
      expect(err.source).to.equal('ssm:/momento/key');
      expect(err.code).to.equal('ACCESS_DENIED');
      expect(err.cause).to.equal(cause);
      expect(err).to.be.instanceOf(Error);
    });

    it('keeps what went wrong without the source in front as detail, for text built from it', () => {
      const err = new TokenSourceError('access denied', { source: 'ssm:/momento/key' });
      expect(err.detail).to.equal('access denied');
    });

    it('is recognised by its brand, so an error from a second copy of the package still passes is()', () => {
      const foreign = Object.assign(new Error('x'), { source: 's', code: 'UNKNOWN' });
      Object.defineProperty(foreign, Symbol.for('@tokenchain/core/TokenSourceError'), { value: true });
      expect(TokenSourceError.is(foreign)).to.equal(true);
      expect(TokenSourceError.is(new Error('plain'))).to.equal(false);
      expect(TokenSourceError.is(undefined)).to.equal(false);
    });

    it('wraps a foreign error without copying its message, which may quote the value', () => {
      const parse = new SyntaxError('Unexpected token s in JSON at position 0: "secret-value"');
      const err = TokenSourceError.wrap(parse, 'file:/run/key', 'could not parse', 'MALFORMED');
      expect(err.message).to.equal('file:/run/key: could not parse (SyntaxError)');
      expect(err.message).not.to.include('secret-value');
      expect(err.code).to.equal('MALFORMED');
      expect(err.cause).to.equal(parse);
    });

    it('passes a TokenSourceError through wrap unchanged', () => {
      const original = new TokenNotFoundError('gone', { source: 'a' });
      expect(TokenSourceError.wrap(original, 'b')).to.equal(original);
    });
  });

  describe('subclasses', () => {
    it('are TokenSourceErrors with their own brand and code', () => {
      const notFound = new TokenNotFoundError('no such variable', { source: 'env:X' });
      const aborted = new TokenAbortedError('timed out', { source: 'env:X', code: 'TIMEOUT' });
      const chainError = new TokenChainError('chain(a, b)', [
        { source: 'a', outcome: 'not-found', durationMs: 1.2, reason: 'a: missing', code: 'NOT_FOUND' },
        { source: 'b', outcome: 'failed', durationMs: 3, reason: 'b: denied', code: 'ACCESS_DENIED' },
      ]);
      expect(TokenSourceError.is(notFound) && TokenNotFoundError.is(notFound)).to.equal(true);
      expect(notFound.code).to.equal('NOT_FOUND');
      expect(TokenNotFoundError.is(aborted)).to.equal(false);
      expect(TokenAbortedError.is(aborted) && aborted.code === 'TIMEOUT').to.equal(true);
      expect(TokenChainError.is(chainError) && TokenSourceError.is(chainError)).to.equal(true);
      expect(chainError.code).to.equal('CHAIN_EXHAUSTED');
      expect(chainError.message)
        .to.include('- a: not-found in 1 ms (a: missing)')
        .and.to.include('- b: failed in 3 ms');
    });
  });

  describe('TokenChainError having attempts that carry key-shaped text', () => {
    const key = `eyJ${'k'.repeat(30)}`;
    const err = new TokenChainError('chain(env, file)', [
      { source: `env:${key}`, outcome: 'failed', durationMs: 1, reason: `not a key: ${key}`, code: 'MALFORMED' },
      { source: 'file:/k', outcome: 'skipped', durationMs: 0, reason: 'not tried' },
    ]);

    it('removes it from the attempts themselves and from the message and stack listing them', () => {
      expect(JSON.stringify(err.attempts)).not.to.include(key);
      expect(err.attempts[0]).to.include({ outcome: 'failed', code: 'MALFORMED' });
      expect(err.message).not.to.include(key);
      expect(err.stack).not.to.include(key);
      expect(err.stack).to.include('file:/k: skipped');
    });

    it('keeps the first line alone as detail', () => {
      expect(err.detail).to.equal('no source produced a Momento API key (2 tried)');
    });
  });
});
