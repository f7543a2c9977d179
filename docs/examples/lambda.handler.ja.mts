// docs/ja/lambda.md のコードの日本語版: コメントだけを日本語にしたもので、コードは lambda.handler.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { CacheGet } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { createCacheClient } from '@tokenchain/momento';

// モジュールスコープ: コンテナごとにクライアントは 1 つで、そのコンテナのすべての呼び出しで再利用されます。
const cacheClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600, // configuration: Lambda 上で動くので Configurations.Lambda.latest() が選ばれます
});

export const handler = async (event: { readonly id: string }) => {
  const hit = await cacheClient.get('cache', event.id);
  return hit instanceof CacheGet.Hit ? { code: hit.valueString() } : {};
};
