import { fromValue, TokenSourceError } from '@tokenchain/core';
import { defineScheme, fromConfig } from '@tokenchain/core/config';
import { expect } from 'chai';
import { disposableScheme } from './disposableScheme.js';
import { type MomentoFake, serveMomento } from './fixtures.testing.js';

describe('disposableScheme', () => {
  const momento = serveMomento();
  let fake: MomentoFake;
  let key: string;

  beforeEach(() => {
    ({ fake, key } = momento);
  });

  /** A configuration over a stand-in for the long-lived key's store, minting at the fake. */
  function configured(options: string) {
    const store = defineScheme({
      scheme: 'store',
      kind: 'source',
      summary: 'the long-lived key',
      target: { description: 'its name', required: true },
      create: (context) => fromValue(key, `store:${context.target}`),
    });
    const { tokenEndpoint } = fake.endpointOverrides();
    return fromConfig(`disposable+store:momento?${options}&tokenEndpoint=${tokenEndpoint}&secure=false`, {
      schemes: [disposableScheme, store],
    });
  }

  const entries = [
    {
      having: 'a cache and no access',
      options: 'cache=sessions',
      mints: 'read-write tokens for that cache, for an hour, and says so in attributes.scope',
      validForSeconds: 3600,
      names: 'sessions',
      scope: 'readwrite on cache sessions',
    },
    {
      having: 'a topic, an access and a validity',
      options: 'cache=chat&topic=room-1&access=subscribeonly&validForSeconds=120',
      mints: 'tokens scoped to that topic with that access and life, and says so in attributes.scope',
      validForSeconds: 120,
      names: 'room-1',
      scope: 'subscribeonly on topic room-1 of cache chat',
    },
  ];
  for (const { having, options, mints, validForSeconds, names, scope } of entries) {
    describe(`having ${having}`, () => {
      it(`mints ${mints}`, async () => {
        const token = await configured(options).getToken();
        const minted = fake.mintedTokens().at(-1);
        expect(minted?.validForSeconds).to.equal(validForSeconds);
        expect(JSON.stringify(minted?.permissions)).to.include(names);
        expect(token.source).to.equal('disposable(store:momento)');
        expect(token.attributes?.scope).to.equal(scope);
        expect(token.secret.reveal()).not.to.equal(key);
      });
    });
  }

  describe('having an access the service has no role for', () => {
    it('rejects with INVALID_CONFIGURATION naming the choices, before any mint', async () => {
      const before = fake.mintedTokens().length;
      const err = await configured('cache=sessions&access=admin')
        .getToken()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(TokenSourceError.is(err) && err.code).to.equal('INVALID_CONFIGURATION');
      expect(String((err as Error).message)).to.include('readwrite, readonly, writeonly');
      expect(fake.mintedTokens().length).to.equal(before);
    });
  });

  describe('having no cache', () => {
    it('refuses the entry when the configuration is read', () => {
      expect(() => fromConfig('disposable+env:MOMENTO_API_KEY', { schemes: [disposableScheme] })).to.throw(
        TokenSourceError,
      );
    });
  });
});
