import { randomBytes } from 'node:crypto';
import { TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { type AwsFake, keyFragmentIn, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { fromSsmParameter } from './fromSsmParameter.js';

// Not shaped like a Momento key on purpose: core's redaction of key-shaped text must not be what keeps it out.
const KEY = randomBytes(24).toString('hex');
const GET = 'ssm.GetParameter';

describe('fromSsmParameter when the answer is an error response', () => {
  let fake: AwsFake;
  before(async () => {
    fake = await startAwsFake();
    fake.ssm.put('/momento/key', KEY, { type: 'SecureString' });
  });
  after(() => fake.close());
  afterEach(() => {
    fake.clearFaults();
    fake.resetRequests();
  });

  const read = () =>
    fromSsmParameter({ parameterName: '/momento/key', clientConfig: fake.clientConfig(), maxAttempts: 2 })
      .getToken()
      .catch((e: unknown) => e);

  describe('from a load balancer or proxy in front of the service', () => {
    for (const [status, format] of [
      [500, 'html'],
      [502, 'text'],
      [503, 'text'],
      [504, 'html'],
    ] as const) {
      it(`calls a ${status} ${format} page UNAVAILABLE, after the SDK retried it`, async () => {
        fake.inject({ kind: 'proxy-page', status, format, operation: GET });
        const err = await read();
        expect(TokenSourceError.is(err) && err.code).to.equal('UNAVAILABLE');
        expect((err as Error).message).to.include(`(SyntaxError, HTTP ${status}, after 2 attempts)`);
        expect(fake.attempts(GET)).to.deep.equal([1, 2]);
      });
    }
  });

  describe('whose body carries the value', () => {
    const echo = { Parameter: { Name: '/momento/key', Value: KEY, Type: 'SecureString' } };

    for (const [type, status, expected] of [
      ['ParameterNotFound', 400, 'NOT_FOUND'],
      ['AccessDeniedException', 400, 'ACCESS_DENIED'],
      ['InvalidKeyId', 400, 'DECRYPTION_FAILED'],
      ['SomethingNewException', 400, 'UNKNOWN'],
      ['InternalServerError', 500, 'UNAVAILABLE'],
    ] as const) {
      it(`keeps nothing of a ${status} ${type}'s body or message: ${expected}`, async () => {
        fake.inject({ kind: 'error', type, status, message: `value ${KEY} refused`, fields: echo, operation: GET });
        const err = await read();
        expect(TokenSourceError.is(err) && err.code).to.equal(expected);
        expect(TokenNotFoundError.is(err)).to.equal(expected === 'NOT_FOUND');
        expect(keyFragmentIn(err, KEY), 'a piece of the key in the error').to.equal(undefined);
        expect((err as Error).cause).to.include({ name: type });
      });
    }
  });
});
