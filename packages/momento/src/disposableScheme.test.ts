import { fromValue, TokenSourceError } from '@tokenchain/core';
import { defineScheme, fromConfig } from '@tokenchain/core/config';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { disposableScheme } from './disposableScheme.js';
import { type MomentoFake, startMomentoFake } from './fixtures.testing.js';

describe('disposableScheme', () => {
  let fake: MomentoFake;
  let key: string;

  before(async () => {
    fake = await startMomentoFake();
  });
  after(() => fake.close());

  beforeEach(() => {
    key = v2Key();
    fake.allowKey(key);
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

  describe('having a cache and no access', () => {
    it('mints read-write tokens for that cache, for an hour, and says so in attributes.scope', async () => {
      const token = await configured('cache=sessions').getToken();
      const minted = fake.mintedTokens().at(-1);
      expect(minted?.validForSeconds).to.equal(3600);
      expect(JSON.stringify(minted?.permissions)).to.include('sessions');
      expect(token.source).to.equal('disposable(store:momento)');
      expect(token.attributes?.scope).to.equal('readwrite on cache sessions');
      expect(token.secret.reveal()).not.to.equal(key);
    });
  });

  describe('having a topic, an access and a validity', () => {
    it('mints tokens scoped to that topic with that access and life', async () => {
      const token = await configured('cache=chat&topic=room-1&access=subscribeonly&validForSeconds=120').getToken();
      const minted = fake.mintedTokens().at(-1);
      expect(minted?.validForSeconds).to.equal(120);
      expect(JSON.stringify(minted?.permissions)).to.include('room-1');
      expect(token.attributes?.scope).to.equal('subscribeonly on topic room-1 of cache chat');
    });
  });

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
