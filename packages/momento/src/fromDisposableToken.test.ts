import { cached, type TokenEvent, TokenSourceError } from '@tokenchain/core';
import type { TestSource } from '@tokenchain/core/testing';
import { expect } from 'chai';
import { createCacheClient } from './createCacheClient.js';
import { eventually, type MomentoFake, quietLaptop, sdk, serveMomento } from './fixtures.testing.js';
import { type DisposableTokenSource, fromDisposableToken } from './fromDisposableToken.js';

describe(fromDisposableToken.name, () => {
  const momento = serveMomento('secretsmanager:Momento_Auth_Token');
  let fake: MomentoFake;
  let longLived: TestSource;
  let source: DisposableTokenSource;
  let events: TokenEvent[];

  beforeEach(() => {
    ({ fake, source: longLived } = momento);
    events = [];
    source = fromDisposableToken({
      source: longLived,
      scope: sdk.DisposableTokenScopes.cacheReadWrite('demo'),
      validForSeconds: 2,
      endpointOverrides: fake.endpointOverrides(),
      observer: { onEvent: (event) => events.push(event) },
    });
  });
  afterEach(() => source.close());

  describe('when called', () => {
    it('is named after the long-lived source, and mints a new token on every fetch', async () => {
      expect(source.name).to.equal('disposable(secretsmanager:Momento_Auth_Token)');
      const first = await source.getToken();
      const second = await source.getToken();
      expect(first.source).to.equal(source.name);
      expect(first.secret.equals(second.secret)).to.equal(false);
      expect(
        fake
          .mintedTokens()
          .slice(-2)
          .map((m) => m.validForSeconds),
      ).to.deep.equal([2, 2]);
      expect(longLived.calls).to.equal(1);
    });
  });

  describe('having a scope or validity the service cannot mint', () => {
    it('throws INVALID_CONFIGURATION when built, not on the first fetch', () => {
      const build = () =>
        fromDisposableToken({
          source: longLived,
          scope: sdk.DisposableTokenScopes.cacheReadWrite('demo'),
          validForSeconds: 0,
        });
      expect(build).to.throw(TokenSourceError).with.property('code', 'INVALID_CONFIGURATION');
      expect(longLived.calls).to.equal(0);
    });

    it('refuses an item restriction next to a topic permission, which the SDK would silently drop', () => {
      const scope = {
        permissions: [
          { role: sdk.CacheRole.ReadOnly, cache: 'demo', item: { key: 'scores' } },
          { role: sdk.TopicRole.SubscribeOnly, cache: 'demo', topic: 'chat' },
        ],
      };
      expect(() => fromDisposableToken({ source: longLived, scope, validForSeconds: 60 })).to.throw(
        TokenSourceError,
        /drop the item restriction/,
      );
    });
  });

  describe('with cached() in front and a cache client built on it', () => {
    it('keeps every call working across the short-lived token expiring, on a freshly minted one', async () => {
      const client = createCacheClient({
        source: cached(source),
        configuration: quietLaptop(),
        defaultTtlSeconds: 60,
        endpointOverrides: fake.endpointOverrides(),
      });
      try {
        expect((await client.set('demo', 'k', 'v1')).toString()).to.equal('Success');
        const first = fake.mintedTokens().at(-1)!;
        await eventually(() => Date.now() > first.expiresAt.getTime() + 50, 'the first token to expire', 5000);
        expect(fake.isAllowed(first.apiKey)).to.equal(false);
        const hit = await client.get('demo', 'k');
        expect(hit).to.be.instanceOf(sdk.CacheGet.Hit);
        const get = fake.calls().findLast((call) => call.method === 'Get');
        expect(get?.outcome).to.equal('ok');
        expect(get?.key).to.not.equal(first.apiKey);
        expect(fake.mintedTokens().map((m) => m.apiKey)).to.include(get?.key);
        expect(fake.callCount({ outcome: 'unauthenticated' })).to.equal(0);
      } finally {
        client.close();
      }
    });

    it('reports each mint as resolved with the token expiry', async () => {
      const token = await cached(source).getToken();
      const resolved = events.find((e) => e.type === 'resolved' && e.source === source.name);
      expect(resolved).to.include({
        winner: 'secretsmanager:Momento_Auth_Token',
        expiresAt: token.expiresAt?.getTime(),
      });
    });
  });
});
