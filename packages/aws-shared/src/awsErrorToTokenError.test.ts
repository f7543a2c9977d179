import { inspect } from 'node:util';
import { TokenAbortedError, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { expect } from 'chai';
import { awsErrorSummary } from './awsErrorSummary.js';
import { awsErrorToTokenError } from './awsErrorToTokenError.js';
import { regionOfArn } from './regionOfArn.js';

// The adapters' own tests drive these mappings over the wire with the real SDK clients; this table pins the rules down
// in one place, including the shapes that are hard to provoke from a server.
const context = { source: 'secretsmanager:momento', service: 'Secrets Manager', what: 'secret momento' };
const modelled = (name: string, message = 'service says no', status = 400) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status, attempts: 1 } });

describe('awsErrorToTokenError', () => {
  it('maps a "not there" error named by the adapter to TokenNotFoundError', () => {
    const err = awsErrorToTokenError(modelled('ResourceNotFoundException'), {
      ...context,
      notFound: ['ResourceNotFoundException'],
    });
    expect(TokenNotFoundError.is(err)).to.equal(true);
    expect(err.message).to.include('secret momento does not exist');
  });

  for (const [name, code] of [
    ['ThrottlingException', 'THROTTLED'],
    ['AccessDeniedException', 'ACCESS_DENIED'],
    ['ValidationException', 'INVALID_CONFIGURATION'],
  ] as const) {
    it(`maps ${name} to ${code}, naming the service and what was read`, () => {
      const err = awsErrorToTokenError(modelled(name), context);
      expect(err).to.include({ code, source: 'secretsmanager:momento' });
      expect(err.message).to.include('Secrets Manager');
    });
  }

  it('lets an adapter map its own error names first', () => {
    const err = awsErrorToTokenError(modelled('DecryptionFailure'), {
      ...context,
      codes: { DecryptionFailure: 'DECRYPTION_FAILED' },
    });
    expect(err.code).to.equal('DECRYPTION_FAILED');
  });

  it('calls a reset socket UNAVAILABLE even though the SDK renamed it TimeoutError', () => {
    const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect(awsErrorToTokenError(reset, context).code).to.equal('UNAVAILABLE');
  });

  it('calls a server fault UNAVAILABLE and reports the attempts made', () => {
    const err = awsErrorToTokenError(
      Object.assign(new Error('internal'), {
        name: 'InternalServiceError',
        $fault: 'server',
        $metadata: { attempts: 3 },
      }),
      context,
    );
    expect(err.code).to.equal('UNAVAILABLE');
    expect(err.message).to.include('after 3 attempts');
  });

  it('does not keep a parse error nor quote it: the body it failed on may be the secret', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token in {"SecretString":"the-key"'), {
      $metadata: { httpStatusCode: 200 },
    });
    const err = awsErrorToTokenError(parse, context);
    expect(err.code).to.equal('MALFORMED');
    expect(err.cause).to.include({ name: 'SyntaxError', message: 'HTTP 200' });
    expect(err.message).not.to.include('the-key');
  });

  for (const status of [500, 502, 503, 504]) {
    it(`calls a ${status} page that is not AWS JSON (a proxy's) UNAVAILABLE, not MALFORMED`, () => {
      const page = Object.assign(new SyntaxError(`Unexpected token '<', "<html>" is not valid JSON`), {
        $metadata: { httpStatusCode: status, attempts: 3 },
      });
      const err = awsErrorToTokenError(page, context);
      expect(err.code).to.equal('UNAVAILABLE');
      expect(err.message).to.include(`(SyntaxError, HTTP ${status}, after 3 attempts)`).and.not.include('<html>');
    });
  }

  for (const [status, code] of [
    [429, 'THROTTLED'],
    [403, 'ACCESS_DENIED'],
    [400, 'MALFORMED'],
  ] as const) {
    it(`reads a ${status} that is not AWS JSON by its status: ${code}`, () => {
      const page = Object.assign(new SyntaxError('Unexpected token'), { $metadata: { httpStatusCode: status } });
      expect(awsErrorToTokenError(page, context).code).to.equal(code);
    });
  }

  it('copies no field and no message of a modelled error: only its name, status, fault, request id and attempts', () => {
    const echoing = Object.assign(modelled('ResourceNotFoundException', 'no secret SECRET-VALUE-0123456789'), {
      SecretString: 'SECRET-VALUE-0123456789',
      $response: { body: 'SECRET-VALUE-0123456789' },
      $metadata: { httpStatusCode: 400, requestId: 'c0ffee-1234', attempts: 1 },
    });
    const err = awsErrorToTokenError(echoing, { ...context, notFound: ['ResourceNotFoundException'] });
    expect(err.message).to.equal('secretsmanager:momento: secret momento does not exist (ResourceNotFoundException)');
    expect(err.cause).to.deep.include({
      name: 'ResourceNotFoundException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'c0ffee-1234', attempts: 1 },
    });
    expect(inspect(err, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.to.include('SECRET-VALUE');
    expect(JSON.stringify(err.cause)).not.to.include('SECRET-VALUE');
  });

  describe('when the SDK found no AWS setup on this machine', () => {
    it('calls "no region" not found, saying why in the SDK\'s own words', () => {
      const err = awsErrorToTokenError(new Error('Region is missing'), context);
      expect(TokenNotFoundError.is(err)).to.equal(true);
      expect(err.message).to.equal(
        'secretsmanager:momento: cannot ask Secrets Manager for secret momento from here: ' +
          'no AWS region is configured (the SDK says: Region is missing)',
      );
    });

    it('calls "no credentials anywhere" not found', () => {
      const none = Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
        tryNextLink: false,
      });
      const err = awsErrorToTokenError(none, context);
      expect(TokenNotFoundError.is(err)).to.equal(true);
      expect(err.message).to.include('no AWS credentials were found anywhere');
    });

    it('still calls other credential errors ACCESS_DENIED: the credentials are there but unusable', () => {
      const expired = Object.assign(new Error('The SSO session associated with this profile has expired.'), {
        name: 'CredentialsProviderError',
      });
      expect(awsErrorToTokenError(expired, context).code).to.equal('ACCESS_DENIED');
    });
  });

  it('turns a fired signal into ABORTED or TIMEOUT, whatever the SDK threw', () => {
    const controller = new AbortController();
    controller.abort();
    const err = awsErrorToTokenError(new Error('Request aborted'), { ...context, signal: controller.signal });
    expect(TokenAbortedError.is(err) && err.code === 'ABORTED').to.equal(true);
  });

  it('passes a TokenSourceError through unchanged', () => {
    const original = new TokenSourceError('x', { source: 's', code: 'MALFORMED' });
    expect(awsErrorToTokenError(original, context)).to.equal(original);
  });
});

