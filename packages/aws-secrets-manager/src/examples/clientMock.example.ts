// docs/testing.md: testing code that uses tokenchain with aws-sdk-client-mock. Compiled, so it cannot drift from the code;
// clientMock.example.test.ts runs it. Nothing runs at import.
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, fromValue, type TokenSource } from '@tokenchain/core';
import { mockClient } from 'aws-sdk-client-mock';

// The application's code: where its Momento key comes from.
export function momentoKeySource(fallbackKey: string): TokenSource {
  return chain(fromSecretsManager({ secretId: 'Momento_Auth_Token', jsonField: 'apiKey' }), fromValue(fallbackKey));
}

// The application's test. Mocking the class mocks the client the adapter builds itself, so the code under test is unchanged.
export async function clientMockExample(): Promise<{ key: string; endpoint?: string; whenMissing: string }> {
  const secretsManager = mockClient(SecretsManagerClient);
  try {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'Momento_Auth_Token' }).resolves({
      SecretString: JSON.stringify({ apiKey: 'key-from-the-mock', endpoint: 'cell-1.example.com' }),
    });
    const token = await momentoKeySource('fallback-key').getToken();

    // A modelled exception, built with the SDK's own class, behaves as the service's would: here the chain moves on.
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(
        new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }),
      );
    const fallback = await momentoKeySource('fallback-key').getToken();

    return {
      key: token.secret.reveal(),
      ...(token.attributes?.endpoint !== undefined && { endpoint: token.attributes.endpoint }),
      whenMissing: fallback.secret.reveal(),
    };
  } finally {
    secretsManager.restore();
  }
}
