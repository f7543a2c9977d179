import { inspect } from 'node:util';
import { createToken, Secret, type Token, TokenSourceError } from '@tokenchain/core';
import { legacyKey, v1Key, v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { type MomentoFake, quietLaptop, sdk, startMomentoFake } from './fixtures.testing.js';
import { toCredentialProvider } from './toCredentialProvider.js';

const SOURCE = 'test:momento-key';
const token = (value: string, extra: Partial<Token> = {}): Token => createToken({ source: SOURCE, value, ...extra });

function refusal(run: () => unknown): TokenSourceError {
  try {
    run();
  } catch (err) {
    if (TokenSourceError.is(err)) return err;
    throw err;
  }
  throw new Error('expected a TokenSourceError, but nothing was thrown');
}

describe(toCredentialProvider.name, () => {
  let fake: MomentoFake;
  before(async () => {
    fake = await startMomentoFake();
  });
  after(() => fake.close());

  async function roundTrip(key: string, credentialProvider: ReturnType<typeof toCredentialProvider>): Promise<string> {
    fake.allowKey(key);
    const client = new sdk.CacheClient({ configuration: quietLaptop(), credentialProvider, defaultTtlSeconds: 60 });
    try {
      await client.set('cache', 'code', '12345');
      return (await client.get('cache', 'code')).toString();
    } finally {
      client.close();
    }
  }

  describe('having a key of each format and overrides pointing at a local server', () => {
    for (const [kind, make] of [
      ['a v2 API key', () => v2Key()],
      ['a v1 API key', () => v1Key({ endpoint: 'cell-1.example.com' })],
      [
        'a legacy auth token',
        () => legacyKey({ controlEndpoint: 'control.example.com', cacheEndpoint: 'cache.example.com' }),
      ],
    ] as const) {
      it(`gives a provider the real CacheClient uses for ${kind}`, async () => {
        const key = make();
        const provider = toCredentialProvider(token(key), { endpointOverrides: fake.endpointOverrides() });
        expect(provider).to.be.instanceOf(sdk.CredentialProvider);
        expect(await roundTrip(key, provider)).to.equal('Hit: 12345');
        expect(fake.callCount({ key, outcome: 'ok' })).to.equal(2);
      });
    }

    it('sends the inner api_key of a v1 key, as the SDK does', () => {
      const key = v1Key({ endpoint: 'cell-1.example.com' });
      const provider = toCredentialProvider(token(key), { endpointOverrides: fake.endpointOverrides() });
      const inner = (JSON.parse(Buffer.from(key, 'base64').toString('utf8')) as { api_key: string }).api_key;
      expect(provider.getAuthToken()).to.equal(inner);
      expect(provider.isEndpointSecure()).to.equal(false);
      expect(provider.areEndpointsOverridden()).to.equal(true);
    });

    it('accepts a base endpoint override as the SDK does (prefix, then cache./control./token.)', () => {
      const provider = toCredentialProvider(token(v2Key()), {
        endpointOverrides: { baseEndpoint: 'example.com', endpointPrefix: 'eu' },
      });
      expect(provider.getCacheEndpoint()).to.equal('eu.cache.example.com');
      expect(provider.getControlEndpoint()).to.equal('eu.control.example.com');
      expect(provider.isEndpointSecure()).to.equal(true);
    });
  });

  describe('having no overrides', () => {
    it('uses the endpoint inside a v1 key', () => {
      const provider = toCredentialProvider(token(v1Key({ endpoint: 'cell-9.example.com' })));
      expect(provider.getCacheEndpoint()).to.equal('cache.cell-9.example.com');
      expect(provider.getTokenEndpoint()).to.equal('token.cell-9.example.com');
      expect(provider.isEndpointSecure()).to.equal(true);
    });

    it('uses the c and cp claims of a legacy token', () => {
      const provider = toCredentialProvider(
        token(legacyKey({ controlEndpoint: 'cp.example.com', cacheEndpoint: 'c.example.com' })),
      );
      expect(provider.getCacheEndpoint()).to.equal('c.example.com');
      expect(provider.getControlEndpoint()).to.equal('cp.example.com');
    });

    it("takes a v2 key's endpoint from the token first, then the option, then MOMENTO_ENDPOINT", () => {
      const key = v2Key();
      const env = { MOMENTO_ENDPOINT: 'from-env.example.com' };
      const withAll = toCredentialProvider(token(key, { attributes: { endpoint: 'from-token.example.com' } }), {
        endpoint: 'from-option.example.com',
        env,
      });
      expect(withAll.getCacheEndpoint()).to.equal('cache.from-token.example.com');
      expect(
        toCredentialProvider(token(key), { endpoint: 'from-option.example.com', env }).getCacheEndpoint(),
      ).to.equal('cache.from-option.example.com');
      expect(toCredentialProvider(token(key), { env }).getCacheEndpoint()).to.equal('cache.from-env.example.com');
    });

    it('removes a leading https:// and a trailing slash from an endpoint', () => {
      const provider = toCredentialProvider(token(v2Key()), { endpoint: ' https://cell-1.example.com/ ', env: {} });
      expect(provider.getCacheEndpoint()).to.equal('cache.cell-1.example.com');
    });

    it('refuses a v2 key without any endpoint with INVALID_CONFIGURATION naming the source', () => {
      const err = refusal(() => toCredentialProvider(token(v2Key()), { env: {} }));
      expect(err.code).to.equal('INVALID_CONFIGURATION');
      expect(err.source).to.equal(SOURCE);
      expect(err.message).to.include('MOMENTO_ENDPOINT');
    });

    for (const endpoint of ['http://cell-1.example.com', 'cell-1.example.com/path', 'cell 1.example.com', 'grpc://x']) {
      it(`refuses the endpoint ${JSON.stringify(endpoint)} with INVALID_CONFIGURATION`, () => {
        const err = refusal(() => toCredentialProvider(token(v2Key()), { endpoint, env: {} }));
        expect(err.code).to.equal('INVALID_CONFIGURATION');
      });
    }
  });

  describe('having endpoint overrides that gRPC dials but DNS would refuse', () => {
    const overrides = (host: string) => ({
      cacheEndpoint: host,
      controlEndpoint: host,
      tokenEndpoint: host,
      secureConnection: false,
    });

    for (const host of ['[::1]:8080', '[::1]', '[fe80::1%eth0]:443', 'momento_local:8080', 'momento_local']) {
      it(`accepts ${host} as every endpoint`, () => {
        const provider = toCredentialProvider(token(v2Key()), { endpointOverrides: overrides(host) });
        expect([provider.getCacheEndpoint(), provider.getControlEndpoint(), provider.getTokenEndpoint()]).to.deep.equal(
          [host, host, host],
        );
      });
    }

    it('accepts a base endpoint with an underscore', () => {
      const provider = toCredentialProvider(token(v2Key()), {
        endpointOverrides: { baseEndpoint: 'momento_local:8080' },
      });
      expect(provider.getCacheEndpoint()).to.equal('cache.momento_local:8080');
    });

    it('refuses an IPv6 literal as a base endpoint, which cannot take a cache. prefix, saying what to pass instead', () => {
      for (const init of [
        { endpointOverrides: { baseEndpoint: '[::1]:8080' } },
        { endpoint: '[::1]:8080', env: {} },
      ] as const) {
        const err = refusal(() => toCredentialProvider(token(v2Key()), init));
        expect(err.code).to.equal('INVALID_CONFIGURATION');
        expect(err.message).to.include('cacheEndpoint, controlEndpoint and tokenEndpoint');
      }
    });

    for (const host of ['[::1', '[not-an-address]:80', '[::1]:port', '::1:8080']) {
      it(`refuses ${JSON.stringify(host)} with INVALID_CONFIGURATION`, () => {
        expect(
          refusal(() => toCredentialProvider(token(v2Key()), { endpointOverrides: overrides(host) })).code,
        ).to.equal('INVALID_CONFIGURATION');
      });
    }

    it('accepts an IPv6 cache endpoint claim in a legacy token', () => {
      const key = legacyKey({ controlEndpoint: '[::1]:9090', cacheEndpoint: '[::1]:9091' });
      expect(toCredentialProvider(token(key)).getCacheEndpoint()).to.equal('[::1]:9091');
    });
  });

  describe('having a key that must not reach the SDK', () => {
    it('uses a key with a trailing newline once trimmed, and the call works', async () => {
      const key = v2Key();
      const untrimmed: Token = { secret: Secret.from(`${key}\n`), source: SOURCE };
      const provider = toCredentialProvider(untrimmed, { endpointOverrides: fake.endpointOverrides() });
      expect(provider.getAuthToken()).to.equal(key);
      expect(await roundTrip(key, provider)).to.equal('Hit: 12345');
    });

    const cases: Array<[string, () => string, string]> = [
      ['a line break inside', () => v2Key().replace('.', '.\n'), 'line break'],
      ['a space inside', () => `${v2Key()} x`, 'whitespace'],
      ['a non-ASCII character', () => `${v2Key()}é`, 'non-ASCII'],
      ['no known format', () => 'not-a-momento-key', 'neither'],
      ['base64 that is not a v1 key', () => Buffer.from('{"hello":"world"}').toString('base64'), 'api_key'],
      ['a line break inside the api_key of a v1 key', () => v1KeyWithInner('eyJ.x\ny.z'), 'line break'],
    ];
    for (const [label, make, reason] of cases) {
      it(`refuses a key with ${label} with MALFORMED, naming the source and not quoting the key`, () => {
        const key = make();
        const err = refusal(() => toCredentialProvider(token(key), { endpointOverrides: fake.endpointOverrides() }));
        expect(err.code).to.equal('MALFORMED');
        expect(err.source).to.equal(SOURCE);
        expect(err.message).to.include(reason);
        expect(inspect(err, { depth: 8 })).not.to.include(key.trim());
      });
    }

    it('refuses a legacy token without endpoint claims unless overrides are given', () => {
      const claimsOnly = legacyKey({ controlEndpoint: 'x', cacheEndpoint: 'y' });
      const bare = `${claimsOnly.split('.')[0]}.${Buffer.from('{"sub":"s"}').toString('base64url')}.`;
      expect(refusal(() => toCredentialProvider(token(bare))).code).to.equal('MALFORMED');
      expect(
        toCredentialProvider(token(bare), { endpointOverrides: fake.endpointOverrides() }).getAuthToken(),
      ).to.equal(bare);
    });

    it('refuses a key past its own exp claim with EXPIRED', () => {
      const key = v2Key({ expiresAt: new Date(Date.now() - 1000) });
      const err = refusal(() => toCredentialProvider(token(key), { endpointOverrides: fake.endpointOverrides() }));
      expect(err.code).to.equal('EXPIRED');
      expect(err.message).not.to.include(key);
    });

    it('refuses a token past its expiresAt with EXPIRED, even if the key has no exp', () => {
      const past = { secret: Secret.from(v2Key()), source: SOURCE, expiresAt: new Date(Date.now() - 1) };
      expect(refusal(() => toCredentialProvider(past, { endpoint: 'x.example.com' })).code).to.equal('EXPIRED');
    });

    it('accepts a key whose exp is still ahead', () => {
      const key = v2Key({ expiresAt: new Date(Date.now() + 60_000) });
      expect(toCredentialProvider(token(key), { endpoint: 'x.example.com' }).getAuthToken()).to.equal(key);
    });
  });

  describe('having built a provider', () => {
    it('never shows the key through JSON.stringify, valueOf, String or util.inspect', () => {
      const key = v2Key();
      const t = token(key);
      const provider = toCredentialProvider(t, { endpoint: 'cell-1.example.com' });
      for (const shown of [
        JSON.stringify(provider),
        JSON.stringify(provider.valueOf()),
        String(provider),
        inspect(provider, { depth: 8 }),
      ]) {
        expect(shown).not.to.include(key);
        expect(shown).to.include(t.secret.fingerprint);
      }
    });
  });
});

function v1KeyWithInner(apiKey: string): string {
  return Buffer.from(JSON.stringify({ endpoint: 'cell-1.example.com', api_key: apiKey })).toString('base64');
}
