import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TokenNotFoundError, type TokenSource, TokenSourceError } from '@tokenchain/core';
import type { AwsAdapterCase, AwsClientLike, AwsFakeLike } from './AwsAdapterCase.js';
import { mochaHooks, rejection } from './mochaHooks.js';
import { useAwsFakes } from './useAwsFakes.js';

/** What a load balancer or proxy in front of any AWS service sends instead of AWS JSON when it fails. */
const PROXY_PAGES = [500, 502, 503, 504].flatMap((status) =>
  (['html', 'text'] as const).map((format) => [status as 500 | 502 | 503 | 504, format] as const),
);

/**
 * Error responses, from the service and from what stands in front of it: each becomes the code of the adapter's table,
 * and none leaves a piece of the key (which a body or message may echo) anywhere in the error.
 */
export function describeErrorResponses<Fake extends AwsFakeLike, Client extends AwsClientLike>(
  adapter: AwsAdapterCase<Fake, Client>,
): void {
  const { describe, it, before } = mochaHooks();
  const { service, operation, what, name, errorResponses: table } = adapter;
  // Not shaped like a Momento key on purpose: core's redaction of key-shaped text must not be what keeps it out.
  const key = randomBytes(24).toString('hex');

  describe(`${adapter.title} when the answer is an error response`, () => {
    const fakes = useAwsFakes(adapter.fakes.startAwsFake);
    let source: TokenSource;
    before(() => {
      source = adapter.stored(fakes.fake, key)({ clientConfig: fakes.fake.clientConfig(), maxAttempts: 2 });
    });

    describe('from a load balancer or proxy in front of the service', () => {
      for (const [status, format] of PROXY_PAGES) {
        it(`calls a ${status} ${format} page UNAVAILABLE, after the SDK retried it`, async () => {
          fakes.fake.inject({ kind: 'proxy-page', status, format, operation });
          const err = await rejection(source.getToken());
          assert.ok(TokenSourceError.is(err), String(err));
          assert.equal(err.code, 'UNAVAILABLE');
          assert.equal(
            err.message,
            `${name}: ${service} was unavailable reading ${what} (SyntaxError, HTTP ${status}, after 2 attempts)`,
          );
          assert.deepEqual(fakes.fake.attempts(operation), [1, 2]);
        });
      }
    });

    describe('whose body carries the key', () => {
      // The SDK copies every field of an error body onto its exception; a message may quote a value too.
      const fields = table.echo(key);
      const secrets = [key, ...(table.alsoSecret?.(key) ?? [])];

      for (const [type, status, code] of table.errorBodies) {
        it(`keeps nothing of a ${status} ${type}'s body or message: ${code}`, async () => {
          fakes.fake.inject({ kind: 'error', type, status, message: `refused: ${key}`, fields, operation });
          const err = await rejection(source.getToken());
          assert.ok(TokenSourceError.is(err), String(err));
          assert.equal(err.code, code);
          assert.equal(TokenNotFoundError.is(err), code === 'NOT_FOUND');
          for (const secret of secrets) {
            assert.equal(adapter.fakes.keyFragmentIn(err, secret), undefined, 'a piece of the key in the error');
          }
          assert.equal((err.cause as Error | undefined)?.name, type);
          assert.equal((err.cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, status);
        });
      }
    });
  });
}
