import { chain, fromValue, type TokenEvent, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { type AwsFake, startAwsFake, withoutAwsSetup } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { fromSecretsManager } from './fromSecretsManager.js';

const ENV_KEY = 'momento-key-from-the-environment-0123';
const GET = 'secretsmanager.GetSecretValue';

// A laptop: MOMENTO_API_KEY is set (here a fromValue stands in for fromEnv) and AWS is not set up at all. The chain the
// docs recommend for Lambda must still work there, by falling back; and credentials that AWS refuses must still stop it.
describe('fromSecretsManager on a machine without AWS setup', () => {
  let fake: AwsFake;
  let events: TokenEvent[];
  before(async () => {
    fake = await startAwsFake();
  });
  after(() => fake.close());
  beforeEach(() => {
    events = [];
  });
  afterEach(() => {
    fake.clearFaults();
    fake.resetRequests();
  });

  // The SDK is configured from the environment only, as a user's code would leave it. AWS_ENDPOINT_URL points any request
  // that does get sent at the fake, so nothing can leave 127.0.0.1.
  const laptopChain = () =>
    chain(
      { observer: { onEvent: (e) => events.push(e) } },
      fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
      fromValue(ENV_KEY, 'env:MOMENTO_API_KEY'),
    );
  const fallbackReason = () => events.find((e) => e.type === 'fallback')?.reason;

  describe('having no region anywhere', () => {
    it('falls back to the next source, saying in the SDK’s own words that no region is configured', async () => {
      const token = await withoutAwsSetup(() => laptopChain().getToken(), { AWS_ENDPOINT_URL: fake.url });
      expect(token.secret.reveal()).to.equal(ENV_KEY);
      expect(fallbackReason()).to.equal(
        'cannot ask Secrets Manager for secret Momento_Auth_Token from here: ' +
          'no AWS region is configured (the SDK says: Region is missing)',
      );
      expect(fake.count()).to.equal(0);
    });

    it('rejects on its own with TokenNotFoundError', async () => {
      const read = () => fromSecretsManager({ secretId: 'Momento_Auth_Token' }).getToken();
      await expect(withoutAwsSetup(read)).to.be.rejectedWith(TokenNotFoundError, /no AWS region is configured/);
    });
  });

  describe('having a region but no credentials anywhere', () => {
    it('falls back to the next source, saying no credentials were found, without sending a request', async () => {
      const token = await withoutAwsSetup(() => laptopChain().getToken(), {
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: fake.url,
      });
      expect(token.secret.reveal()).to.equal(ENV_KEY);
      expect(fallbackReason()).to.include(
        'no AWS credentials were found anywhere (the SDK says: Could not load credentials from any providers)',
      );
      expect(fake.count()).to.equal(0);
    });
  });

  describe('having credentials that Secrets Manager denies', () => {
    it('stops the chain with ACCESS_DENIED: the store is there, and a fallback would hide the misconfiguration', async () => {
      fake.inject({ kind: 'access-denied', operation: GET });
      const err = await withoutAwsSetup(() => laptopChain().getToken(), {
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: fake.url,
        AWS_ACCESS_KEY_ID: 'AKIDLAPTOPLAPTOP',
        AWS_SECRET_ACCESS_KEY: 'laptop-secret-access-key',
      }).catch((e: unknown) => e);
      expect(TokenSourceError.is(err) && err.code).to.equal('ACCESS_DENIED');
      expect((err as TokenSourceError).source).to.equal('secretsmanager:Momento_Auth_Token');
      expect(fake.count(GET)).to.equal(1);
      expect(events.map((e) => e.type)).not.to.include('fallback');
    });
  });
});
