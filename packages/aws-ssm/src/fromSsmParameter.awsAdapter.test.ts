import { GetParameterCommand, InvalidKeyId, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { describeAwsAdapter } from '@tokenchain/aws-shared/testing';
import * as fakes from '@tokenchain/fakes/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { fromSsmParameter } from './fromSsmParameter.js';

// Parameter Store's part of the stories every AWS adapter tells: on a laptop without AWS setup, when the answer is an
// error response, and with a client mocked by aws-sdk-client-mock.
describeAwsAdapter({
  title: 'fromSsmParameter',
  service: 'SSM Parameter Store',
  operation: 'ssm.GetParameter',
  what: 'parameter /momento/key',
  name: 'ssm:/momento/key',
  fakes,
  stored: (fake, key) => {
    fake.ssm.put('/momento/key', key, { type: 'SecureString' });
    return (options) => fromSsmParameter({ parameterName: '/momento/key', ...options });
  },
  storedByArn: (fake, key, region) => {
    fake.ssm.put('/regional', key, { region });
    const parameterName = fake.ssm.arn('/regional', { region });
    return (options) => fromSsmParameter({ parameterName, ...options });
  },
  errorResponses: {
    errorBodies: [
      ['ParameterNotFound', 400, 'NOT_FOUND'],
      ['AccessDeniedException', 400, 'ACCESS_DENIED'],
      ['InvalidKeyId', 400, 'DECRYPTION_FAILED'],
      ['SomethingNewException', 400, 'UNKNOWN'],
      ['InternalServerError', 500, 'UNAVAILABLE'],
    ],
    echo: (key) => ({ Parameter: { Name: '/momento/key', Value: key, Type: 'SecureString' } }),
  },
  clientMock: {
    mockClient,
    Client: SSMClient,
    Command: GetParameterCommand,
    source: (options) => fromSsmParameter({ parameterName: '/momento/key', ...options }),
    answer: (key) => ({ Parameter: { Name: '/momento/key', Value: key, Version: 4 } }),
    version: '4',
    // SecureString or not, the adapter asks for the decrypted value.
    input: { Name: '/momento/key', WithDecryption: true },
    errors: [
      [new ParameterNotFound({ message: 'not found', $metadata: {} }), 'NOT_FOUND'],
      [new InvalidKeyId({ message: 'bad key', $metadata: {} }), 'DECRYPTION_FAILED'],
    ],
  },
});
