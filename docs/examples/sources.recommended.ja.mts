// docs/ja/sources.md のコードの日本語版: コメントだけを日本語にしたもので、コードは sources.recommended.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';

// Lambda / ECS / EC2: Secrets Manager。ローカルで動かすときは環境変数にフォールバックします。
chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv());

// Kubernetes: マウントしたシークレットを監視するので、ローテーションしたシークレットが再起動なしにクライアントへ届きます。
chain(fromFile({ path: '/var/run/secrets/momento/api-key', watch: true }), fromEnv());

// 暗号化した環境変数を使う Lambda。
kmsDecrypt(fromEnv({ variable: 'MOMENTO_API_KEY_ENCRYPTED' }), {
  encryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? '' },
});
