import assert from 'node:assert';
import { chain, fromValue, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import type { AwsAdapterCase, AwsClientLike, AwsFakeLike, ClientStubLike } from './AwsAdapterCase.js';
import { mochaHooks, rejection } from './mochaHooks.js';

const KEY = 'momento-key-mocked-0123456789abcdef';

/**
 * Users test their own code with aws-sdk-client-mock, which replaces `send` and answers only what the test says: no
 * $metadata, no HTTP. The adapter must work with it exactly as with the real service, given the client or building it.
 */
export function describeClientMock<Fake extends AwsFakeLike, Client extends AwsClientLike>(
  adapter: AwsAdapterCase<Fake, Client>,
): void {
  const { describe, it, before, after, afterEach } = mochaHooks();
  const { what } = adapter;
  const { mockClient, Client: ClientClass, Command, source, answer, errors } = adapter.clientMock;

  const inputs = (mock: ClientStubLike) =>
    mock.commandCalls(Command).map((call) => (call.args[0] as { input: unknown }).input);
  const expectCode = async (read: Promise<unknown>, exception: Error, code: string) => {
    const err = await rejection(read);
    assert.ok(TokenSourceError.is(err), String(err));
    assert.strictEqual(err.code, code);
    assert.ok(err.message.includes(`(${exception.name})`), err.message);
    assert.strictEqual(TokenNotFoundError.is(err), code === 'NOT_FOUND');
    if (code === 'NOT_FOUND') assert.ok(err.message.includes(`${what} does not exist`), err.message);
  };

  /** A stub that lives from the suite's `before` to its `after`, forgetting its answers and calls after every test. */
  const mockedDuringSuite = (stub: () => ClientStubLike) => {
    let mock: ClientStubLike | undefined;
    before(() => {
      mock = stub();
    });
    afterEach(() => {
      mock?.reset();
    });
    after(() => mock?.restore());
    return () => mock ?? assert.fail('the stub is made in before()');
  };

  describe(`${adapter.title} with a client mocked by aws-sdk-client-mock`, () => {
    describe('given the mocked client', () => {
      const client = new ClientClass({});
      const mocked = mockedDuringSuite(() => mockClient(client));

      it('returns the key from a response of only the modelled fields, every time, sending the input it should', async () => {
        mocked().on(Command).resolves(answer(KEY));
        const tokenSource = source({ client });
        for (const _ of [1, 2]) {
          const token = await tokenSource.getToken();
          assert.deepStrictEqual([token.secret.reveal(), token.version], [KEY, adapter.clientMock.version]);
        }
        // Loosely: the adapter may send a Buffer where the test writes a Uint8Array of the same bytes.
        assert.deepEqual(inputs(mocked()), [adapter.clientMock.input, adapter.clientMock.input]);
      });

      for (const [exception, code] of errors) {
        const movesOn = code === 'NOT_FOUND' ? ' as TokenNotFoundError, so a chain moves on' : '';
        it(`maps a modelled ${exception.name} to ${code}${movesOn}`, async () => {
          mocked().on(Command).rejects(exception);
          await expectCode(source({ client }).getToken(), exception, code);
          if (code !== 'NOT_FOUND') return; // only an absent value lets the chain try the next source
          const token = await chain(source({ client }), fromValue(KEY)).getToken();
          assert.strictEqual(token.source, 'value');
        });
      }

      it('maps a plain Error to UNKNOWN without quoting it', async () => {
        mocked()
          .on(Command)
          .rejects(new Error(`boom ${KEY}`));
        const err = await rejection(source({ client }).getToken());
        assert.ok(TokenSourceError.is(err), String(err));
        assert.strictEqual(err.code, 'UNKNOWN');
        assert.ok(!err.message.includes(KEY), 'the message quotes the error');
      });
    });

    describe('mocking the class, for the client the adapter builds itself', () => {
      const mocked = mockedDuringSuite(() => mockClient(ClientClass));

      it('returns the key, with no region, credentials or endpoint configured', async () => {
        mocked().on(Command).resolves(answer(KEY));
        const token = await source({}).getToken();
        assert.strictEqual(token.secret.reveal(), KEY);
        assert.strictEqual(inputs(mocked()).length, 1);
      });

      it('rejects a modelled exception as it would from the service', async () => {
        const [exception, code] = errors[0] ?? assert.fail('the case names no modelled exception');
        mocked().on(Command).rejects(exception);
        await expectCode(source({}).getToken(), exception, code);
      });
    });
  });
}
