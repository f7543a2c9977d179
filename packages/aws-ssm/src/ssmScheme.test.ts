import { fromConfig, loadSources } from '@tokenchain/core/config';
import { useProcessEnv } from '@tokenchain/core/testing';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { ssmScheme } from './index.js';

const KEY = 'momento-key-ssm-scheme-0123456789';
// The scheme as the package exports it: an application passes the same value in options.schemes.
const schemes = [ssmScheme];
// Schemes take no credentials (they do not belong in configuration): the SDK's default chain reads these.
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };

describe('ssmScheme', () => {
  let fake: AwsFake;

  before(async () => {
    fake = await startAwsFake();
    fake.ssm.put('/momento/api-key', KEY, { type: 'SecureString' });
    fake.ssm.put('/momento/json', JSON.stringify({ apiKey: KEY, endpoint: 'cell-1.prod.a.momentohq.com' }));
  });
  useProcessEnv(() => AWS_ENV);
  after(() => fake.close());

  describe('having ssm:NAME?endpoint=…', () => {
    it('returns the decrypted SecureString as the key', async () => {
      const token = await fromConfig(`ssm:/momento/api-key?endpoint=${fake.url}`, { schemes }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.source).to.equal('ssm:/momento/api-key');
    });

    it('reads one field of a JSON value with ?field', async () => {
      const token = await fromConfig(`ssm:/momento/json?endpoint=${fake.url}&field=apiKey`, { schemes }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.attributes?.endpoint).to.equal('cell-1.prod.a.momentohq.com');
    });

    it('leaves the ciphertext with ?withDecryption=false', async () => {
      const token = await fromConfig(`ssm:/momento/api-key?endpoint=${fake.url}&withDecryption=false`, {
        schemes,
      }).getToken();
      expect(token.secret.reveal()).to.not.equal(KEY);
    });

    it('falls through to the next entry when the parameter does not exist', async () => {
      const source = fromConfig(`ssm:/absent?endpoint=${fake.url}, ssm:/momento/api-key?endpoint=${fake.url}`, {
        schemes,
      });
      expect((await source.getToken()).source).to.equal('ssm:/momento/api-key');
    });
  });

  describe('having a mistake', () => {
    it('rejects withDecryption that is not a boolean', async () => {
      await expect(loadSources('ssm:/x?withDecryption=no', { schemes })).to.be.rejectedWith(
        /option "withDecryption" of "ssm" must be true or false \(got "no"\)/,
      );
    });
  });
});