describe('awsErrorSummary', () => {
  it("keeps the facts of an SDK error under the SDK's own field names, and a message made of them", () => {
    const sdk = Object.assign(new Error('User arn:aws:iam::1:user/x is not authorized'), {
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-1', attempts: 2, totalRetryDelay: 40, cfId: 'x' },
      Message: 'echo',
    });
    const summary = awsErrorSummary(sdk);
    expect(summary).to.be.instanceOf(Error);
    expect({ ...summary }).to.deep.equal({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-1', attempts: 2, totalRetryDelay: 40 },
    });
    expect(summary.message).to.equal('HTTP 400, client fault, request req-1, 2 attempts');
    expect(summary.stack).to.equal(`AccessDeniedException: ${summary.message}`);
  });

  it("keeps a socket error's code, and drops any name or request id that is not shaped like one", () => {
    const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect(awsErrorSummary(reset)).to.include({ name: 'TimeoutError', code: 'ECONNRESET', message: 'ECONNRESET' });
    const odd = Object.assign(new Error('x'), {
      name: 'eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxIn0',
      code: 'not a code',
      $metadata: { requestId: 'has spaces and "quotes"' },
    });
    expect({ ...awsErrorSummary(odd) }).to.deep.equal({ name: 'Error', $metadata: {} });
    expect(awsErrorSummary('thrown text')).to.include({ name: 'string', message: 'no details kept' });
  });
});

describe('regionOfArn', () => {
  it('reads the region of an ARN and nothing from a plain name', () => {
    expect(regionOfArn('arn:aws:secretsmanager:eu-west-1:123456789012:secret:momento-AbCdEf')).to.equal('eu-west-1');
    expect(regionOfArn('Momento_Auth_Token')).to.equal(undefined);
    expect(regionOfArn('arn:aws:iam::123456789012:role/x')).to.equal(undefined);
  });
});
