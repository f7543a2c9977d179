import { ssmScheme } from '@tokenchain/aws-ssm';
import { TokenSourceError } from '@tokenchain/core';
import { fromConfig, loadSources } from '@tokenchain/core/config';
import { useProcessEnv } from '@tokenchain/core/testing';
import { envScheme } from '@tokenchain/env';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { kmsScheme } from './index.js';

const KEY = 'momento-key-kms-scheme-0123456789';
// The schemes as the packages export them, this one and the env and ssm adapters it wraps, passed as an application would.
const schemes = [kmsScheme, envScheme, ssmScheme];
// Schemes take no credentials (they do not belong in configuration): the SDK's default chain reads these.
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };

describe('kmsScheme', () => {
  let fake: AwsFake;
  let ciphertext: string;

  before(async () => {
    fake = await startAwsFake();
    fake.kms.createKey({ alias: 'momento' });
    ciphertext = fake.kms.encrypt('alias/momento', KEY, { app: 'momento', stage: 'prod' });
    fake.ssm.put('/momento/encrypted', ciphertext);
  });
  useProcessEnv(() => ({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url }));
  after(() => fake.close());

  describe('having kms+env:VARIABLE with its encryption context', () => {
    it('returns the decrypted key, named after both', async () => {
      const source = fromConfig('kms+env:ENCRYPTED?context.app=momento&context.stage=prod', {
        schemes,
        env: { ENCRYPTED: ciphertext },
      });
      const token = await source.getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.source).to.equal('kms(env:ENCRYPTED)');
    });

    it('takes the context as a JSON object in the JSON form', async () => {
      const source = fromConfig(
        JSON.stringify([{ source: 'kms+env:ENCRYPTED', options: { context: { app: 'momento', stage: 'prod' } } }]),
        { schemes, env: { ENCRYPTED: ciphertext } },
      );
      expect((await source.getToken()).secret.reveal()).to.equal(KEY);
    });

    it('refuses a wrong context with DECRYPTION_FAILED', async () => {
      const source = fromConfig('kms+env:ENCRYPTED?context.app=other', { schemes, env: { ENCRYPTED: ciphertext } });
      const err = await source.getToken().catch((e: unknown) => e);
      expect(TokenSourceError.is(err) && err.code).to.equal('DECRYPTION_FAILED');
    });

    it('falls through when the variable is not set', async () => {
      const source = fromConfig('kms+env:UNSET?context.app=momento, env:PLAIN', { schemes, env: { PLAIN: KEY } });
      expect((await source.getToken()).source).to.equal('env:PLAIN');
    });
  });

  describe('having kms+ssm:NAME', () => {
    it('decrypts the parameter, giving region to both and the context to kms only', async () => {
      const token = await fromConfig(
        'kms+ssm:/momento/encrypted?region=us-east-1&context.app=momento&context.stage=prod',
        {
          schemes,
        },
      ).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
    });
  });

  describe('having a mistake', () => {
    it('rejects kms on its own, saying what to write', async () => {
      await expect(loadSources('kms:ENCRYPTED', { schemes })).to.be.rejectedWith(
        /"kms" wraps another source: write it before one, e\.g\. kms\+env:MY_VARIABLE/,
      );
    });

    it('rejects a context without a key', async () => {
      await expect(loadSources('kms+env:X?context=app', { schemes })).to.be.rejectedWith(
        /option "context" of "kms" takes one key at a time/,
      );
    });
  });
});
