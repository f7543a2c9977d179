// docs/ja/bundling.md のコードの日本語版: コメントだけを日本語にしたもので、コードは bundling.handler.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { CacheGet, Configurations } from '@gomomento/sdk';
import { fromSecretsManager, secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromConfig } from '@tokenchain/core/config';
import { envScheme, fromEnv } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

// モジュールスコープ: コンテナごとに 1 回だけ作られ、呼び出しが必要とするまで通信しません。
const cacheClient = createCacheClient({
  source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),
  configuration: Configurations.Lambda.latest(),
  defaultTtlSeconds: 600,
});

// 同じチェーンを設定文字列で。使うスキームを渡すと、バンドラーがそれを見つけてバンドルに含めます。
const configuredClient = createCacheClient({
  source: fromConfig('secretsmanager:Momento_Auth_Token, env:MOMENTO_API_KEY', {
    schemes: [secretsManagerScheme, envScheme],
  }),
  configuration: Configurations.Lambda.latest(),
  defaultTtlSeconds: 600,
});

export const handler = async (event: { readonly id: string }) => {
  const hit = await cacheClient.get('cache', event.id);
  return hit instanceof CacheGet.Hit ? { code: hit.valueString() } : {};
};
export { configuredClient };
