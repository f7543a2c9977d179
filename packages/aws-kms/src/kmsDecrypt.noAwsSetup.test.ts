import { chain, fromValue, type TokenEvent, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { type AwsFake, startAwsFake, withoutAwsSetup } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { kmsDecrypt } from './kmsDecrypt.js';

const ENV_KEY = 'momento-key-from-the-environment-0123';
const CONTEXT = { LambdaFunctionName: 'orders' };
const DECRYPT = 'kms.Decrypt';

// A laptop that has the Lambda function's encrypted variable (copied from its configuration) and a plain MOMENTO_API_KEY,
// but no AWS setup: KMS cannot be asked from here, so the chain falls back to the plain key. Refused credentials stop it.
describe('kmsDecrypt on a machine without AWS setup', () => {
  let fake: AwsFake;
  let ciphertext: string;
  let events: TokenEvent[];
  before(async () => {
    fake = await startAwsFake();
    ciphertext = fake.kms.encrypt(fake.kms.createKey().keyId, 'momento-key-encrypted', CONTEXT);
  });
  after(() => fake.close());
  beforeEach(() => {
    events = [];
  });
  afterEach(() => {
    fake.clearFaults();
    fake.resetRequests();
  });

  const laptopChain = () =>
    chain(
      { observer: { onEvent: (e) => events.push(e) } },
      kmsDecrypt(fromEnv({ variable: 'MOMENTO_API_KEY_ENCRYPTED', env: { MOMENTO_API_KEY_ENCRYPTED: ciphertext } }), {
        encryptionContext: CONTEXT,
      }),
      fromValue(ENV_KEY, 'env:MOMENTO_API_KEY'),
    );
  const fallbackReason = () => events.find((e) => e.type === 'fallback')?.reason;

  it('falls back when no region is configured, saying so in the SDK’s own words', async () => {
    const token = await withoutAwsSetup(() => laptopChain().getToken(), { AWS_ENDPOINT_URL: fake.url });
    expect(token.secret.reveal()).to.equal(ENV_KEY);
    expect(fallbackReason()).to.equal(
      'cannot ask KMS for the value of env:MOMENTO_API_KEY_ENCRYPTED ' +
        '(key named in the ciphertext) from here: no AWS region is configured (the SDK says: Region is missing)',
    );
    expect(fake.count()).to.equal(0);
  });

  it('falls back when there are no credentials anywhere, without sending a request', async () => {
    const env = { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: fake.url };
    const alone = () => kmsDecrypt(fromValue(ciphertext, 'env:X'), { encryptionContext: CONTEXT }).getToken();
    await expect(withoutAwsSetup(alone, env)).to.be.rejectedWith(TokenNotFoundError, /no AWS credentials/);
    expect((await withoutAwsSetup(() => laptopChain().getToken(), env)).secret.reveal()).to.equal(ENV_KEY);
    expect(fake.count()).to.equal(0);
  });

  it('stops the chain with ACCESS_DENIED when KMS refuses the credentials there are', async () => {
    fake.inject({ kind: 'access-denied', operation: DECRYPT });
    const err = await withoutAwsSetup(() => laptopChain().getToken(), {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIDLAPTOPLAPTOP',
      AWS_SECRET_ACCESS_KEY: 'laptop-secret-access-key',
    }).catch((e: unknown) => e);
    expect(TokenSourceError.is(err) && err.code).to.equal('ACCESS_DENIED');
    expect(fake.count(DECRYPT)).to.equal(1);
    expect(events.map((e) => e.type)).not.to.include('fallback');
  });
});
