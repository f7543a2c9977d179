import { inspect } from 'node:util';
import { useAwsFakes } from '@tokenchain/aws-shared/testing';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { fromValue, type Token, type TokenEvent, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { describeTokenSourceContract, testSource } from '@tokenchain/core/testing';
import { fromEnv } from '@tokenchain/env';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { type KmsDecryptInit, kmsDecrypt } from './kmsDecrypt.js';

const KEY = 'momento-key-kms-0123456789abcdef';
const CONTEXT = { LambdaFunctionName: 'orders' };
const DECRYPT = 'kms.Decrypt';

describe('kmsDecrypt', () => {
  let fake: AwsFake;
  let hanging: AwsFake;
  let denied: AwsFake;
  let keyArn: string;
  let ciphertext: string;

  const fakes = useAwsFakes(startAwsFake, { faulty: { hang: { kind: 'hang' }, denied: { kind: 'access-denied' } } });
  before(() => {
    fake = fakes.fake;
    hanging = fakes.faulty('hang');
    denied = fakes.faulty('denied');
    keyArn = fake.kms.createKey({ alias: 'momento' }).arn;
    ciphertext = fake.kms.encrypt('alias/momento', `  ${KEY}\n`, CONTEXT);
  });

  /** The Lambda pattern: an environment variable holding KMS ciphertext. */
  const encryptedEnv = (value: string | undefined) =>
    fromEnv({ variable: 'MOMENTO_API_KEY', env: value === undefined ? {} : { MOMENTO_API_KEY: value } });
  const decrypting = (inner = encryptedEnv(ciphertext), init: KmsDecryptInit = {}, target = fake) =>
    kmsDecrypt(inner, { clientConfig: target.clientConfig(), encryptionContext: CONTEXT, ...init });

  describeTokenSourceContract('kmsDecrypt', () => {
    const other = fake.kms.createKey();
    const disabled = fake.kms.createKey();
    const disabledCiphertext = fake.kms.encrypt(disabled.keyId, KEY, CONTEXT);
    fake.kms.disable(disabled.keyId);
    const failing = testSource({ name: 'vault:momento' });
    failing.failWith(new TokenSourceError('vault sealed', { source: 'vault:momento', code: 'UNAVAILABLE' }));
    return {
      present: () => decrypting(),
      expectedKey: KEY,
      absent: () => decrypting(encryptedEnv(undefined)),
      slow: () => decrypting(encryptedEnv(ciphertext), {}, hanging),
      broken: {
        'wrong encryption context': () => decrypting(undefined, { encryptionContext: { LambdaFunctionName: 'other' } }),
        'no encryption context': () => kmsDecrypt(encryptedEnv(ciphertext), { clientConfig: fake.clientConfig() }),
        'another key insisted on': () => decrypting(undefined, { keyId: other.keyId }),
        'an unknown key insisted on': () => decrypting(undefined, { keyId: 'alias/none' }),
        'a disabled key': () => decrypting(encryptedEnv(disabledCiphertext)),
        'not base64': () => decrypting(encryptedEnv(KEY)),
        'base64 but not ciphertext': () => decrypting(encryptedEnv(Buffer.from(KEY).toString('base64'))),
        'access denied': () => decrypting(undefined, {}, denied),
        'inner source broken': () => decrypting(failing),
      },
    };
  });

  describe('having an encrypted environment variable', () => {
    it('returns the plaintext key under the name kms(<inner>)', async () => {
      const source = decrypting();
      const token = await source.getToken();
      expect(source.name).to.equal('kms(env:MOMENTO_API_KEY)');
      expect([token.secret.reveal(), token.source]).to.deep.equal([KEY, 'kms(env:MOMENTO_API_KEY)']);
      expect(fake.requests[0]?.input).to.include({ CiphertextBlob: ciphertext });
      expect(fake.requests[0]?.input.EncryptionContext).to.deep.equal(CONTEXT);
    });

    it('accepts the right key by alias or ARN', async () => {
      for (const keyId of ['alias/momento', keyArn]) {
        expect((await decrypting(undefined, { keyId }).getToken()).secret.reveal()).to.equal(KEY);
      }
    });

    it('refuses a wrong context with DECRYPTION_FAILED, naming the inner source and key but neither value', async () => {
      const err = await decrypting(undefined, {
        encryptionContext: { LambdaFunctionName: 'x' },
        keyId: 'alias/momento',
      })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'DECRYPTION_FAILED');
      const shown = inspect(err, { depth: 8, showHidden: true });
      expect(shown)
        .to.include('env:MOMENTO_API_KEY')
        .and.include('alias/momento')
        .and.include('InvalidCiphertextException');
      expect(shown).to.not.include(ciphertext).and.not.include(KEY);
    });

    it('refuses ciphertext of another key with DECRYPTION_FAILED (IncorrectKeyException)', async () => {
      const other = fake.kms.createKey();
      await expect(decrypting(undefined, { keyId: other.arn }).getToken())
        .to.be.rejectedWith(TokenSourceError, /IncorrectKeyException/)
        .and.eventually.have.property('code', 'DECRYPTION_FAILED');
    });

    it('refuses a value that is not base64 with MALFORMED, without quoting it', async () => {
      const err = await decrypting(encryptedEnv(`${KEY}!`))
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'MALFORMED');
      expect((err as Error).message).to.not.include(KEY);
      expect(fake.count(DECRYPT)).to.equal(0);
    });

    it('refuses plaintext that is not UTF-8 with MALFORMED', async () => {
      const binary = fake.kms.encrypt('alias/momento', new Uint8Array([0xff, 0xfe]), CONTEXT);
      await expect(decrypting(encryptedEnv(binary)).getToken())
        .to.be.rejectedWith(TokenSourceError, /not UTF-8/)
        .and.eventually.have.property('code', 'MALFORMED');
    });
  });

  describe('having no value in the inner source', () => {
    it('rejects with TokenNotFoundError, so a chain moves on, without calling KMS', async () => {
      const err = await decrypting(encryptedEnv(undefined))
        .getToken()
        .catch((e: unknown) => e);
      expect(TokenNotFoundError.is(err)).to.equal(true);
      expect(err).to.include({ code: 'NOT_FOUND', source: 'kms(env:MOMENTO_API_KEY)' });
      expect((err as Error).message).to.include('MOMENTO_API_KEY is not set');
      expect((err as Error).cause).to.have.property('source', 'env:MOMENTO_API_KEY');
      expect(fake.count(DECRYPT)).to.equal(0);
    });
  });

  describe('having an inner token with attributes, version and expiry', () => {
    it('keeps them on the decrypted token', async () => {
      const expiresAt = new Date(Date.now() + 60_000);
      const inner = fromValue(ciphertext, 'config:momento', {
        attributes: { endpoint: 'e1' },
        version: '7',
        expiresAt,
      });
      const token = await decrypting(inner).getToken();
      expect(token).to.deep.include({ attributes: { endpoint: 'e1' }, version: '7', expiresAt });
    });
  });

  describe('having ciphertext in SSM Parameter Store', () => {
    it('decrypts a String parameter holding ciphertext', async () => {
      fake.ssm.put('/app/encrypted-key', ciphertext);
      const inner = fromSsmParameter({ parameterName: '/app/encrypted-key', clientConfig: fake.clientConfig() });
      const token = await decrypting(inner).getToken();
      expect([token.secret.reveal(), token.version]).to.deep.equal([KEY, '1']);
    });

    it('decrypts a SecureString read without decryption, with its parameter ARN as context', async () => {
      fake.ssm.put('/app/secure-key', KEY, { type: 'SecureString' });
      const inner = fromSsmParameter({
        name: '/app/secure-key',
        withDecryption: false,
        clientConfig: fake.clientConfig(),
      });
      const source = decrypting(inner, { encryptionContext: { PARAMETER_ARN: fake.ssm.arn('/app/secure-key') } });
      expect((await source.getToken()).secret.reveal()).to.equal(KEY);
    });
  });

  describe('when KMS struggles', () => {
    it('retries throttling and succeeds', async () => {
      fake.inject({ kind: 'throttle', operation: DECRYPT, times: 1 });
      expect((await decrypting().getToken()).secret.reveal()).to.equal(KEY);
      expect(fake.attempts(DECRYPT)).to.deep.equal([1, 2]);
    });

    it('maps a persistent KMSInternalException to UNAVAILABLE', async () => {
      fake.inject({ kind: 'error', type: 'KMSInternalException', status: 500, operation: DECRYPT });
      await expect(decrypting(undefined, { maxAttempts: 1 }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'UNAVAILABLE');
    });
  });

  describe('having an inner source that announces new keys', () => {
    it('passes on announced keys decrypted, and reports those it cannot decrypt', async () => {
      const inner = testSource({ name: 'file:/run/key', value: ciphertext });
      const events: TokenEvent[] = [];
      const source = decrypting(inner, { observer: { onEvent: (e) => events.push(e) } });
      const received = new Promise<Token>((resolve) => source.subscribe?.(resolve));
      inner.announce(fake.kms.encrypt('alias/momento', 'rotated-key', CONTEXT));
      expect((await received).secret.reveal()).to.equal('rotated-key');
      inner.announce('not ciphertext!');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(events.map((e) => e.type)).to.deep.equal(['warning']);
      expect(JSON.stringify(events)).to.include('not base64');
    });

    it('has no subscribe when the inner source has none', () => {
      expect(decrypting().subscribe).to.equal(undefined);
    });
  });
});
