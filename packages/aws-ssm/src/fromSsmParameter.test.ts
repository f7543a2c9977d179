import { inspect } from 'node:util';
import { useAwsFakes } from '@tokenchain/aws-shared/testing';
import { TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { describeTokenSourceContract } from '@tokenchain/core/testing';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { fromSsmParameter, type SsmParameterOptions } from './fromSsmParameter.js';

const KEY = 'momento-key-ssm-0123456789abcdef';
const GET = 'ssm.GetParameter';

describe('fromSsmParameter', () => {
  // Each faulty fake always fails in one way, and holds the key so a leak would show.
  const fakes = useAwsFakes(startAwsFake, {
    seed: (f) => f.ssm.put('/contract', KEY, { type: 'SecureString' }),
    faulty: {
      hang: { kind: 'hang' },
      denied: { kind: 'access-denied' },
      kms: { kind: 'error', type: 'InvalidKeyId', message: 'The KMS key is not valid.' },
      unavailable: { kind: 'server-error', status: 503 },
      malformed: { kind: 'malformed', body: `{"Parameter":{"Value":"${KEY}` },
    },
  });
  let fake: AwsFake;
  before(() => {
    fake = fakes.fake;
  });

  const on = (target: AwsFake, init: SsmParameterOptions) =>
    fromSsmParameter({ clientConfig: target.clientConfig(), ...init });

  describeTokenSourceContract('fromSsmParameter', () => {
    fake.ssm.put('/contract', `${KEY}\n`, { type: 'SecureString' });
    fake.ssm.put('/contract/json', JSON.stringify({ apiKey: KEY }));
    const broken = (label: Parameters<typeof fakes.faulty>[0]) => () =>
      on(fakes.faulty(label), { parameterName: '/contract', maxAttempts: 2 });
    return {
      present: () => on(fake, { parameterName: '/contract' }),
      expectedKey: KEY,
      absent: () => on(fake, { parameterName: '/contract/absent' }),
      slow: () => on(fakes.faulty('hang'), { parameterName: '/contract' }),
      broken: {
        'access denied': broken('denied'),
        'invalid KMS key': broken('kms'),
        'service unavailable': broken('unavailable'),
        'malformed response': broken('malformed'),
        'missing JSON field': () => on(fake, { parameterName: '/contract/json', jsonField: 'nope' }),
      },
    };
  });

  describe('having a parameter with versions and labels', () => {
    before(() => {
      fake.ssm.put('/app/key', 'key-1', { type: 'SecureString', labels: ['stable'] });
      fake.ssm.put('/app/key', 'key-2');
      fake.ssm.put('/app/key', 'key-3');
    });

    it('returns the latest, decrypted, with the parameter version as version', async () => {
      const token = await on(fake, { parameterName: '/app/key' }).getToken();
      expect([token.secret.reveal(), token.version, token.source]).to.deep.equal(['key-3', '3', 'ssm:/app/key']);
      expect(fake.requests[0]?.input).to.deep.equal({ Name: '/app/key', WithDecryption: true });
    });

    it('returns a version by number and by label', async () => {
      expect((await on(fake, { parameterName: '/app/key:2' }).getToken()).secret.reveal()).to.equal('key-2');
      const labelled = await on(fake, { parameterName: '/app/key:stable' }).getToken();
      expect([labelled.secret.reveal(), labelled.version]).to.deep.equal(['key-1', '1']);
    });

    it('rejects a missing version or label with TokenNotFoundError', async () => {
      await expect(on(fake, { parameterName: '/app/key:9' }).getToken()).to.be.rejectedWith(
        TokenNotFoundError,
        /ssm:\/app\/key:9: parameter \/app\/key:9 does not exist \(ParameterVersionNotFound/,
      );
      await expect(on(fake, { parameterName: '/app/key:canary' }).getToken()).to.be.rejectedWith(TokenNotFoundError);
    });

    it('reads it by ARN', async () => {
      const token = await on(fake, { parameterName: fake.ssm.arn('/app/key') }).getToken();
      expect(token.secret.reveal()).to.equal('key-3');
    });
  });

  describe('having a SecureString read without decryption', () => {
    it('returns the KMS ciphertext, bound to the parameter ARN', async () => {
      fake.ssm.put('/app/encrypted', KEY, { type: 'SecureString' });
      const token = await on(fake, { parameterName: '/app/encrypted', withDecryption: false }).getToken();
      expect(token.secret.reveal()).to.not.equal(KEY);
      expect(fake.kms.decrypt(token.secret.reveal(), { PARAMETER_ARN: fake.ssm.arn('/app/encrypted') })).to.equal(KEY);
      expect(fake.requests[0]?.input).to.deep.equal({ Name: '/app/encrypted', WithDecryption: false });
    });
  });

  describe('having a Secrets Manager secret', () => {
    before(() => {
      fake.secretsManager.put('momento', JSON.stringify({ apiKey: KEY, endpoint: 'cell-1.example.com' }));
    });

    it('reads it through /aws/reference/secretsmanager/, always with decryption, with JSON fields', async () => {
      const token = await on(fake, {
        parameterName: '/aws/reference/secretsmanager/momento',
        withDecryption: false,
        jsonField: 'apiKey',
      }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.attributes).to.deep.equal({ endpoint: 'cell-1.example.com' });
      expect(token.version).to.equal(undefined);
      expect(fake.requests[0]?.input).to.include({ WithDecryption: true });
    });

    it('rejects a missing secret with TokenNotFoundError', async () => {
      await expect(on(fake, { parameterName: '/aws/reference/secretsmanager/none' }).getToken()).to.be.rejectedWith(
        TokenNotFoundError,
      );
    });
  });

  describe('when AWS fails', () => {
    before(() => {
      fake.ssm.put('/failing', KEY);
    });

    it('retries throttling and succeeds', async () => {
      fake.inject({ kind: 'throttle', operation: GET, times: 1 });
      expect((await on(fake, { parameterName: '/failing' }).getToken()).secret.reveal()).to.equal(KEY);
      expect(fake.attempts(GET)).to.deep.equal([1, 2]);
    });

    it('gives up on persistent throttling after maxAttempts with THROTTLED', async () => {
      fake.inject({ kind: 'throttle', operation: GET });
      await expect(on(fake, { parameterName: '/failing', maxAttempts: 2 }).getToken())
        .to.be.rejectedWith(TokenSourceError, /after 2 attempts/)
        .and.eventually.have.property('code', 'THROTTLED');
      expect(fake.attempts(GET)).to.deep.equal([1, 2]);
    });

    it('maps AccessDeniedException to ACCESS_DENIED and InvalidKeyId to DECRYPTION_FAILED', async () => {
      fake.inject({ kind: 'access-denied', operation: GET, times: 1 });
      await expect(on(fake, { parameterName: '/failing' }).getToken())
        .to.be.rejectedWith(TokenSourceError, /SSM Parameter Store denied access to parameter \/failing/)
        .and.eventually.have.property('code', 'ACCESS_DENIED');
      fake.inject({ kind: 'error', type: 'InvalidKeyId', operation: GET, times: 1 });
      await expect(on(fake, { parameterName: '/failing' }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'DECRYPTION_FAILED');
    });

    it('maps 5xx to UNAVAILABLE and an unparsable body to MALFORMED without quoting it', async () => {
      fake.inject({ kind: 'server-error', operation: GET });
      await expect(on(fake, { parameterName: '/failing', maxAttempts: 1 }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'UNAVAILABLE');
      fake.clearFaults();
      fake.inject({ kind: 'malformed', operation: GET, body: `{"Parameter":{"Value":"${KEY}` });
      const err = await on(fake, { parameterName: '/failing' })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'MALFORMED');
      expect(inspect(err, { depth: 8, showHidden: true })).to.not.include(KEY);
    });
  });

  describe('when built with bad options', () => {
    it('still reads the parameter from `name`, its deprecated spelling, and refuses two different parameters', async () => {
      fake.ssm.put('/app/old-spelling', KEY);
      const old = fromSsmParameter({ name: '/app/old-spelling', clientConfig: fake.clientConfig() });
      expect(old.name).to.equal('ssm:/app/old-spelling');
      expect((await old.getToken()).secret.reveal()).to.equal(KEY);
      const both = { parameterName: '/app/key', name: '/other' } as unknown as SsmParameterOptions;
      expect(() => fromSsmParameter(both)).to.throw(TokenSourceError, /not both/);
    });

    it('throws INVALID_CONFIGURATION at once', () => {
      expect(() => fromSsmParameter({ parameterName: '' })).to.throw(TokenSourceError, /parameterName must be/);
      expect(() => fromSsmParameter({ name: '' })).to.throw(TokenSourceError, /name must be/);
      expect(() => fromSsmParameter({ parameterName: '/x', timeoutMs: -1 })).to.throw(TokenSourceError, /timeoutMs/);
    });
  });
});
