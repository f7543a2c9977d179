import { inspect } from 'node:util';
import { useAwsFakes } from '@tokenchain/aws-shared/testing';
import { type TokenEvent, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { describeTokenSourceContract } from '@tokenchain/core/testing';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { fromSecretsManager, type SecretsManagerInit } from './fromSecretsManager.js';

const KEY = 'momento-key-0123456789abcdef';
const GET = 'secretsmanager.GetSecretValue';

describe('fromSecretsManager', () => {
  // Each faulty fake always fails in one way, and holds the key so a leak would show.
  const fakes = useAwsFakes(startAwsFake, {
    seed: (f) => f.secretsManager.put('contract', KEY),
    faulty: {
      hang: { kind: 'hang' },
      denied: { kind: 'access-denied' },
      decryption: {
        kind: 'error',
        type: 'DecryptionFailure',
        message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
      },
      unavailable: { kind: 'server-error', status: 503 },
      reset: { kind: 'reset' },
      malformed: { kind: 'malformed', body: `{"Name":"contract","SecretString":"${KEY}` },
    },
  });
  let fake: AwsFake;
  before(() => {
    fake = fakes.fake;
  });

  const on = (target: AwsFake, init: SecretsManagerInit) =>
    fromSecretsManager({ clientConfig: target.clientConfig(), ...init });

  describeTokenSourceContract('fromSecretsManager', () => {
    fake.secretsManager.put('contract', `  ${KEY}\n`);
    fake.secretsManager.put('contract/deleted', KEY);
    fake.secretsManager.markDeleted('contract/deleted');
    fake.secretsManager.put('contract/json', JSON.stringify({ apiKey: KEY }));
    const broken = (label: Parameters<typeof fakes.faulty>[0]) => () =>
      on(fakes.faulty(label), { secretId: 'contract', maxAttempts: 2 });
    return {
      present: () => on(fake, { secretId: 'contract' }),
      expectedKey: KEY,
      absent: () => on(fake, { secretId: 'contract/absent' }),
      slow: () => on(fakes.faulty('hang'), { secretId: 'contract' }),
      broken: {
        'access denied': broken('denied'),
        'decryption failure': broken('decryption'),
        'service unavailable': broken('unavailable'),
        'connection reset': broken('reset'),
        'malformed response': broken('malformed'),
        'marked for deletion': () => on(fake, { secretId: 'contract/deleted' }),
        'missing JSON field': () => on(fake, { secretId: 'contract/json', jsonField: 'nope' }),
      },
    };
  });

  describe('having a plain secret', () => {
    let versionId: string;
    before(() => {
      versionId = fake.secretsManager.put('plain', KEY).versionId;
    });

    it('returns the key with the VersionId as version, named after the secret', async () => {
      const token = await on(fake, { secretId: 'plain' }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(token.version).to.equal(versionId);
      expect(token.source).to.equal('secretsmanager:plain');
      expect(fake.requests[0]?.input).to.deep.equal({ SecretId: 'plain' });
    });

    it('builds its client once and reuses it (and its connection) across calls', async () => {
      const source = on(fake, { secretId: 'plain' });
      await source.getToken();
      await source.getToken();
      await on(fake, { secretId: 'plain' }).getToken();
      expect(fake.count(GET)).to.equal(3);
      expect(fake.connections).to.equal(2);
    });

    it('reads it by ARN too', async () => {
      const arn = fake.secretsManager.arn('plain');
      const source = on(fake, { secretId: arn });
      expect(source.name).to.equal(`secretsmanager:${arn}`);
      expect((await source.getToken()).secret.reveal()).to.equal(KEY);
    });
  });

  describe('having a JSON secret', () => {
    before(() => {
      fake.secretsManager.put(
        'json',
        JSON.stringify({
          apiKey: KEY,
          endpoint: 'cell-1.example.com',
          cacheName: 'sessions',
          password: 'hunter2',
          n: 3,
        }),
      );
    });

    it('returns jsonField as the key and only the known non-secret companion (endpoint) as attributes', async () => {
      const token = await on(fake, { secretId: 'json', jsonField: 'apiKey' }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      // cacheName is not copied unless named: an unknown field may hold a second key (see readJsonField).
      expect(token.attributes).to.deep.equal({ endpoint: 'cell-1.example.com' });
    });

    it('copies only attributeFields when given', async () => {
      const token = await on(fake, { secretId: 'json', jsonField: 'apiKey', attributeFields: ['endpoint'] }).getToken();
      expect(token.attributes).to.deep.equal({ endpoint: 'cell-1.example.com' });
      const none = await on(fake, { secretId: 'json', jsonField: 'apiKey', attributeFields: [] }).getToken();
      expect(none.attributes).to.equal(undefined);
    });

    it('rejects with MALFORMED naming a missing or non-string field', async () => {
      for (const jsonField of ['missing', 'n']) {
        const err = await on(fake, { secretId: 'json', jsonField })
          .getToken()
          .catch((e: unknown) => e);
        expect(TokenSourceError.is(err) && err.code).to.equal('MALFORMED');
        expect((err as Error).message)
          .to.include(`"${jsonField}"`)
          .and.not.include(KEY);
      }
    });

    it('warns through the observer when jsonField is not set, without quoting the value', async () => {
      const events: TokenEvent[] = [];
      await on(fake, { secretId: 'json', observer: { onEvent: (e) => events.push(e) } }).getToken();
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ type: 'warning', source: 'secretsmanager:json' });
      expect(JSON.stringify(events)).to.not.include(KEY);
    });
  });

  describe('having a secret that is not JSON, read with jsonField', () => {
    it('rejects with MALFORMED and does not quote the value', async () => {
      fake.secretsManager.put('notjson', `{${KEY}`);
      const err = await on(fake, { secretId: 'notjson', jsonField: 'apiKey' })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'MALFORMED');
      expect(inspect(err, { depth: 8 })).to.not.include(KEY);
    });
  });

  describe('having a binary secret', () => {
    it('decodes SecretBinary as UTF-8', async () => {
      fake.secretsManager.put('binary', new TextEncoder().encode(KEY));
      expect((await on(fake, { secretId: 'binary' }).getToken()).secret.reveal()).to.equal(KEY);
    });

    it('rejects bytes that are not UTF-8 with MALFORMED', async () => {
      fake.secretsManager.put('binary/bad', new Uint8Array([0xff, 0xfe, 0xfd]));
      await expect(on(fake, { secretId: 'binary/bad' }).getToken())
        .to.be.rejectedWith(TokenSourceError, /not UTF-8/)
        .and.eventually.have.property('code', 'MALFORMED');
    });
  });

  describe('having an empty secret', () => {
    it('rejects with MALFORMED', async () => {
      fake.secretsManager.put('empty', '');
      await expect(on(fake, { secretId: 'empty' }).getToken())
        .to.be.rejectedWith(TokenSourceError, /secretsmanager:empty: the value is empty/)
        .and.eventually.have.property('code', 'MALFORMED');
    });
  });

  describe('having a secret in mid-rotation', () => {
    let previous: string;
    let current: string;
    let pending: string;
    before(() => {
      previous = fake.secretsManager.put('rotating', 'key-1').versionId;
      current = fake.secretsManager.rotate('rotating', 'key-2');
      pending = fake.secretsManager.put('rotating', 'key-3', { stages: ['AWSPENDING'] }).versionId;
    });

    it('returns AWSCURRENT by default, and AWSPREVIOUS or AWSPENDING when asked', async () => {
      const read = async (versionStage?: string) => {
        const token = await on(fake, { secretId: 'rotating', ...(versionStage && { versionStage }) }).getToken();
        return [token.secret.reveal(), token.version];
      };
      expect(await read()).to.deep.equal(['key-2', current]);
      expect(await read('AWSPREVIOUS')).to.deep.equal(['key-1', previous]);
      expect(await read('AWSPENDING')).to.deep.equal(['key-3', pending]);
    });

    it('returns a pinned version by VersionId', async () => {
      const token = await on(fake, { secretId: 'rotating', versionId: previous }).getToken();
      expect(token.secret.reveal()).to.equal('key-1');
    });

    it('sees the new key once AWSCURRENT moves', async () => {
      const source = on(fake, { secretId: 'rotating' });
      fake.secretsManager.stage('rotating', 'AWSCURRENT', pending);
      expect((await source.getToken()).version).to.equal(pending);
      fake.secretsManager.stage('rotating', 'AWSCURRENT', current);
    });

    it('rejects a stage that no version holds with TokenNotFoundError', async () => {
      await expect(on(fake, { secretId: 'rotating', versionStage: 'CUSTOM' }).getToken()).to.be.rejectedWith(
        TokenNotFoundError,
        /secret rotating does not exist \(ResourceNotFoundException/,
      );
    });
  });

  describe('when AWS fails', () => {
    before(() => {
      fake.secretsManager.put('failing', KEY);
    });

    it('maps AccessDeniedException to ACCESS_DENIED, keeping the SDK error as cause', async () => {
      fake.inject({ kind: 'access-denied', operation: GET });
      const err = await on(fake, { secretId: 'failing' })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'ACCESS_DENIED');
      expect((err as Error).message).to.match(
        /^secretsmanager:failing: Secrets Manager denied access to secret failing/,
      );
      expect((err as Error).cause).to.have.property('name', 'AccessDeniedException');
    });

    it('maps DecryptionFailure to DECRYPTION_FAILED', async () => {
      fake.inject({ kind: 'error', type: 'DecryptionFailure', operation: GET });
      await expect(on(fake, { secretId: 'failing' }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'DECRYPTION_FAILED');
    });

    it('retries throttling with backoff and succeeds, reporting the extra attempts', async () => {
      fake.inject({ kind: 'throttle', operation: GET, times: 2 });
      const events: TokenEvent[] = [];
      const token = await on(fake, { secretId: 'failing', observer: { onEvent: (e) => events.push(e) } }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(fake.attempts(GET)).to.deep.equal([1, 2, 3]);
      expect(events.map((e) => e.type)).to.deep.equal(['warning']);
    });

    it('gives up on persistent throttling after maxAttempts with THROTTLED', async () => {
      fake.inject({ kind: 'throttle', operation: GET });
      const err = await on(fake, { secretId: 'failing', maxAttempts: 2 })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'THROTTLED');
      expect((err as Error).message).to.include('after 2 attempts');
      expect(fake.attempts(GET)).to.deep.equal([1, 2]);
    });

    it('retries a 500 and maps a persistent 503 to UNAVAILABLE', async () => {
      fake.inject({ kind: 'server-error', operation: GET, times: 1 });
      expect((await on(fake, { secretId: 'failing' }).getToken()).secret.reveal()).to.equal(KEY);
      fake.inject({ kind: 'server-error', status: 503, operation: GET });
      await expect(on(fake, { secretId: 'failing', maxAttempts: 2 }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'UNAVAILABLE');
    });

    it('maps a reset connection to UNAVAILABLE', async () => {
      fake.inject({ kind: 'reset', operation: GET });
      await expect(on(fake, { secretId: 'failing', maxAttempts: 1 }).getToken())
        .to.be.rejectedWith(TokenSourceError, /ECONNRESET/)
        .and.eventually.have.property('code', 'UNAVAILABLE');
    });

    it('maps an unparsable response to MALFORMED without keeping the parser error, which quotes the body', async () => {
      fake.inject({ kind: 'malformed', operation: GET, body: `{"SecretString":"${KEY}` });
      const err = await on(fake, { secretId: 'failing' })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'MALFORMED');
      expect((err as Error).cause).to.include({ name: 'SyntaxError', message: 'HTTP 200, 1 attempt' });
      expect(inspect(err, { depth: 8, showHidden: true })).to.not.include(KEY);
    });
  });

  describe('when built with bad options', () => {
    it('throws INVALID_CONFIGURATION at once', () => {
      expect(() => fromSecretsManager({ secretId: ' ' })).to.throw(TokenSourceError, /secretId/);
      expect(() => fromSecretsManager({ secretId: 'x', timeoutMs: 0 })).to.throw(TokenSourceError, /timeoutMs/);
      expect(() => fromSecretsManager({ secretId: 'x', maxAttempts: 0 })).to.throw(TokenSourceError, /maxAttempts/);
    });
  });
});
