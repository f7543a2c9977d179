import assert from 'node:assert/strict';
import { chain, fromValue, type TokenEvent, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import type { AwsAdapterCase, AwsClientLike, AwsFakeLike } from './AwsAdapterCase.js';
import { mochaHooks, rejection } from './mochaHooks.js';
import { useAwsFakes } from './useAwsFakes.js';

const ENV_KEY = 'momento-key-from-the-environment-0123';
const STORED_KEY = 'momento-key-stored-in-aws-0123456789';
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDLAPTOPLAPTOP', AWS_SECRET_ACCESS_KEY: 'laptop-secret-access-key' };

/**
 * A laptop: MOMENTO_API_KEY is set (a `fromValue` stands in for `fromEnv`) and AWS is not set up at all. The chain the docs
 * recommend for Lambda must still work there, by falling back; and credentials that AWS refuses must still stop it.
 */
export function describeNoAwsSetup<Fake extends AwsFakeLike, Client extends AwsClientLike>(
  adapter: AwsAdapterCase<Fake, Client>,
): void {
  const { describe, it, before, beforeEach } = mochaHooks();
  const { service, operation, what, name } = adapter;

  describe(`${adapter.title} on a machine without AWS setup`, () => {
    const fakes = useAwsFakes(adapter.fakes.startAwsFake);
    let events: TokenEvent[];
    let source: () => ReturnType<ReturnType<typeof adapter.stored>>;
    before(() => {
      const make = adapter.stored(fakes.fake, STORED_KEY);
      // No client options: the SDK is configured from the environment only, as a user's code would leave it.
      source = () => make({});
    });
    beforeEach(() => {
      events = [];
    });

    // AWS_ENDPOINT_URL points any request that does get sent at the fake, so nothing can leave 127.0.0.1.
    const laptop = (env: Readonly<Record<string, string>>) => ({ AWS_ENDPOINT_URL: fakes.fake.url, ...env });
    const laptopChain = () =>
      chain({ observer: { onEvent: (e) => events.push(e) } }, source(), fromValue(ENV_KEY, 'env:MOMENTO_API_KEY'));
    const fallbackReason = () => events.find((e) => e.type === 'fallback')?.reason;

    describe('having no region anywhere', () => {
      it('falls back to the next source, saying in the SDK’s own words that no region is configured', async () => {
        const token = await adapter.fakes.withoutAwsSetup(() => laptopChain().getToken(), laptop({}));
        assert.equal(token.secret.reveal(), ENV_KEY);
        assert.equal(
          fallbackReason(),
          `cannot ask ${service} for ${what} from here: no AWS region is configured (the SDK says: Region is missing)`,
        );
        assert.equal(fakes.fake.count(), 0);
      });

      it('rejects on its own with TokenNotFoundError', async () => {
        const err = await adapter.fakes.withoutAwsSetup(() => rejection(source().getToken()), laptop({}));
        assert.ok(TokenNotFoundError.is(err), String(err));
        assert.match(err.message, /no AWS region is configured/);
      });
    });

    describe('having a region but no credentials anywhere', () => {
      const env = () => laptop({ AWS_REGION: 'us-east-1' });

      it('falls back to the next source, saying no credentials were found, without sending a request', async () => {
        const token = await adapter.fakes.withoutAwsSetup(() => laptopChain().getToken(), env());
        assert.equal(token.secret.reveal(), ENV_KEY);
        assert.ok(
          fallbackReason()?.includes(
            'no AWS credentials were found anywhere (the SDK says: Could not load credentials from any providers)',
          ),
          fallbackReason(),
        );
        assert.equal(fakes.fake.count(), 0);
      });

      it('rejects on its own with TokenNotFoundError, without sending a request', async () => {
        const err = await adapter.fakes.withoutAwsSetup(() => rejection(source().getToken()), env());
        assert.ok(TokenNotFoundError.is(err), String(err));
        assert.match(err.message, /no AWS credentials/);
        assert.equal(fakes.fake.count(), 0);
      });
    });

    describe(`having credentials that ${service} denies`, () => {
      it('stops the chain with ACCESS_DENIED: the store is there, and a fallback would hide the misconfiguration', async () => {
        fakes.fake.inject({ kind: 'access-denied', operation });
        const env = laptop({ AWS_REGION: 'us-east-1', ...CREDENTIALS });
        const err = await adapter.fakes.withoutAwsSetup(() => rejection(laptopChain().getToken()), env);
        assert.ok(TokenSourceError.is(err), String(err));
        assert.equal(err.code, 'ACCESS_DENIED');
        assert.equal(err.source, name);
        assert.equal(fakes.fake.count(operation), 1);
        assert.ok(!events.some((e) => e.type === 'fallback'), 'the chain fell back');
      });
    });
  });
}
