// docs/ja/testing.md の aws-sdk-client-mock の例の日本語版: コメントだけを日本語にしたもので、コードは clientMock.example.ts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, fromValue, type TokenSource } from '@tokenchain/core';
import { mockClient } from 'aws-sdk-client-mock';

// アプリケーションのコード: Momento キーの取得元。
export function momentoKeySource(fallbackKey: string): TokenSource {
  return chain(fromSecretsManager({ secretId: 'Momento_Auth_Token', jsonField: 'apiKey' }), fromValue(fallbackKey));
}

// アプリケーションのテスト。クラスをモックすると、アダプターが自分で作るクライアントもモックされるので、テスト対象のコードは変わりません。
export async function clientMockExample(): Promise<{ key: string; endpoint?: string; whenMissing: string }> {
  const secretsManager = mockClient(SecretsManagerClient);
  try {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'Momento_Auth_Token' }).resolves({
      SecretString: JSON.stringify({ apiKey: 'key-from-the-mock', endpoint: 'cell-1.example.com' }),
    });
    const token = await momentoKeySource('fallback-key').getToken();

    // SDK 自身のクラスで作ったモデル化済みの例外は、サービスからの例外と同じように振る舞います。ここではチェーンが次へ進みます。
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(
        new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }),
      );
    const fallback = await momentoKeySource('fallback-key').getToken();

    return {
      key: token.secret.reveal(),
      ...(token.attributes?.endpoint !== undefined && { endpoint: token.attributes.endpoint }),
      whenMissing: fallback.secret.reveal(),
    };
  } finally {
    secretsManager.restore();
  }
}
