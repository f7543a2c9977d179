import {
  DecryptionFailure,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describeAwsAdapter } from '@tokenchain/aws-shared/testing';
import * as fakes from '@tokenchain/fakes/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { fromSecretsManager } from './fromSecretsManager.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

// Secrets Manager's part of the stories every AWS adapter tells: on a laptop without AWS setup, when the answer is an
// error response, and with a client mocked by aws-sdk-client-mock.
describeAwsAdapter({
  title: 'fromSecretsManager',
  service: 'Secrets Manager',
  operation: 'secretsmanager.GetSecretValue',
  what: 'secret momento',
  name: 'secretsmanager:momento',
  fakes,
  stored: (fake, key) => {
    fake.secretsManager.put('momento', key);
    return (options) => fromSecretsManager({ secretId: 'momento', ...options });
  },
  storedByArn: (fake, key, region) => {
    fake.secretsManager.put('regional', key, { region });
    const secretId = fake.secretsManager.arn('regional', { region });
    return (options) => fromSecretsManager({ secretId, ...options });
  },
  errorResponses: {
    errorBodies: [
      ['ResourceNotFoundException', 400, 'NOT_FOUND'],
      ['AccessDeniedException', 400, 'ACCESS_DENIED'],
      ['DecryptionFailure', 400, 'DECRYPTION_FAILED'],
      ['SomethingNewException', 400, 'UNKNOWN'],
      ['InternalServiceError', 500, 'UNAVAILABLE'],
    ],
    echo: (key) => ({ SecretString: key, SecretBinary: base64(key), Name: 'momento' }),
    alsoSecret: (key) => [base64(key)],
  },
  clientMock: {
    mockClient,
    Client: SecretsManagerClient,
    Command: GetSecretValueCommand,
    source: (options) => fromSecretsManager({ secretId: 'momento', ...options }),
    answer: (key) => ({ SecretString: key, VersionId: 'v-1' }),
    version: 'v-1',
    input: { SecretId: 'momento' },
    errors: [
      [new ResourceNotFoundException({ message: "Secrets Manager can't find it", $metadata: {} }), 'NOT_FOUND'],
      [new DecryptionFailure({ message: 'no', $metadata: {} }), 'DECRYPTION_FAILED'],
    ],
  },
});
