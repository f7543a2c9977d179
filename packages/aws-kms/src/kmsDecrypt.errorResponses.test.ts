import { randomBytes } from 'node:crypto';
import { fromValue, TokenSourceError } from '@tokenchain/core';
import { type AwsFake, keyFragmentIn, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { kmsDecrypt } from './kmsDecrypt.js';

// Not shaped like a Momento key on purpose: core's redaction of key-shaped text must not be what keeps it out.
const KEY = randomBytes(24).toString('hex');
const CONTEXT = { LambdaFunctionName: 'orders' };
const DECRYPT = 'kms.Decrypt';

describe('kmsDecrypt when the answer is an error response', () => {
  let fake: AwsFake;
  let ciphertext: string;
  before(async () => {
    fake = await startAwsFake();
    ciphertext = fake.kms.encrypt(fake.kms.createKey().keyId, KEY, CONTEXT);
  });
  after(() => fake.close());
  afterEach(() => {
    fake.clearFaults();
    fake.resetRequests();
  });

  const read = () =>
    kmsDecrypt(fromValue(ciphertext, 'env:MOMENTO_API_KEY'), {
      clientConfig: fake.clientConfig(),
      encryptionContext: CONTEXT,
      maxAttempts: 2,
    })
      .getToken()
      .catch((e: unknown) => e);

  describe('from a load balancer or proxy in front of the service', () => {
    for (const [status, format] of [
      [500, 'html'],
      [502, 'html'],
      [503, 'text'],
      [504, 'text'],
    ] as const) {
      it(`calls a ${status} ${format} page UNAVAILABLE, after the SDK retried it`, async () => {
        fake.inject({ kind: 'proxy-page', status, format, operation: DECRYPT });
        const err = await read();
        expect(TokenSourceError.is(err) && err.code).to.equal('UNAVAILABLE');
        expect((err as Error).message).to.include(`(SyntaxError, HTTP ${status}, after 2 attempts)`);
        expect(fake.attempts(DECRYPT)).to.deep.equal([1, 2]);
      });
    }
  });

  describe('whose body carries the plaintext', () => {
    const echo = { Plaintext: Buffer.from(KEY).toString('base64'), KeyId: 'arn:aws:kms:us-east-1:1:key/x', Value: KEY };

    for (const [type, status, expected] of [
      ['InvalidCiphertextException', 400, 'DECRYPTION_FAILED'],
      ['AccessDeniedException', 400, 'ACCESS_DENIED'],
      ['SomethingNewException', 400, 'UNKNOWN'],
      ['KMSInternalException', 500, 'UNAVAILABLE'],
    ] as const) {
      it(`keeps nothing of a ${status} ${type}'s body or message: ${expected}`, async () => {
        fake.inject({ kind: 'error', type, status, message: `plaintext ${KEY}`, fields: echo, operation: DECRYPT });
        const err = await read();
        expect(TokenSourceError.is(err) && err.code).to.equal(expected);
        expect(keyFragmentIn(err, KEY), 'a piece of the key in the error').to.equal(undefined);
        expect(keyFragmentIn(err, echo.Plaintext), 'a piece of the base64 plaintext in the error').to.equal(undefined);
        expect((err as Error).cause).to.include({ name: type });
      });
    }
  });
});
