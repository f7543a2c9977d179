// The code of docs/migrating.md (both languages), before and after, compiled by CI; docsSync.test.ts checks the pages
// quote it. Nothing imports this module: it is type-checked, never run.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CacheClient, Configurations, CredentialProvider } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { base64Decoded, cached, jsonField } from '@tokenchain/core';
import { createCacheClient } from '@tokenchain/momento';

export async function seedBefore() {
  // Before: the seed's hand-written code (Momento's guide).
  async function getToken(): Promise<string> {
    const client = new SecretsManagerClient({ region: 'us-west-2' });
    const response = await client.send(new GetSecretValueCommand({ SecretId: 'Momento_Auth_Token' }));
    return response.SecretString ?? '';
  }
  const cacheClient = await CacheClient.create({
    configuration: Configurations.Laptop.v1(),
    credentialProvider: CredentialProvider.fromString({ apiKey: await getToken() }),
    defaultTtlSeconds: 600,
  });
  await cacheClient.set('cache', 'code', '12345');
}

export async function seedAfter() {
  // After: the same flow with tokenchain.
  const cacheClient = createCacheClient({
    source: fromSecretsManager({ secretId: 'Momento_Auth_Token', clientConfig: { region: 'us-west-2' } }),
    configuration: Configurations.Laptop.v1(),
    defaultTtlSeconds: 600,
  });
  await cacheClient.set('cache', 'code', '12345');
}

export async function powertoolsBefore() {
  // Before: Powertools Parameters, called in the handler.
  const apiKey = await getSecret('Momento_Auth_Token', { maxAge: 300 });
  const fresh = await getSecret('Momento_Auth_Token', { forceFetch: true });
  const fields = await getSecret<{ apiKey: string }>('prod/momento', { transform: 'json' });
  const decoded = await getSecret('prod/momento-b64', { transform: 'binary' });
  return [apiKey, fresh, fields?.apiKey, decoded];
}

export async function powertoolsAfter() {
  // After: a source with a cache, built once at module scope.
  const source = cached(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), { ttlMs: 300_000 });
  const token = await source.getToken();
  const fresh = await source.getToken({ forceRefresh: true });
  const fields = fromSecretsManager({ secretId: 'prod/momento', jsonField: 'apiKey' });
  const decoded = base64Decoded(fromSecretsManager({ secretId: 'prod/momento-b64' }));
  const nested = jsonField(base64Decoded(fromSecretsManager({ secretId: 'prod/momento-b64-json' })), 'apiKey');
  return [token, fresh, await fields.getToken(), await decoded.getToken(), await nested.getToken()];
}
