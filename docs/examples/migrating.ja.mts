// docs/ja/migrating.md のコードの日本語版: コメントだけを日本語にしたもので、コードは migrating.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CacheClient, Configurations, CredentialProvider } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { base64Decoded, cached, jsonField } from '@tokenchain/core';
import { createCacheClient } from '@tokenchain/momento';

export async function seedBefore() {
  // 移行前: 手書きのコード (Momento のガイド)。
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
  // 移行後: 同じ流れを tokenchain で。
  const cacheClient = createCacheClient({
    source: fromSecretsManager({ secretId: 'Momento_Auth_Token', clientConfig: { region: 'us-west-2' } }),
    configuration: Configurations.Laptop.v1(),
    defaultTtlSeconds: 600,
  });
  await cacheClient.set('cache', 'code', '12345');
}

export async function powertoolsBefore() {
  // 移行前: ハンドラーの中で呼ぶ Powertools Parameters。
  const apiKey = await getSecret('Momento_Auth_Token', { maxAge: 300 });
  const fresh = await getSecret('Momento_Auth_Token', { forceFetch: true });
  const fields = await getSecret<{ apiKey: string }>('prod/momento', { transform: 'json' });
  const decoded = await getSecret('prod/momento-b64', { transform: 'binary' });
  return [apiKey, fresh, fields?.apiKey, decoded];
}

export async function powertoolsAfter() {
  // 移行後: キャッシュ付きのソースを、モジュールスコープで 1 回だけ作ります。
  const source = cached(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), { ttlMs: 300_000 });
  const token = await source.getToken();
  const fresh = await source.getToken({ forceRefresh: true });
  const fields = fromSecretsManager({ secretId: 'prod/momento', jsonField: 'apiKey' });
  const decoded = base64Decoded(fromSecretsManager({ secretId: 'prod/momento-b64' }));
  const nested = jsonField(base64Decoded(fromSecretsManager({ secretId: 'prod/momento-b64-json' })), 'apiKey');
  return [token, fresh, await fields.getToken(), await decoded.getToken(), await nested.getToken()];
}
