import {
  createToken,
  type Token,
  TokenAbortedError,
  type TokenEvent,
  TokenNotFoundError,
  TokenSourceError,
} from '@tokenchain/core';
import { expect } from 'chai';
import { type AwsCallOptions, awsCall } from './awsCall.js';

type Output = { readonly value?: string; readonly $metadata?: { readonly attempts?: number } };

/** An SDK error as the client throws a modelled one. */
function serviceError(name: string, status = 400): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
  });
}

describe('awsCall', () => {
  const events: TokenEvent[] = [];
  /** One adapter's call, as a source: what every AWS adapter's getToken does after its own checks. */
  const source = (
    call: (signal: AbortSignal | undefined) => Promise<Output>,
    more: Partial<AwsCallOptions<Output, Token>> = {},
  ) => {
    const options: AwsCallOptions<Output, Token> = {
      source: 'x:thing',
      service: 'Example Service',
      what: 'thing one',
      timeoutMs: 1000,
      report: (e) => events.push(e),
      call,
      errorTable: { notFound: ['NoSuchThing'], codes: { BrokenKey: 'DECRYPTION_FAILED' } },
      toResult: (output): Token => createToken({ source: 'x:thing', value: output.value ?? '' }),
      ...more,
    };
    return { getToken: (get: { signal?: AbortSignal } = {}) => awsCall(options, get.signal) };
  };

  beforeEach(() => {
    events.length = 0;
  });

  describe('when the call answers', () => {
    it('returns the token made of the answer', async () => {
      const token = await source(async () => ({ value: 'key-1' })).getToken();
      expect(token.secret.reveal()).to.equal('key-1');
      expect(events).to.deep.equal([]);
    });

    it('warns when the SDK needed more than one attempt', async () => {
      await source(async () => ({ value: 'key-1', $metadata: { attempts: 3 } })).getToken();
      expect(events).to.deep.equal([
        { type: 'warning', source: 'x:thing', time: events[0]?.time, message: 'read thing one after 3 attempts' },
      ]);
    });
  });

  describe('when the call fails', () => {
    it('reads the error table: not found lets a chain move on, a service name has its code', async () => {
      await expect(source(() => Promise.reject(serviceError('NoSuchThing'))).getToken()).to.be.rejectedWith(
        TokenNotFoundError,
        'thing one does not exist (NoSuchThing)',
      );
      await expect(source(() => Promise.reject(serviceError('BrokenKey'))).getToken())
        .to.be.rejectedWith(TokenSourceError, 'Example Service could not decrypt thing one (BrokenKey)')
        .and.eventually.have.property('code', 'DECRYPTION_FAILED');
    });

    it('passes on a TokenSourceError that toResult throws', async () => {
      const malformed = new TokenSourceError('no value', { source: 'x:thing', code: 'MALFORMED' });
      const failing = source(async () => ({}), {
        toResult: () => {
          throw malformed;
        },
      });
      await expect(failing.getToken()).to.be.rejectedWith(malformed);
    });
  });

  describe('when the call hangs', () => {
    const hang = () => new Promise<Output>(() => {});

    it('ends it at the deadline with TIMEOUT', async () => {
      await expect(source(hang, { timeoutMs: 10 }).getToken())
        .to.be.rejectedWith(TokenAbortedError)
        .and.eventually.have.property('code', 'TIMEOUT');
    });

    it("ends it when the caller's signal fires, and hands the call that signal", async () => {
      const controller = new AbortController();
      let seen: AbortSignal | undefined;
      const pending = source((signal) => {
        seen = signal;
        return hang();
      }).getToken({ signal: controller.signal });
      controller.abort();
      await expect(pending).to.be.rejectedWith(TokenAbortedError).and.eventually.have.property('code', 'ABORTED');
      expect(seen?.aborted).to.equal(true);
    });
  });
});
