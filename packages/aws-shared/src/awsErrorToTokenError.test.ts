import { TokenAbortedError, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { expect } from 'chai';
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

  it('does not keep a parse error as cause nor quote it: the body it failed on may be the secret', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token in {"SecretString":"the-key"'), {
      $metadata: { httpStatusCode: 200 },
    });
    const err = awsErrorToTokenError(parse, context);
    expect(err.code).to.equal('MALFORMED');
    expect(err.cause).to.equal(undefined);
    expect(err.message).not.to.include('the-key');
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

describe('regionOfArn', () => {
  it('reads the region of an ARN and nothing from a plain name', () => {
    expect(regionOfArn('arn:aws:secretsmanager:eu-west-1:123456789012:secret:momento-AbCdEf')).to.equal('eu-west-1');
    expect(regionOfArn('Momento_Auth_Token')).to.equal(undefined);
    expect(regionOfArn('arn:aws:iam::123456789012:role/x')).to.equal(undefined);
  });
});
