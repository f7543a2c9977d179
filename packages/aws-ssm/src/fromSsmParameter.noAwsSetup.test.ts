import { chain, fromValue, type TokenEvent, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { type AwsFake, startAwsFake, withoutAwsSetup } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { fromSsmParameter } from './fromSsmParameter.js';

const ENV_KEY = 'momento-key-from-the-environment-0123';
const GET = 'ssm.GetParameter';

// A laptop: MOMENTO_API_KEY is set (a fromValue stands in for fromEnv) and AWS is not set up at all. The chain falls back
// there; credentials that AWS refuses still stop it.
describe('fromSsmParameter on a machine without AWS setup', () => {
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

  // Configured from the environment only; AWS_ENDPOINT_URL sends any request that does go out to the fake.
  const laptopChain = () =>
    chain(
      { observer: { onEvent: (e) => events.push(e) } },
      fromSsmParameter({ parameterName: '/momento/api-key' }),
      fromValue(ENV_KEY, 'env:MOMENTO_API_KEY'),
    );
  const fallbackReason = () => events.find((e) => e.type === 'fallback')?.reason;

  describe('having no region anywhere', () => {
    it('falls back to the next source, saying in the SDK’s own words that no region is configured', async () => {
      const token = await withoutAwsSetup(() => laptopChain().getToken(), { AWS_ENDPOINT_URL: fake.url });
      expect(token.secret.reveal()).to.equal(ENV_KEY);
      expect(fallbackReason()).to.equal(
        'cannot ask SSM Parameter Store for parameter /momento/api-key from here: ' +
          'no AWS region is configured (the SDK says: Region is missing)',
      );
      expect(fake.count()).to.equal(0);
    });
  });

  describe('having a region but no credentials anywhere', () => {
    it('rejects with TokenNotFoundError without sending a request, and the chain falls back', async () => {
      const env = { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: fake.url };
      const read = () => fromSsmParameter({ parameterName: '/momento/api-key' }).getToken();
      await expect(withoutAwsSetup(read, env)).to.be.rejectedWith(TokenNotFoundError, /no AWS credentials/);
      expect((await withoutAwsSetup(() => laptopChain().getToken(), env)).secret.reveal()).to.equal(ENV_KEY);
      expect(fake.count()).to.equal(0);
    });
  });

  describe('having credentials that Parameter Store denies', () => {
    it('stops the chain with ACCESS_DENIED', async () => {
      fake.inject({ kind: 'access-denied', operation: GET });
      const err = await withoutAwsSetup(() => laptopChain().getToken(), {
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: fake.url,
        AWS_ACCESS_KEY_ID: 'AKIDLAPTOPLAPTOP',
        AWS_SECRET_ACCESS_KEY: 'laptop-secret-access-key',
      }).catch((e: unknown) => e);
      expect(TokenSourceError.is(err) && err.code).to.equal('ACCESS_DENIED');
      expect(fake.count(GET)).to.equal(1);
      expect(events.map((e) => e.type)).not.to.include('fallback');
    });
  });
});
