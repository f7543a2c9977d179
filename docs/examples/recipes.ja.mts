// docs/ja/recipes/*.md のコードの日本語版: コメントだけを日本語にしたもので、コードは recipes.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';
import { createCacheClient } from '@tokenchain/momento';

declare const logger: { info(message: string): void; warn(message: string): void };

// ECS または EC2: タスクロール (またはインスタンスプロファイル) でシークレットを読みます。クライアントはプロセスと同じだけ生きます。
export const ecsClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600,
  observer: { logger },
});
await ecsClient.ready(); // キーがなければ、最初のリクエストではなくデプロイのヘルスチェックで失敗させます

process.once('SIGTERM', async () => {
  await ecsClient[Symbol.asyncDispose](); // 実行中の呼び出しを終わらせてから接続を閉じます
  process.exit(0);
});

// Kubernetes: Secret をファイルとしてマウントして監視するので、更新された Secret が再起動なしにクライアントへ届きます。
export const podClient = createCacheClient({
  source: fromFile({ path: '/var/run/secrets/momento/api-key', watch: true, refuseInsecurePermissions: true }),
  defaultTtlSeconds: 600,
  observer: { logger },
});

// ローカル開発: 本番と同じコードで、環境変数 (または ~/.momento/api-key) をフォールバックにします。
export const devClient = createCacheClient({
  source: chain(
    fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
    fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' }),
    fromFile({ path: '~/.momento/api-key' }),
  ),
  defaultTtlSeconds: 600,
});
