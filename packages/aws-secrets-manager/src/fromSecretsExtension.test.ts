import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { TokenAbortedError, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { describeTokenSourceContract } from '@tokenchain/core/testing';
import {
  type AwsFake,
  type AwsFault,
  keyFragmentIn,
  type SecretsExtensionFake,
  startAwsFake,
  startSecretsExtensionFake,
} from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { fromSecretsExtension, type SecretsExtensionInit } from './fromSecretsExtension.js';

const KEY = 'momento-key-extension-0123456789';
const GET = 'extension.GetSecretValue';

describe('fromSecretsExtension', () => {
  let aws: AwsFake;
  let extension: SecretsExtensionFake;
  const faulty: Record<string, SecretsExtensionFake> = {};

  before(async () => {
    aws = await startAwsFake();
    extension = await startSecretsExtensionFake(aws, { sessionToken: 'session-1' });
    const faults: Record<string, AwsFault> = {
      hang: { kind: 'hang' },
      denied: { kind: 'access-denied' },
      failing: { kind: 'server-error' },
      malformed: { kind: 'malformed', body: `{"SecretString":"${KEY}` },
    };
    for (const [label, fault] of Object.entries(faults)) {
      faulty[label] = await startSecretsExtensionFake(aws, { sessionToken: 'session-1' });
      faulty[label].inject(fault);
    }
    aws.secretsManager.put('contract', KEY);
  });

  after(async () => {
    await Promise.all([extension, ...Object.values(faulty)].map((f) => f.close()));
    await aws.close();
  });

  afterEach(() => {
    extension.clearFaults();
  });

  const via = (target: SecretsExtensionFake, init: Omit<SecretsExtensionInit, 'port'>) =>
    fromSecretsExtension({ port: target.port, sessionToken: target.sessionToken, ...init });

  describeTokenSourceContract('fromSecretsExtension', () => ({
    present: () => via(extension, { secretId: 'contract' }),
    expectedKey: KEY,
    absent: () => via(extension, { secretId: 'contract/absent' }),
    slow: () => via(faulty.hang!, { secretId: 'contract' }),
    broken: {
      'wrong session token': () => via(extension, { secretId: 'contract', sessionToken: 'wrong' }),
      'access denied': () => via(faulty.denied!, { secretId: 'contract' }),
      'extension failing': () => via(faulty.failing!, { secretId: 'contract', maxAttempts: 1 }),
      'malformed response': () => via(faulty.malformed!, { secretId: 'contract' }),
    },
  }));

  describe('having a secret with two versions', () => {
    let previous: string;
    let current: string;
    before(() => {
      previous = aws.secretsManager.put('rotating', JSON.stringify({ apiKey: 'key-1', endpoint: 'e1' })).versionId;
      current = aws.secretsManager.rotate('rotating', JSON.stringify({ apiKey: 'key-2', endpoint: 'e2' }));
    });

    it('returns the current key, its JSON companions and its VersionId', async () => {
      const token = await via(extension, { secretId: 'rotating', jsonField: 'apiKey' }).getToken();
      expect(token.secret.reveal()).to.equal('key-2');
      expect(token.attributes).to.deep.equal({ endpoint: 'e2' });
      expect(token.version).to.equal(current);
      expect(token.source).to.equal('secrets-extension:rotating');
    });

    it('passes versionStage and versionId as query parameters', async () => {
      const byStage = await via(extension, {
        secretId: 'rotating',
        jsonField: 'apiKey',
        versionStage: 'AWSPREVIOUS',
      }).getToken();
      expect(byStage.secret.reveal()).to.equal('key-1');
      const byId = await via(extension, { secretId: 'rotating', jsonField: 'apiKey', versionId: previous }).getToken();
      expect(byId.version).to.equal(previous);
      expect(extension.requests.at(-1)?.query).to.deep.equal({ secretId: 'rotating', versionId: previous });
    });
  });

  it('decodes a binary secret', async () => {
    aws.secretsManager.put('binary', new TextEncoder().encode(KEY));
    expect((await via(extension, { secretId: 'binary' }).getToken()).secret.reveal()).to.equal(KEY);
  });

  describe('having Lambda environment variables', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['AWS_SESSION_TOKEN', 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('reads the port and the session token from them', async () => {
      process.env.AWS_SESSION_TOKEN = extension.sessionToken;
      process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String(extension.port);
      expect((await fromSecretsExtension({ secretId: 'contract' }).getToken()).secret.reveal()).to.equal(KEY);
      expect(extension.requests.at(-1)?.authorized).to.equal(true);
    });

    it('rejects with INVALID_CONFIGURATION when there is no session token', async () => {
      delete process.env.AWS_SESSION_TOKEN;
      await expect(fromSecretsExtension({ secretId: 'contract', port: extension.port }).getToken())
        .to.be.rejectedWith(TokenSourceError, /AWS_SESSION_TOKEN/)
        .and.eventually.have.property('code', 'INVALID_CONFIGURATION');
    });

    it('refuses a port variable that is not a port', () => {
      process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = 'http';
      expect(() => fromSecretsExtension({ secretId: 'contract' })).to.throw(TokenSourceError, /not a port/);
    });
  });

  describe('when the secret is missing, deleted or undecryptable', () => {
    it('rejects an unknown secret with TokenNotFoundError', async () => {
      await expect(via(extension, { secretId: 'nope' }).getToken()).to.be.rejectedWith(
        TokenNotFoundError,
        /secret nope does not exist \(HTTP 400 ResourceNotFoundException\)/,
      );
    });

    it('rejects a deleted secret with INVALID_CONFIGURATION', async () => {
      aws.secretsManager.put('deleted', KEY);
      aws.secretsManager.markDeleted('deleted');
      await expect(via(extension, { secretId: 'deleted' }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'INVALID_CONFIGURATION');
    });

    it('maps DecryptionFailure to DECRYPTION_FAILED', async () => {
      extension.inject({ kind: 'error', type: 'DecryptionFailure', operation: GET });
      await expect(via(extension, { secretId: 'contract' }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'DECRYPTION_FAILED');
    });
  });

  describe('when the extension struggles', () => {
    it('retries a 500 and a throttle, then returns the key', async () => {
      extension.inject({ kind: 'server-error', operation: GET, times: 1 });
      extension.inject({ kind: 'throttle', operation: GET, times: 1 });
      const before = extension.count(GET);
      expect((await via(extension, { secretId: 'contract' }).getToken()).secret.reveal()).to.equal(KEY);
      expect(extension.count(GET) - before).to.equal(3);
    });

    it('gives up after maxAttempts with THROTTLED', async () => {
      extension.inject({ kind: 'throttle', operation: GET });
      const before = extension.count(GET);
      await expect(via(extension, { secretId: 'contract', maxAttempts: 2 }).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.have.property('code', 'THROTTLED');
      expect(extension.count(GET) - before).to.equal(2);
    });

    it('maps an unreachable extension to UNAVAILABLE, hinting at the layer', async () => {
      const port = await freePort();
      const err = await fromSecretsExtension({ secretId: 'contract', port, sessionToken: 's', maxAttempts: 2 })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'UNAVAILABLE');
      expect((err as Error).message).to.match(/ECONNREFUSED.*layer installed/);
    });

    it('does not quote an unreadable body', async () => {
      const err = await via(faulty.malformed!, { secretId: 'contract' })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenSourceError).with.property('code', 'MALFORMED');
      expect(inspect(err, { depth: 8, showHidden: true })).to.not.include(KEY);
    });

    for (const [status, format] of [
      [500, 'html'],
      [502, 'html'],
      [503, 'text'],
      [504, 'text'],
    ] as const) {
      it(`calls a ${status} ${format} page from something in between UNAVAILABLE, after retrying it`, async () => {
        extension.inject({ kind: 'proxy-page', status, format, operation: GET });
        const before = extension.count(GET);
        await expect(via(extension, { secretId: 'contract', maxAttempts: 2 }).getToken())
          .to.be.rejectedWith(TokenSourceError, new RegExp(`\\(HTTP ${status}\\)$`))
          .and.eventually.have.property('code', 'UNAVAILABLE');
        expect(extension.count(GET) - before).to.equal(2);
      });
    }

    it('keeps only the AWS error name of a body that carries the value', async () => {
      const fields = { SecretString: KEY, Parameter: { Value: KEY } };
      for (const [type, status] of [
        ['ResourceNotFoundException', 400],
        ['AccessDeniedException', 400],
        ['InternalServiceError', 500],
      ] as const) {
        extension.inject({ kind: 'error', type, status, message: `echo ${KEY}`, fields, operation: GET, times: 3 });
        const err = await via(extension, { secretId: 'contract' })
          .getToken()
          .catch((e: unknown) => e);
        expect(TokenSourceError.is(err), String(err)).to.equal(true);
        expect(keyFragmentIn(err, KEY), `${type}: a piece of the key in the error`).to.equal(undefined);
      }
    });

    it('ends a hung call at its deadline with TIMEOUT', async () => {
      const started = performance.now();
      await expect(via(faulty.hang!, { secretId: 'contract', timeoutMs: 150 }).getToken())
        .to.be.rejectedWith(TokenAbortedError)
        .and.eventually.have.property('code', 'TIMEOUT');
      expect(performance.now() - started).to.be.below(2000);
    });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
