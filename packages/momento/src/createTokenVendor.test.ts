import { inspect } from 'node:util';
import { type TokenEvent, TokenSourceError } from '@tokenchain/core';
import { type TestSource, testSource } from '@tokenchain/core/testing';
import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { createTokenVendor, type TokenVendor } from './createTokenVendor.js';
import { type MomentoFake, sdk, serveMomento, trackClientSockets } from './fixtures.testing.js';
import { toCredentialProvider } from './toCredentialProvider.js';

const NO_BACKOFF = { errorBackoff: { initialMs: 0, maxMs: 0 }, forcedRefreshBackoff: { initialMs: 0, maxMs: 0 } };
const scope = () => sdk.DisposableTokenScopes.cacheReadWrite('game');

/** Fails when any 12 characters of `secret` appear in `text`. */
function expectNoPieceOf(secret: string, text: string): void {
  for (let i = 0; i + 12 <= secret.length; i += 1) {
    expect(text.includes(secret.slice(i, i + 12)), `a piece of a token at ${i}`).to.equal(false);
  }
}

describe(createTokenVendor.name, () => {
  const momento = serveMomento();
  let fake: MomentoFake;
  let key: string;
  let source: TestSource;
  let events: TokenEvent[];
  let vendor: TokenVendor;

  beforeEach(() => {
    ({ fake, key, source } = momento);
    events = [];
    vendor = createTokenVendor({
      source,
      endpointOverrides: fake.endpointOverrides(),
      observer: { onEvent: (event) => events.push(event) },
      cache: NO_BACKOFF,
    });
  });
  afterEach(() => vendor.close());

  const mints = () => fake.callCount({ method: 'GenerateDisposableToken' });

  describe('having a long-lived key the token service accepts', () => {
    it('vends a token with the scope, validity and id asked for, its own expiry and its endpoint', async () => {
      const token = await vendor.vend(sdk.DisposableTokenScopes.cacheKeyReadOnly('game', 'scores'), {
        validForSeconds: 900,
        tokenId: 'player-7',
      });
      const minted = fake.mintedTokens()[0]!;
      expect(minted.callerKey).to.equal(key);
      expect(minted.validForSeconds).to.equal(900);
      expect(minted.tokenId).to.equal('player-7');
      expect(JSON.stringify(minted.permissions)).to.include('"cache_name":"game"').and.include('"key_prefix"');
      expect(token.expiresAt?.getTime()).to.equal(minted.expiresAt.getTime());
      expect(token.attributes?.endpoint).to.equal(fake.endpoint);
      expect(token.source).to.equal('disposable(test:momento)');
      expect(String(token.secret)).to.match(/^Secret\([0-9a-f]{8}\)$/);
    });

    it('vends a token the real CacheClient can use, and that Momento rejects once it has expired', async () => {
      // Three seconds: the first call opens the connection, which on a loaded CI machine can outlast a one-second token.
      const token = await vendor.vend(scope(), { validForSeconds: 3 });
      const client = new sdk.CacheClient({
        credentialProvider: toCredentialProvider(token, { endpointOverrides: fake.endpointOverrides() }),
        configuration: sdk.Configurations.Laptop.v1(new sdk.NoopMomentoLoggerFactory()),
        defaultTtlSeconds: 60,
      });
      try {
        expect((await client.set('game', 'score', '10')).toString()).to.equal('Success');
        const expiresAt = token.expiresAt?.getTime() ?? 0;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 50));
        const late = await client.get('game', 'score');
        expect(late).to.be.instanceOf(sdk.CacheGet.Error);
        expect((late as InstanceType<typeof sdk.CacheGet.Error>).errorCode()).to.equal('AUTHENTICATION_ERROR');
      } finally {
        client.close();
      }
    });

    it('reads the long-lived key once and mints every token on one AuthClient connection', async () => {
      const sockets = trackClientSockets();
      try {
        for (let i = 0; i < 5; i += 1) await vendor.vend(scope(), { validForSeconds: 60 });
        expect(source.calls).to.equal(1);
        expect(mints()).to.equal(5);
        expect(sockets.sockets.length).to.equal(1);
      } finally {
        sockets.restore();
      }
    });

    it('reports each minted token as resolved, with its expiry and the source of the long-lived key', async () => {
      const token = await vendor.vend(scope(), { validForSeconds: 60 });
      const resolved = events.filter((e) => e.type === 'resolved' && e.source === 'disposable(test:momento)');
      expect(resolved).to.have.length(1);
      expect(resolved[0]).to.include({
        winner: 'test:momento',
        fingerprint: token.secret.fingerprint,
        expiresAt: token.expiresAt?.getTime(),
        cache: 'none',
      });
    });
  });

  describe('when Momento rejects the long-lived key and the source has a new one', () => {
    it('refreshes the source once, builds a new AuthClient and mints with the new key', async () => {
      await vendor.vend(scope(), { validForSeconds: 60 });
      const next = v2Key();
      fake.allowKey(next);
      source.setValue(next);
      fake.revokeKey(key);
      await vendor.vend(scope(), { validForSeconds: 60 });
      expect(source.forcedCalls).to.equal(1);
      expect(fake.mintedTokens().at(-1)?.callerKey).to.equal(next);
    });
  });

  describe('when the long-lived key cannot mint', () => {
    it('is REJECTED, naming the vendor, when Momento rejects the key and the source still returns it', async () => {
      fake.revokeKey(key);
      const error = await vendor.vend(scope(), { validForSeconds: 60 }).catch((e: unknown) => e);
      expect(TokenSourceError.is(error) && error.code).to.equal('REJECTED');
      expect((error as TokenSourceError).source).to.equal('disposable(test:momento)');
    });

    it('is ACCESS_DENIED when the key is itself a disposable token', async () => {
      const disposable = await vendor.vend(scope(), { validForSeconds: 60 });
      const second = createTokenVendor({
        source: testSource({ name: 'test:disposable', value: disposable.secret.reveal() }),
        endpointOverrides: fake.endpointOverrides(),
      });
      try {
        await expect(second.vend(scope(), { validForSeconds: 60 })).to.be.rejectedWith(
          TokenSourceError,
          /may not mint disposable tokens/,
        );
      } finally {
        second.close();
      }
    });

    it('is EXPIRED before any call when the long-lived key has expired', async () => {
      source.setValue(v2Key({ expiresAt: new Date(Date.now() - 1000) }));
      const error = await vendor.vend(scope(), { validForSeconds: 60 }).catch((e: unknown) => e);
      expect(TokenSourceError.is(error) && error.code).to.equal('EXPIRED');
      expect(mints()).to.equal(0);
    });
  });

  describe('when the request cannot be minted', () => {
    const invalid: [string, () => Promise<unknown>][] = [
      ['no permissions', () => vendor.vend({ permissions: [] }, { validForSeconds: 60 })],
      ['a scope that is not one', () => vendor.vend('game' as never, { validForSeconds: 60 })],
      [
        'an unknown role',
        () => vendor.vend({ permissions: [{ role: 'admin', cache: 'game' }] } as never, { validForSeconds: 60 }),
      ],
      [
        'an empty key',
        () => vendor.vend(sdk.DisposableTokenScopes.cacheKeyReadWrite('game', ''), { validForSeconds: 60 }),
      ],
      ['0 seconds', () => vendor.vend(scope(), { validForSeconds: 0 })],
      ['more than 25 hours', () => vendor.vend(scope(), { validForSeconds: 25 * 3600 + 1 })],
      ['a fraction of a second', () => vendor.vend(scope(), { validForSeconds: 1.5 })],
      ['a token id over 64 characters', () => vendor.vend(scope(), { validForSeconds: 60, tokenId: 'x'.repeat(65) })],
    ];
    for (const [what, call] of invalid) {
      it(`refuses ${what} as INVALID_CONFIGURATION before reading the key or calling Momento`, async () => {
        const error = await call().catch((e: unknown) => e);
        expect(TokenSourceError.is(error) && error.code).to.equal('INVALID_CONFIGURATION');
        expect(source.calls).to.equal(0);
        expect(mints()).to.equal(0);
      });
    }
  });

  describe('when the token service does not answer', () => {
    it('ends at the deadline with TIMEOUT', async () => {
      const quick = createTokenVendor({ source, endpointOverrides: fake.endpointOverrides(), timeoutMs: 200 });
      fake.setLatency(60_000);
      try {
        const error = await quick.vend(scope(), { validForSeconds: 60 }).catch((e: unknown) => e);
        expect(TokenSourceError.is(error) && error.code).to.equal('TIMEOUT');
      } finally {
        fake.setLatency(0);
        quick.close();
      }
    });

    it('ends when the caller aborts, with ABORTED', async () => {
      fake.setLatency(60_000);
      const controller = new AbortController();
      const pending = vendor.vend(scope(), { validForSeconds: 60, signal: controller.signal });
      controller.abort();
      const error = await pending.catch((e: unknown) => e);
      expect(TokenSourceError.is(error) && error.code).to.equal('ABORTED');
    });
  });

  describe('whatever happens', () => {
    it('never shows a piece of the long-lived key or of a minted token', async () => {
      const shown: unknown[] = [];
      const token = await vendor.vend(scope(), { validForSeconds: 60 });
      shown.push(token, await vendor.vend(scope(), { validForSeconds: 60 }).then((t) => t));
      fake.revokeKey(key);
      shown.push(await vendor.vend(scope(), { validForSeconds: 60 }).catch((e: unknown) => e));
      shown.push(await vendor.vend({ permissions: [] }, { validForSeconds: 60 }).catch((e: unknown) => e));
      const denied = createTokenVendor({
        source: testSource({ name: 'test:disposable', value: token.secret.reveal() }),
        endpointOverrides: fake.endpointOverrides(),
      });
      shown.push(await denied.vend(scope(), { validForSeconds: 60 }).catch((e: unknown) => e));
      denied.close();
      shown.push(vendor, ...events);
      const text = shown
        .map(
          (value) =>
            `${inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true })}\n${JSON.stringify(value)}\n${String(value)}`,
        )
        .join('\n');
      for (const secret of [key, token.secret.reveal(), ...fake.mintedTokens().map((m) => m.apiKey)]) {
        expectNoPieceOf(secret, text);
      }
    });
  });
});
