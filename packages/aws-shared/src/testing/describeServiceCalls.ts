import assert from 'node:assert/strict';
import { TokenAbortedError, type TokenEvent, TokenNotFoundError } from '@tokenchain/core';
import type { AwsAdapterCase, AwsClientLike, AwsFakeLike } from './AwsAdapterCase.js';
import { mochaHooks, rejection } from './mochaHooks.js';
import { useAwsFakes } from './useAwsFakes.js';

const KEY = 'momento-key-read-from-the-fake-0123456789';
/** Far below the adapter's default, and far above what a local call takes. */
const SHORT_TIMEOUT_MS = 150;
/** How late a deadline or an abort may end the call. */
const PROMPTLY_MS = 2000;
const ELSEWHERE = 'eu-west-1';

/**
 * How the adapter calls the real service (here the fake on 127.0.0.1): through a client it is given, within its deadline
 * or the caller's abort, and in the region an ARN names.
 */
export function describeServiceCalls<Fake extends AwsFakeLike, Client extends AwsClientLike>(
  adapter: AwsAdapterCase<Fake, Client>,
): void {
  const { describe, it, before } = mochaHooks();
  const { Client: ClientClass } = adapter.clientMock;

  describe(`${adapter.title} calling the service`, () => {
    const fakes = useAwsFakes(adapter.fakes.startAwsFake, { faulty: { hang: { kind: 'hang' } } });
    let fake: Fake;
    let hanging: Fake;
    let make: ReturnType<typeof adapter.stored>;
    let makeHanging: ReturnType<typeof adapter.stored>;
    before(() => {
      fake = fakes.fake;
      hanging = fakes.faulty('hang');
      make = adapter.stored(fake, KEY);
      makeHanging = adapter.stored(hanging, KEY);
    });

    it('uses a client it is given', async () => {
      const client = new ClientClass(fake.clientConfig());
      try {
        assert.equal((await make({ client }).getToken()).secret.reveal(), KEY);
        assert.equal(fake.count(adapter.operation), 1);
      } finally {
        client.destroy();
      }
    });

    describe('when the service hangs', () => {
      it('ends at its deadline with TIMEOUT', async () => {
        const started = performance.now();
        const read = makeHanging({ clientConfig: hanging.clientConfig(), timeoutMs: SHORT_TIMEOUT_MS }).getToken();
        const err = await rejection(read);
        assert.ok(err instanceof TokenAbortedError, String(err));
        assert.equal(err.code, 'TIMEOUT');
        assert.ok(performance.now() - started < PROMPTLY_MS, 'the deadline ended the call late');
      });

      it('ends with ABORTED when the caller aborts first', async () => {
        const controller = new AbortController();
        const pending = rejection(
          makeHanging({ clientConfig: hanging.clientConfig() }).getToken({ signal: controller.signal }),
        );
        setTimeout(() => controller.abort(), 20).unref();
        const err = await pending;
        assert.ok(err instanceof TokenAbortedError, String(err));
        assert.equal(err.code, 'ABORTED');
      });
    });

    const { storedByArn } = adapter;
    if (storedByArn === undefined) return; // the service's ARNs name no region the adapter could follow
    describe('having the value in another region, named by ARN', () => {
      let byArn: ReturnType<typeof storedByArn>;
      before(() => {
        byArn = storedByArn(fake, KEY, ELSEWHERE);
      });

      it('builds its client in the ARN region, and says so when clientConfig named another', async () => {
        const events: TokenEvent[] = [];
        const source = byArn({ clientConfig: fake.clientConfig(), observer: { onEvent: (e) => events.push(e) } });
        assert.equal((await source.getToken()).secret.reveal(), KEY);
        assert.deepEqual(
          fake.requests.map((r) => r.region),
          [ELSEWHERE],
        );
        assert.deepEqual(
          events.map((e) => e.type),
          ['warning'],
        );
      });

      it('is not found through a given client of another region, as with the real SDK', async () => {
        const client = new ClientClass(fake.clientConfig());
        try {
          const err = await rejection(byArn({ client }).getToken());
          assert.ok(TokenNotFoundError.is(err), String(err));
        } finally {
          client.destroy();
        }
      });
    });
  });
}
