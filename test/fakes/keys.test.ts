import { createRequire } from 'node:module';
import { expect } from 'chai';
import { legacyKey, v1Key, v2Key, wireKeyOf, wireKeyOfV1 } from './keys.js';

const sdk = createRequire(import.meta.url)('@gomomento/sdk') as typeof import('@gomomento/sdk');

describe('Momento test keys', () => {
  describe(v2Key.name, () => {
    it('builds a key the SDK takes as a v2 API key', () => {
      const key = v2Key();
      const provider = sdk.CredentialProvider.fromApiKeyV2({ apiKey: key, endpoint: 'cell-1.example.com' });
      expect(provider.getAuthToken()).to.equal(key);
      expect(provider.getCacheEndpoint()).to.equal('cache.cell-1.example.com');
    });

    it('builds a different key each call, and the same for a fixed id', () => {
      expect(v2Key()).not.to.equal(v2Key());
      expect(v2Key({ id: 'a' }).split('.')[1]).to.equal(v2Key({ id: 'a' }).split('.')[1]);
    });

    it('puts expiresAt in the exp claim, in seconds', () => {
      const key = v2Key({ expiresAt: new Date('2030-01-01T00:00:00Z') });
      const claims = JSON.parse(Buffer.from(key.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
      expect(claims.exp).to.equal(Date.parse('2030-01-01T00:00:00Z') / 1000);
    });
  });

  describe(v1Key.name, () => {
    it('builds a key the SDK takes as a v1 API key, sending only its inner api_key', () => {
      const key = v1Key({ endpoint: 'cell-2.example.com' });
      const provider = sdk.CredentialProvider.fromString({ apiKey: key });
      expect(provider.getCacheEndpoint()).to.equal('cache.cell-2.example.com');
      expect(provider.getAuthToken()).to.equal(wireKeyOfV1(key));
      expect(wireKeyOf(key)).to.equal(wireKeyOfV1(key));
    });
  });

  describe(legacyKey.name, () => {
    it('builds a token the SDK takes as a legacy JWT, with its endpoints from the claims', () => {
      const key = legacyKey({ controlEndpoint: 'cp.example.com', cacheEndpoint: 'c.example.com' });
      const provider = sdk.CredentialProvider.fromString({ apiKey: key });
      expect(provider.getControlEndpoint()).to.equal('cp.example.com');
      expect(provider.getCacheEndpoint()).to.equal('c.example.com');
      expect(provider.getAuthToken()).to.equal(key);
      expect(wireKeyOf(key)).to.equal(key);
    });
  });
});
