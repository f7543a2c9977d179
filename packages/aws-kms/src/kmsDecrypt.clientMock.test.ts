import { DecryptCommand, InvalidCiphertextException, KMSClient, NotFoundException } from '@aws-sdk/client-kms';
import { fromValue, TokenSourceError } from '@tokenchain/core';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { expect } from 'chai';
import { kmsDecrypt } from './kmsDecrypt.js';

const KEY = 'momento-key-mocked-kms-0123456789abcdef';
// Any base64 will do: a mocked KMS decrypts whatever it is told to.
const CIPHERTEXT = Buffer.from('ciphertext').toString('base64');
const CONTEXT = { LambdaFunctionName: 'orders' };

// aws-sdk-client-mock replaces `send` and answers only what the test says: no $metadata, no HTTP.
describe('kmsDecrypt with a client mocked by aws-sdk-client-mock', () => {
  describe('given the mocked client', () => {
    let client: KMSClient;
    let mock: AwsClientStub<KMSClient>;
    before(() => {
      client = new KMSClient({});
      mock = mockClient(client);
    });
    afterEach(() => mock.reset());
    after(() => mock.restore());

    it('returns the plaintext of a response of only the modelled fields, every time: the mock’s bytes are its own', async () => {
      mock.on(DecryptCommand).resolves({ Plaintext: new TextEncoder().encode(KEY) });
      const source = kmsDecrypt(fromValue(CIPHERTEXT, 'env:X'), { client, encryptionContext: CONTEXT });
      for (const _ of [1, 2]) expect((await source.getToken()).secret.reveal()).to.equal(KEY);
      const input = mock.commandCalls(DecryptCommand)[0]?.args[0].input;
      expect(input?.EncryptionContext).to.deep.equal(CONTEXT);
      expect(Buffer.from(input?.CiphertextBlob ?? []).toString()).to.equal('ciphertext');
    });

    it('maps modelled InvalidCiphertextException and NotFoundException to DECRYPTION_FAILED', async () => {
      mock
        .on(DecryptCommand)
        .rejectsOnce(new InvalidCiphertextException({ message: '', $metadata: {} }))
        .rejectsOnce(new NotFoundException({ message: 'no such key', $metadata: {} }));
      const source = kmsDecrypt(fromValue(CIPHERTEXT, 'env:X'), { client });
      for (const name of ['InvalidCiphertextException', 'NotFoundException']) {
        await expect(source.getToken())
          .to.be.rejectedWith(TokenSourceError, new RegExp(`\\(${name}\\)`))
          .and.eventually.include({ code: 'DECRYPTION_FAILED' });
      }
    });
  });

  describe('mocking the class, for the client the adapter builds itself', () => {
    let mock: AwsClientStub<KMSClient>;
    before(() => {
      mock = mockClient(KMSClient);
    });
    afterEach(() => mock.reset());
    after(() => mock.restore());

    it('returns the plaintext, with no region, credentials or endpoint configured', async () => {
      mock.on(DecryptCommand).resolves({ Plaintext: new TextEncoder().encode(KEY) });
      expect((await kmsDecrypt(fromValue(CIPHERTEXT, 'env:X')).getToken()).secret.reveal()).to.equal(KEY);
    });

    it('rejects a modelled exception as it would from the service', async () => {
      mock.on(DecryptCommand).rejects(new InvalidCiphertextException({ message: '', $metadata: {} }));
      await expect(kmsDecrypt(fromValue(CIPHERTEXT, 'env:X')).getToken())
        .to.be.rejectedWith(TokenSourceError)
        .and.eventually.include({ code: 'DECRYPTION_FAILED' });
    });
  });
});
