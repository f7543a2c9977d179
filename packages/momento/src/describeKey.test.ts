import { createToken, TokenSourceError } from '@tokenchain/core';
import { legacyKey, v1Key, v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { describeKey } from './describeKey.js';
import { keyWithExp, thrownBy } from './fixtures.testing.js';

const SOURCE = 'test:describe';

describe(describeKey.name, () => {
  const expiresAt = new Date('2031-02-03T04:05:06.000Z');

  const kinds = [
    {
      describes: 'a v2 key with the endpoint stored beside it and its expiry',
      token: () =>
        createToken({ source: SOURCE, value: v2Key({ expiresAt }), attributes: { endpoint: 'cell-1.example.com' } }),
      expected: { kind: 'v2', endpoint: 'cell-1.example.com', expiresAt },
    },
    {
      describes: 'a v1 key with the endpoint inside it and the expiry of its api_key',
      token: () => createToken({ source: SOURCE, value: v1Key({ endpoint: 'cell-2.example.com', expiresAt }) }),
      expected: { kind: 'v1', endpoint: 'cell-2.example.com', expiresAt },
    },
    {
      describes: 'a legacy token by its cache endpoint, without an expiry when it has none',
      token: () =>
        createToken({
          source: SOURCE,
          value: legacyKey({ controlEndpoint: 'cp.example.com', cacheEndpoint: 'c.example.com' }),
        }),
      expected: { kind: 'legacy', endpoint: 'c.example.com' },
    },
  ];
  for (const { describes, token, expected } of kinds) {
    it(`describes ${describes}`, () => {
      const described = token();
      expect(describeKey(described)).to.deep.equal({ ...expected, fingerprint: described.secret.fingerprint });
    });
  }

  it('describes an expired key rather than refusing it', () => {
    const past = new Date('2001-01-01T00:00:00.000Z');
    expect(describeKey(createToken({ source: SOURCE, value: v2Key({ expiresAt: past }) })).expiresAt).to.deep.equal(
      past,
    );
  });

  it('takes the earlier of the token expiry and the key expiry', () => {
    const sooner = new Date('2030-01-01T00:00:00.000Z');
    const token = createToken({ source: SOURCE, value: v2Key({ expiresAt }), expiresAt: sooner });
    expect(describeKey(token).expiresAt).to.deep.equal(sooner);
  });

  it('refuses something that is not a Momento key with MALFORMED, naming the source', () => {
    const value = 'definitely-not-a-key';
    const thrown = thrownBy(() => describeKey(createToken({ source: SOURCE, value })));
    expect(TokenSourceError.is(thrown)).to.equal(true);
    expect((thrown as TokenSourceError).code).to.equal('MALFORMED');
    expect((thrown as TokenSourceError).source).to.equal(SOURCE);
    expect((thrown as TokenSourceError).message).not.to.include(value);
  });

  describe('having an exp claim that is not a time a Date can hold', () => {
    // 8.64e12 s is the last second a Date can hold; Math.floor(8.64e12) + 1 is past it.
    const claims: readonly [string, unknown][] = [
      ['past the range of a Date', 8.64e12 + 1],
      ['far past it', 1e300],
      ['a string', '1893456000'],
      ['null', null],
    ];
    for (const kind of ['v2', 'v1', 'legacy'] as const) {
      for (const [what, exp] of claims) {
        it(`refuses a ${kind} key whose exp is ${what} with MALFORMED, naming the source`, () => {
          const value = keyWithExp(kind, exp);
          const thrown = thrownBy(() => describeKey(createToken({ source: SOURCE, value })));
          expect(TokenSourceError.is(thrown), String(thrown)).to.equal(true);
          expect(thrown).to.include({ code: 'MALFORMED', source: SOURCE });
          expect((thrown as Error).message)
            .to.include('exp claim')
            .and.not.include(value);
        });
      }

      it(`still reads a ${kind} key whose exp is the last second a Date holds`, () => {
        const token = createToken({ source: SOURCE, value: keyWithExp(kind, 8.64e12) });
        expect(describeKey(token).expiresAt?.getTime()).to.equal(8.64e15);
      });
    }
  });
});
