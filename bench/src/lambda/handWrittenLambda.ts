// The peer of readmeLambda.ts: the same handler with the seed guide's hand-written key handling (one GetSecretValue per
// container, then a CacheClient built with the key; no refresh, no rotation). Bundled by bundleSize.ts; never run.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CacheClient, CacheGet, Configurations, CredentialProvider } from '@gomomento/sdk';

const secrets = new SecretsManagerClient({});
let client: Promise<CacheClient> | undefined;

function cacheClient(): Promise<CacheClient> {
  client ??= secrets.send(new GetSecretValueCommand({ SecretId: 'Momento_Auth_Token' })).then(
    (secret) =>
      new CacheClient({
        credentialProvider: CredentialProvider.fromString({ apiKey: secret.SecretString ?? '' }),
        configuration: Configurations.Lambda.latest(),
        defaultTtlSeconds: 600,
      }),
  );
  return client;
}

export const handler = async (event: { readonly id: string }): Promise<{ readonly code?: string }> => {
  const hit = await (await cacheClient()).get('cache', event.id);
  return hit instanceof CacheGet.Hit ? { code: hit.valueString() } : {};
};
