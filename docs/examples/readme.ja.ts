// README.ja.md の「使い方」の例の日本語版: コメントだけを日本語にしたもので、コードは readme.ts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

// プロセスごと (Lambda ならコンテナごと) に 1 回、ハンドラーの外で:
const client = createCacheClient({
  source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),
  defaultTtlSeconds: 600,
});

await client.set('cache', 'code', '12345');
const hit = await client.get('cache', 'code');
console.log(hit.toString());
