// docs/ja/sources/ 以下のページのコードの日本語版: コメントだけを日本語にしたもので、コードは sourcePages.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSecretsExtension, fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { cached, chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';

// Secrets Manager を名前か ARN で指定します (ARN なら、初回に作るクライアントのリージョンも決まります)。
const secret = fromSecretsManager({
  secretId: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:Momento_Auth_Token-AbCdEf',
  timeoutMs: 3000,
});

// ローテーションの前後に使う、1 つ前のバージョン。
const previous = fromSecretsManager({ secretId: 'Momento_Auth_Token', versionStage: 'AWSPREVIOUS' });

// Lambda の中では AWS Parameters and Secrets Lambda Extension 経由で読みます (バンドルに AWS SDK は不要)。
const viaExtension = fromSecretsExtension({ secretId: 'Momento_Auth_Token' });

// SSM が復号する SecureString パラメータ (withDecryption が既定)。ラベル "live" のバージョンを読みます。
const parameter = fromSsmParameter({ parameterName: '/prod/momento/api-key:live' });

// KMS の暗号文を持つ String パラメータ。キーポリシーで必須にできる暗号化コンテキストを付けて復号します。
const encrypted = kmsDecrypt(fromSsmParameter({ parameterName: '/prod/momento/encrypted-key' }), {
  encryptionContext: { app: 'orders' },
  keyId: 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
});

// Lambda の暗号化された環境変数: コンソールの「暗号化ヘルパー」は関数名をコンテキストに使います。
const lambdaEnv = kmsDecrypt(fromEnv({ variable: 'MOMENTO_API_KEY' }), {
  encryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? '' },
  client: new KMSClient({}),
});

// 環境変数。v2 API キーのエンドポイントも隣の変数から読みます。
const environment = fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' });

// マウントしたシークレットのファイルを監視します: ローテーションした Kubernetes の Secret が再起動なしにクライアントへ届きます。
const mounted = fromFile({ path: '/var/run/secrets/momento/api-key', watch: true, refuseInsecurePermissions: true });

const all = cached(chain(secret, previous, viaExtension, parameter, encrypted, lambdaEnv, environment, mounted));
await all.getToken();
