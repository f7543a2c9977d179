import { DecryptCommand, InvalidCiphertextException, KMSClient, NotFoundException } from '@aws-sdk/client-kms';
import { describeAwsAdapter } from '@tokenchain/aws-shared/testing';
import { fromValue } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import * as fakes from '@tokenchain/fakes/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { kmsDecrypt } from './kmsDecrypt.js';

const CONTEXT = { LambdaFunctionName: 'orders' };
// Any base64 will do for a mocked KMS: it decrypts whatever it is told to.
const MOCKED_CIPHERTEXT = 'ciphertext';
const base64 = (text: string) => Buffer.from(text).toString('base64');

// KMS's part of the stories every AWS adapter tells: on a laptop without AWS setup (which has the Lambda function's
// encrypted variable, copied from its configuration), when the answer is an error response, and with a client mocked by
// aws-sdk-client-mock.
describeAwsAdapter({
  title: 'kmsDecrypt',
  service: 'KMS',
  operation: 'kms.Decrypt',
  what: 'the value of env:MOMENTO_API_KEY_ENCRYPTED (key named in the ciphertext)',
  name: 'kms(env:MOMENTO_API_KEY_ENCRYPTED)',
  fakes,
  stored: (fake, key) => {
    const env = { MOMENTO_API_KEY_ENCRYPTED: fake.kms.encrypt(fake.kms.createKey().keyId, key, CONTEXT) };
    const inner = fromEnv({ variable: 'MOMENTO_API_KEY_ENCRYPTED', env });
    return (options) => kmsDecrypt(inner, { encryptionContext: CONTEXT, ...options });
  },
  errorResponses: {
    errorBodies: [
      ['InvalidCiphertextException', 400, 'DECRYPTION_FAILED'],
      ['AccessDeniedException', 400, 'ACCESS_DENIED'],
      ['SomethingNewException', 400, 'UNKNOWN'],
      ['KMSInternalException', 500, 'UNAVAILABLE'],
    ],
    echo: (key) => ({ Plaintext: base64(key), KeyId: 'arn:aws:kms:us-east-1:1:key/x', Value: key }),
    alsoSecret: (key) => [base64(key)],
  },
  clientMock: {
    mockClient,
    Client: KMSClient,
    Command: DecryptCommand,
    source: (options) =>
      kmsDecrypt(fromValue(base64(MOCKED_CIPHERTEXT), 'env:X'), { encryptionContext: CONTEXT, ...options }),
    // The same bytes answer every call: the adapter must not wipe a buffer that is not its own.
    answer: (key) => ({ Plaintext: new TextEncoder().encode(key) }),
    input: { CiphertextBlob: Buffer.from(MOCKED_CIPHERTEXT), EncryptionContext: CONTEXT },
    // KMS has no "absent": a missing key or a bad ciphertext both mean the value cannot be decrypted.
    errors: [
      [new InvalidCiphertextException({ message: '', $metadata: {} }), 'DECRYPTION_FAILED'],
      [new NotFoundException({ message: 'no such key', $metadata: {} }), 'DECRYPTION_FAILED'],
    ],
  },
});
