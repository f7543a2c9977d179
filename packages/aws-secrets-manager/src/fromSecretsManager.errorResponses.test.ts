import { randomBytes } from 'node:crypto';
import { TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { type AwsFake, keyFragmentIn, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { fromSecretsManager } from './fromSecretsManager.js';

// Not shaped like a Momento key on purpose: core's redaction of key-shaped text must not be what keeps it out.
const KEY = randomBytes(24).toString('hex');
const GET = 'secretsmanager.GetSecretValue';

describe('fromSecretsManager when the answer is an error response', () => {
  let fake: AwsFake;
  before(async () => {
    fake = await startAwsFake();
    fake.secretsManager.put('momento', KEY);
  });
  after(() => fake.close());
  afterEach(() => {
    fake.clearFaults();
    fake.resetRequests();
  });

  const read = () =>
    fromSecretsManager({ secretId: 'momento', clientConfig: fake.clientConfig(), maxAttempts: 2 })
      .getToken()
      .catch((e: unknown) => e);

  describe('from a load balancer or proxy in front of the service', () => {
    for (const [status, format] of [
      [500, 'html'],
      [502, 'html'],
      [503, 'text'],
      [504, 'html'],
    ] as const) {
      it(`calls a ${status} ${format} page UNAVAILABLE, after the SDK retried it`, async () => {
        fake.inject({ kind: 'proxy-page', status, format, operation: GET });
        const err = await read();
        expect(TokenSourceError.is(err) && err.code).to.equal('UNAVAILABLE');
        expect((err as Error).message).to.equal(
          `secretsmanager:momento: Secrets Manager was unavailable reading secret momento (SyntaxError, HTTP ${status}, after 2 attempts)`,
        );
        expect(fake.attempts(GET)).to.deep.equal([1, 2]);
      });
    }
  });

  describe('whose body carries the value', () => {
    // The SDK copies every field of an error body onto its exception; a message may quote a value too.
    const echo = { SecretString: KEY, SecretBinary: Buffer.from(KEY).toString('base64'), Name: 'momento' };

    for (const [type, status, expected] of [
      ['ResourceNotFoundException', 400, 'NOT_FOUND'],
      ['AccessDeniedException', 400, 'ACCESS_DENIED'],
      ['DecryptionFailure', 400, 'DECRYPTION_FAILED'],
      ['SomethingNewException', 400, 'UNKNOWN'],
      ['InternalServiceError', 500, 'UNAVAILABLE'],
    ] as const) {
      it(`keeps nothing of a ${status} ${type}'s body or message: ${expected}`, async () => {
        fake.inject({ kind: 'error', type, status, message: `no access to ${KEY}`, fields: echo, operation: GET });
        const err = await read();
        expect(TokenSourceError.is(err) && err.code).to.equal(expected);
        expect(TokenNotFoundError.is(err)).to.equal(expected === 'NOT_FOUND');
        expect(keyFragmentIn(err, KEY), 'a piece of the key in the error').to.equal(undefined);
        expect((err as Error).cause).to.include({ name: type });
        expect((err as Error).cause).to.have.nested.property('$metadata.httpStatusCode', status);
      });
    }
  });
});
