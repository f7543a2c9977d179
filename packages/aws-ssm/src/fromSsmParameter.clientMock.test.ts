import { GetParameterCommand, InvalidKeyId, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { expect } from 'chai';
import { fromSsmParameter } from './fromSsmParameter.js';

const KEY = 'momento-key-mocked-ssm-0123456789abcdef';

// aws-sdk-client-mock replaces `send` and answers only what the test says: no $metadata, no HTTP.
describe('fromSsmParameter with a client mocked by aws-sdk-client-mock', () => {
  describe('given the mocked client', () => {
    let client: SSMClient;
    let mock: AwsClientStub<SSMClient>;
    before(() => {
      client = new SSMClient({});
      mock = mockClient(client);
    });
    afterEach(() => mock.reset());
    after(() => mock.restore());

    it('returns the key and version from a response of only the modelled fields, asking for decryption', async () => {
      mock.on(GetParameterCommand).resolves({ Parameter: { Name: '/momento/key', Value: KEY, Version: 4 } });
      const token = await fromSsmParameter({ parameterName: '/momento/key', client }).getToken();
      expect([token.secret.reveal(), token.version]).to.deep.equal([KEY, '4']);
      expect(mock.commandCalls(GetParameterCommand)[0]?.args[0].input).to.deep.equal({
        Name: '/momento/key',
        WithDecryption: true,
      });
    });

    it('rejects a modelled ParameterNotFound with TokenNotFoundError, and InvalidKeyId with DECRYPTION_FAILED', async () => {
      mock
        .on(GetParameterCommand)
        .rejectsOnce(new ParameterNotFound({ message: 'not found', $metadata: {} }))
        .rejectsOnce(new InvalidKeyId({ message: 'bad key', $metadata: {} }));
      const source = fromSsmParameter({ parameterName: '/momento/key', client });
      await expect(source.getToken()).to.be.rejectedWith(TokenNotFoundError, /\(ParameterNotFound\)/);
      await expect(source.getToken()).to.be.rejectedWith(TokenSourceError).and.eventually.include({
        code: 'DECRYPTION_FAILED',
      });
    });
  });

  describe('mocking the class, for the client the adapter builds itself', () => {
    let mock: AwsClientStub<SSMClient>;
    before(() => {
      mock = mockClient(SSMClient);
    });
    afterEach(() => mock.reset());
    after(() => mock.restore());

    it('returns the key, with no region, credentials or endpoint configured', async () => {
      mock.on(GetParameterCommand).resolves({ Parameter: { Value: KEY } });
      expect((await fromSsmParameter({ parameterName: '/momento/key' }).getToken()).secret.reveal()).to.equal(KEY);
    });

    it('rejects a modelled exception as it would from the service', async () => {
      mock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
      await expect(fromSsmParameter({ parameterName: '/momento/key' }).getToken()).to.be.rejectedWith(
        TokenNotFoundError,
      );
    });
  });
});
