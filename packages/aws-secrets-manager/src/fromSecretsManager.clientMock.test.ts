import {
  DecryptionFailure,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { chain, fromValue, TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { expect } from 'chai';
import { fromSecretsManager } from './fromSecretsManager.js';

const KEY = 'momento-key-mocked-0123456789abcdef';

// Users test their own code with aws-sdk-client-mock, which replaces `send` and answers only what the test says: no
// $metadata, no HTTP. The adapter must work with it exactly as with the real service.
describe('fromSecretsManager with a client mocked by aws-sdk-client-mock', () => {
  describe('given the mocked client', () => {
    let client: SecretsManagerClient;
    let mock: AwsClientStub<SecretsManagerClient>;
    before(() => {
      client = new SecretsManagerClient({});
      mock = mockClient(client);
    });
    afterEach(() => mock.reset());
    after(() => mock.restore());

    it('returns the key from a response of only the modelled fields, every time', async () => {
      mock.on(GetSecretValueCommand, { SecretId: 'momento' }).resolves({ SecretString: KEY, VersionId: 'v-1' });
      const source = fromSecretsManager({ secretId: 'momento', client });
      for (const _ of [1, 2]) {
        const token = await source.getToken();
        expect([token.secret.reveal(), token.version]).to.deep.equal([KEY, 'v-1']);
      }
      expect(mock.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).to.deep.equal([
        { SecretId: 'momento' },
        { SecretId: 'momento' },
      ]);
    });

    it('rejects a modelled ResourceNotFoundException with TokenNotFoundError, so a chain moves on', async () => {
      mock
        .on(GetSecretValueCommand)
        .rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find it", $metadata: {} }));
      await expect(fromSecretsManager({ secretId: 'momento', client }).getToken()).to.be.rejectedWith(
        TokenNotFoundError,
        /secret momento does not exist \(ResourceNotFoundException\)/,
      );
      const token = await chain(fromSecretsManager({ secretId: 'momento', client }), fromValue(KEY)).getToken();
      expect(token.source).to.equal('value');
    });

    it('maps a modelled DecryptionFailure to DECRYPTION_FAILED, and a plain Error to UNKNOWN without quoting it', async () => {
      mock
        .on(GetSecretValueCommand)
        .rejectsOnce(new DecryptionFailure({ message: 'no', $metadata: {} }))
        .rejectsOnce(new Error(`boom ${KEY}`));
      const source = fromSecretsManager({ secretId: 'momento', client });
      await expect(source.getToken()).to.be.rejectedWith(TokenSourceError).and.eventually.include({
        code: 'DECRYPTION_FAILED',
      });
      const err = await source.getToken().catch((e: unknown) => e);
      expect(err).to.include({ code: 'UNKNOWN' });
      expect((err as Error).message).not.to.include(KEY);
    });
  });

  describe('mocking the class, for the client the adapter builds itself', () => {
    let mock: AwsClientStub<SecretsManagerClient>;
    before(() => {
      mock = mockClient(SecretsManagerClient);
    });
    afterEach(() => mock.reset());
    after(() => mock.restore());

    it('returns the key, with no region, credentials or endpoint configured', async () => {
      mock.on(GetSecretValueCommand).resolves({ SecretString: KEY });
      const token = await fromSecretsManager({ secretId: 'momento' }).getToken();
      expect(token.secret.reveal()).to.equal(KEY);
      expect(mock.commandCalls(GetSecretValueCommand)).to.have.length(1);
    });

    it('rejects a modelled exception as it would from the service', async () => {
      mock.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'missing', $metadata: {} }));
      await expect(fromSecretsManager({ secretId: 'momento' }).getToken()).to.be.rejectedWith(TokenNotFoundError);
    });
  });
});
