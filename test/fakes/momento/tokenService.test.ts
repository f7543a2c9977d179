import { createRequire } from 'node:module';
import type { DisposableTokenScope } from '@gomomento/sdk';
import { expect } from 'chai';
import { v1Key, wireKeyOf } from '../keys.js';
import { MAX_VALID_FOR_SECONDS, type MomentoFake, startMomentoFake } from './index.js';

type Sdk = typeof import('@gomomento/sdk');
const sdk = createRequire(import.meta.url)('@gomomento/sdk') as Sdk;
const noLogs = () => new sdk.NoopMomentoLoggerFactory();

describe('the token service of startMomentoFake', () => {
  let fake: MomentoFake;
  const closers: (() => void)[] = [];

  beforeEach(async () => {
    fake = await startMomentoFake();
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await fake.close();
  });

  function authClient(key: string) {
    return new sdk.AuthClient({
      credentialProvider: sdk.CredentialProvider.fromString({
        apiKey: key,
        endpointOverrides: fake.endpointOverrides(),
      }),
      configuration: sdk.AuthClientConfigurations.Default.latest(noLogs()),
    });
  }
  function cacheClient(key: string) {
    const client = new sdk.CacheClient({
      credentialProvider: sdk.CredentialProvider.fromString({
        apiKey: key,
        endpointOverrides: fake.endpointOverrides(),
      }),
      configuration: sdk.Configurations.Laptop.v1(noLogs()),
      defaultTtlSeconds: 60,
    });
    closers.push(() => client.close());
    return client;
  }
  const mint = (
    key: string,
    seconds: number,
    scope: DisposableTokenScope = sdk.DisposableTokenScopes.cacheReadOnly('game'),
  ) => authClient(key).generateDisposableToken(scope, sdk.ExpiresIn.seconds(seconds), { tokenId: 'player-7' });

  describe('having a long-lived key it accepts', () => {
    it('mints a token for the real SDK, recording the caller, scope, validity and id', async () => {
      const key = v1Key({ endpoint: 'unused.example.com' });
      fake.allowKey(key);
      const response = await mint(key, 600);
      expect(response).to.be.instanceOf(sdk.GenerateDisposableToken.Success);
      const success = response as InstanceType<typeof sdk.GenerateDisposableToken.Success>;
      const [minted] = fake.mintedTokens();
      expect(minted?.callerKey).to.equal(wireKeyOf(key));
      expect(minted?.validForSeconds).to.equal(600);
      expect(minted?.tokenId).to.equal('player-7');
      expect(JSON.stringify(minted?.permissions)).to.include('"cache_name":"game"');
      expect(success.endpoint).to.equal(fake.endpoint);
      expect(success.expiresAt.epoch() * 1000).to.equal(minted?.expiresAt.getTime());
      expect(wireKeyOf(success.authToken)).to.equal(minted?.apiKey);
    });

    it('lets the cache accept the minted token until it expires, then answers AUTHENTICATION_ERROR', async () => {
      const key = v1Key({ endpoint: 'unused.example.com' });
      fake.allowKey(key);
      // Three seconds, not one: the first call opens the client's connection, which on a loaded CI machine took longer than
      // a one-second token (whose expiry is also rounded to the second) had left.
      const success = (await mint(key, 3, sdk.DisposableTokenScopes.cacheReadWrite('game'))) as InstanceType<
        typeof sdk.GenerateDisposableToken.Success
      >;
      const client = cacheClient(success.authToken);
      expect(await client.set('game', 'k', 'v')).to.be.instanceOf(sdk.CacheSet.Success);
      const expiresAt = success.expiresAt.epoch() * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 20));
      const late = await client.get('game', 'k');
      expect((late as InstanceType<typeof sdk.CacheGet.Error>).errorCode()).to.equal('AUTHENTICATION_ERROR');
    });
  });

  describe('having minted a token scoped to one cache', () => {
    it('answers its calls on that cache and PERMISSION_ERROR on any other', async () => {
      const key = v1Key({ endpoint: 'unused.example.com' });
      fake.allowKey(key);
      const success = (await mint(key, 60)) as InstanceType<typeof sdk.GenerateDisposableToken.Success>;
      const client = cacheClient(success.authToken);
      expect(await client.get('game', 'k')).to.be.instanceOf(sdk.CacheGet.Miss);
      const other = await client.get('other', 'k');
      expect((other as InstanceType<typeof sdk.CacheGet.Error>).errorCode()).to.equal('PERMISSION_ERROR');
      // Read-only: a write to its own cache is refused too.
      const write = await client.set('game', 'k', 'v');
      expect((write as InstanceType<typeof sdk.CacheSet.Error>).errorCode()).to.equal('PERMISSION_ERROR');
      expect(fake.callCount({ outcome: 'denied' })).to.equal(2);
    });
  });

  describe('refusing as Momento does', () => {
    it('answers AUTHENTICATION_ERROR for a key it does not accept', async () => {
      const response = await mint(v1Key({ endpoint: 'unused.example.com' }), 60);
      expect((response as InstanceType<typeof sdk.GenerateDisposableToken.Error>).errorCode()).to.equal(
        'AUTHENTICATION_ERROR',
      );
    });

    it('answers PERMISSION_ERROR when a disposable token asks to mint another', async () => {
      const key = v1Key({ endpoint: 'unused.example.com' });
      fake.allowKey(key);
      const first = (await mint(key, 60)) as InstanceType<typeof sdk.GenerateDisposableToken.Success>;
      const second = await mint(first.authToken, 60);
      expect((second as InstanceType<typeof sdk.GenerateDisposableToken.Error>).errorCode()).to.equal(
        'PERMISSION_ERROR',
      );
    });

    it(`answers INVALID_ARGUMENT_ERROR for a validity over ${MAX_VALID_FOR_SECONDS} s`, async () => {
      const key = v1Key({ endpoint: 'unused.example.com' });
      fake.allowKey(key);
      const response = await mint(key, MAX_VALID_FOR_SECONDS + 1);
      expect((response as InstanceType<typeof sdk.GenerateDisposableToken.Error>).errorCode()).to.equal(
        'INVALID_ARGUMENT_ERROR',
      );
      expect(fake.mintedTokens()).to.have.length(0);
    });
  });
});
