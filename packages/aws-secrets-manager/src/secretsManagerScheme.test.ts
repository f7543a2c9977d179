import { TokenSourceError } from '@tokenchain/core';
import { fromConfig, loadSources } from '@tokenchain/core/config';
import { useProcessEnv } from '@tokenchain/core/testing';
import {
  type AwsFake,
  type SecretsExtensionFake,
  startAwsFake,
  startSecretsExtensionFake,
} from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { secretsExtensionScheme, secretsManagerScheme } from './index.js';

const KEY = 'momento-key-scheme-0123456789abcdef';
// The schemes as the package exports them: an application passes the same values in options.schemes.
const schemes = [secretsManagerScheme, secretsExtensionScheme];
// Schemes take no credentials (they do not belong in configuration): the SDK's default chain reads these.
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };

describe('secretsManagerScheme', () => {
  let fake: AwsFake;
  let extension: SecretsExtensionFake;

  before(async () => {
    fake = await startAwsFake();
    extension = await startSecretsExtensionFake(fake, { sessionToken: 'session-1' });
    fake.secretsManager.put('plain', KEY);
    fake.secretsManager.put('json', JSON.stringify({ apiKey: KEY, endpoint: 'cell-1.prod.a.momentohq.com' }));
    fake.secretsManager.put('eu', KEY, { region: 'eu-west-1' });
  });
  useProcessEnv(() => ({ ...AWS_ENV, AWS_ENDPOINT_URL: undefined }));

  after(async () => {
    await extension.close();
    await fake.close();
  });

  describe('having secretsmanager:NAME?endpoint=…', () => {
    it('returns the secret as the key', async () => {
      const token = await fromConfig(`secretsmanager:plain?endpoint=${fake.url}`, { schemes }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.source).to.equal('secretsmanager:plain');
    });

    it('reads one field of a JSON secret with ?field, keeping the endpoint', async () => {
      const token = await fromConfig(`secretsmanager:json?endpoint=${fake.url}&field=apiKey`, { schemes }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.attributes?.endpoint).to.equal('cell-1.prod.a.momentohq.com');
    });

    it('asks the region given with ?region', async () => {
      const token = await fromConfig(`secretsmanager:eu?endpoint=${fake.url}&region=eu-west-1`, {
        schemes,
      }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
    });

    it('falls through to the next entry when the secret does not exist', async () => {
      const source = fromConfig(
        `secretsmanager:absent?endpoint=${fake.url}, secretsmanager:plain?endpoint=${fake.url}`,
        {
          schemes,
        },
      );
      expect((await source.getToken()).source).to.equal('secretsmanager:plain');
    });
  });

  describe('having AWS_ENDPOINT_URL set, as for any AWS SDK client', () => {
    useProcessEnv(() => ({ AWS_ENDPOINT_URL: fake.url }));

    it('reads from that endpoint without ?endpoint', async () => {
      const token = await fromConfig('secretsmanager:plain', { schemes }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
    });
  });

  describe('having secrets-extension:NAME', () => {
    useProcessEnv(() => ({ AWS_SESSION_TOKEN: extension.sessionToken }));

    it('reads the secret through the Lambda extension', async () => {
      const source = fromConfig(`secrets-extension:json?port=${extension.port}&field=apiKey`, { schemes });
      const token = await source.getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.source).to.equal('secrets-extension:json');
    });
  });

  describe('having a mistake', () => {
    it('rejects an unknown option, listing those it knows', async () => {
      const err = await loadSources('secretsmanager:plain?stage=AWSPREVIOUS', { schemes }).catch((e: unknown) => e);
      expect(TokenSourceError.is(err) && err.code).to.equal('INVALID_CONFIGURATION');
      expect((err as Error).message).to.include(
        'unknown option "stage" (secretsmanager accepts region, endpoint, field, versionStage, versionId, timeoutMs, maxAttempts)',
      );
    });

    it('rejects an entry without a secret', async () => {
      await expect(loadSources('secretsmanager:', { schemes })).to.be.rejectedWith(
        /the "secretsmanager" scheme needs a target: the secret's name or ARN/,
      );
    });
  });
});
