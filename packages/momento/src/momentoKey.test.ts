import { chain, createToken, Secret, TokenSourceError } from '@tokenchain/core';
import { describeTokenSourceContract, testSource } from '@tokenchain/core/testing';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { keyWithExp } from './fixtures.test.js';
import { momentoKey } from './momentoKey.js';

describe(momentoKey.name, () => {
  const KEY = v2Key();

  describeTokenSourceContract('momentoKey(testSource)', () => ({
    present: () => momentoKey(testSource({ name: 'test:present', value: `  ${KEY}\n` })),
    expectedKey: KEY,
    absent: () => momentoKey(testSource({ name: 'test:absent', value: undefined })),
    slow: () => momentoKey(testSource({ name: 'test:slow', value: KEY, latencyMs: Number.POSITIVE_INFINITY })),
    broken: {
      'not a Momento key': () => momentoKey(testSource({ name: 'test:garbage', value: 'garbage' })),
      'a line break inside': () => momentoKey(testSource({ name: 'test:newline', value: KEY.replace('.', '.\n') })),
      expired: () =>
        momentoKey(testSource({ name: 'test:expired', value: v2Key({ expiresAt: new Date(Date.now() - 1000) }) })),
    },
  }));

  describe('having a key with an exp claim', () => {
    it("sets the token's expiresAt from it, so a cache refreshes before the key runs out", async () => {
      const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
      const token = await momentoKey(testSource({ value: v2Key({ expiresAt }) })).getToken();
      expect(token.expiresAt).to.deep.equal(expiresAt);
    });

    it('refuses a key whose exp is past the range of a Date with MALFORMED, not as a key that never expires', async () => {
      for (const kind of ['v2', 'v1', 'legacy'] as const) {
        const source = momentoKey(testSource({ name: `test:${kind}`, value: keyWithExp(kind, 8.64e12 + 1) }));
        await expect(source.getToken(), kind).to.be.rejectedWith(TokenSourceError, /exp claim/);
      }
    });

    it('treats an exp of 0 as a key that expired in 1970, not as one that never expires', async () => {
      const source = momentoKey(testSource({ value: keyWithExp('v2', 0) }));
      await expect(source.getToken()).to.be.rejectedWith(TokenSourceError, /expired at 1970-01-01/);
    });

    it('keeps an earlier expiresAt the source already set', async () => {
      const sooner = new Date(Date.now() + 60_000);
      const source = testSource({ value: v2Key({ expiresAt: new Date(Date.now() + 3_600_000) }), expiresAt: sooner });
      expect((await momentoKey(source).getToken()).expiresAt).to.deep.equal(sooner);
    });
  });

  describe('having an endpoint stored with the key', () => {
    it('cleans a leading https:// and refuses a path', async () => {
      const clean = testSource({ value: KEY, attributes: { endpoint: 'https://cell-1.example.com/' } });
      expect((await momentoKey(clean).getToken()).attributes).to.deep.equal({ endpoint: 'cell-1.example.com' });
      const broken = testSource({ value: KEY, attributes: { endpoint: 'cell-1.example.com/v1' } });
      await expect(momentoKey(broken).getToken()).to.be.rejectedWith(TokenSourceError, /host name/);
    });
  });

  describe('in a chain that falls through on any error', () => {
    it('lets the next source serve when the first holds a malformed key', async () => {
      const first = momentoKey(testSource({ name: 'test:first', value: 'not-a-key' }));
      const second = momentoKey(testSource({ name: 'test:second', value: KEY }));
      const token = await chain({ fallThrough: 'any-error' }, first, second).getToken();
      expect(token.source).to.equal('test:second');
    });

    it('stops at the malformed key by default, with its MALFORMED error', async () => {
      const first = momentoKey(testSource({ name: 'test:first', value: 'not-a-key' }));
      const second = momentoKey(testSource({ name: 'test:second', value: KEY }));
      await expect(chain(first, second).getToken()).to.be.rejectedWith(TokenSourceError, /test:first/);
    });
  });

  it('keeps the Secret it was given when nothing needed trimming', async () => {
    const secret = Secret.from(KEY);
    const source = { name: 'test:same', getToken: async () => createToken({ source: 'test:same', value: secret }) };
    expect((await momentoKey(source).getToken()).secret).to.equal(secret);
  });
});
