import { cached, chain, createToken, Secret, TokenSourceError } from '@tokenchain/core';
import { isCachedTokenSource } from '@tokenchain/core/source-kit';
import { describeTokenSourceContract, testSource } from '@tokenchain/core/testing';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { keyWithExp } from './fixtures.testing.js';
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

  describe('having a source that is already cached, as defaultTokenSource() returns', () => {
    const HOUR = 3_600_000;
    let clock: number;
    const now = () => clock;
    beforeEach(() => {
      clock = Date.now();
    });
    /** A cache that knows nothing of the key's exp: its TTL is a day, and its inner source is unchecked. */
    const unchecked = (source: ReturnType<typeof testSource>) => cached(source, { ttlMs: 24 * HOUR, now });

    it("stays that cache: still a cached source, whose close() and invalidate() are the cache's own", async () => {
      const source = testSource({ value: KEY });
      const cache = unchecked(source);
      const checked = momentoKey(cache, { now });
      expect(isCachedTokenSource(checked)).to.equal(true);
      expect(checked.name).to.equal(cache.name);
      expect(momentoKey(checked), 'checked once, not twice').to.equal(checked);
      await checked.getToken();
      checked.invalidate();
      await checked.getToken();
      expect(source.calls).to.equal(2);
      checked.close();
    });

    it("sets the token's expiresAt from the key's exp", async () => {
      const expiresAt = new Date(Math.floor(clock / 1000) * 1000 + HOUR);
      const checked = momentoKey(unchecked(testSource({ value: v2Key({ expiresAt }) })), { now });
      expect((await checked.getToken()).expiresAt).to.deep.equal(expiresAt);
    });

    it('refuses a key of no known format with MALFORMED, naming the source', async () => {
      const checked = momentoKey(unchecked(testSource({ name: 'test:garbage', value: 'garbage' })), { now });
      await expect(checked.getToken()).to.be.rejectedWith(TokenSourceError, /test:garbage/);
      expect(checked.peek()).to.equal(undefined);
    });

    it('forces one refresh when the key it holds passes its own exp, and serves the new key', async () => {
      const first = v2Key({ expiresAt: new Date(clock + HOUR) });
      const source = testSource({ value: first });
      const checked = momentoKey(unchecked(source), { now });
      expect((await checked.getToken()).secret.reveal()).to.equal(first);
      const next = v2Key({ expiresAt: new Date(clock + 3 * HOUR) });
      source.setValue(next);
      clock += 2 * HOUR;
      expect(checked.peek(), 'an expired key is not peeked').to.equal(undefined);
      expect((await checked.getToken()).secret.reveal()).to.equal(next);
      expect(source.forcedCalls).to.equal(1);
    });

    it('makes one forced fetch for a burst of callers that find the key expired', async () => {
      const source = testSource({ value: v2Key({ expiresAt: new Date(clock + HOUR) }) });
      const checked = momentoKey(unchecked(source), { now });
      await checked.getToken();
      const next = v2Key();
      source.setValue(next);
      clock += 2 * HOUR;
      const tokens = await Promise.all(Array.from({ length: 50 }, () => checked.getToken()));
      expect(tokens.every((token) => token.secret.reveal() === next)).to.equal(true);
      expect(source.forcedCalls).to.equal(1);
    });

    it('rejects with EXPIRED, after that one refresh, when the store still has only the expired key', async () => {
      const source = testSource({ name: 'test:stale-store', value: v2Key({ expiresAt: new Date(clock + HOUR) }) });
      const checked = momentoKey(unchecked(source), { now });
      await checked.getToken();
      clock += 2 * HOUR;
      const thrown = await checked.getToken().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(thrown).to.include({ code: 'EXPIRED', source: 'test:stale-store' });
      expect(source.forcedCalls).to.equal(1);
    });

    it('passes on announced keys that pass the checks, and not the others', async () => {
      const source = testSource({ value: KEY });
      const checked = momentoKey(unchecked(source), { now });
      const announced: string[] = [];
      checked.subscribe((token) => announced.push(token.secret.reveal()));
      await checked.getToken();
      const next = v2Key();
      source.announce('not-a-key');
      source.announce(next);
      expect(announced).to.deep.equal([next]);
    });
  });
});
