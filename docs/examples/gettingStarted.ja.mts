// docs/ja/getting-started.md のコードの日本語版: コメントだけを日本語にしたもので、コードは gettingStarted.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { createCacheClient } from '@tokenchain/momento';

// ステップ 5: モジュールスコープで、プロセスごと (Lambda ならコンテナごと) に 1 回。ハンドラーやリクエストの中では作りません。
const cacheClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600,
});

// ステップ 6: SDK の CacheClient と同じように set と get を呼びます。
await cacheClient.set('cache', 'code', '12345');
const response = await cacheClient.get('cache', 'code');
console.log(`code: ${response.value()}`);

// 任意: ここでキーを取得して接続しておくと、シークレットがない、キーが不正といった問題は起動時に失敗します。
await cacheClient.ready();

// JSON のシークレット {"apiKey": "...", "endpoint": "cell-4-us-west-2-1.prod.a.momentohq.com"}: jsonField でキーを選びます。
// endpoint フィールドはキーと一緒にクライアントへ渡ります (v2 API キーに必要です)。
const fromJsonSecret = createCacheClient({
  source: fromSecretsManager({ secretId: 'prod/momento', jsonField: 'apiKey' }),
  defaultTtlSeconds: 600,
});
await fromJsonSecret.ready();
