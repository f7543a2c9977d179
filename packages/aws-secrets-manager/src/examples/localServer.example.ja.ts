// docs/ja/testing.md のローカルサーバーの例の日本語版: コメントだけを日本語にしたもので、コードは localServer.example.ts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';

/** テストに足りるだけの Secrets Manager: 127.0.0.1 上で AWS JSON 1.1 の GetSecretValue に応えます。 */
export async function startLocalSecretsManager(
  secrets: Readonly<Record<string, string>>,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      const value = SecretId === undefined ? undefined : secrets[SecretId];
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' || value === undefined) {
        res.writeHead(400).end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such secret' }));
        return;
      }
      res.writeHead(200).end(JSON.stringify({ Name: SecretId, SecretString: value, VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        // SDK は接続を保持し続けるため、これがないと close() がその終了を待ってしまいます。
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function localServerExample(): Promise<string> {
  const local = await startLocalSecretsManager({ Momento_Auth_Token: 'key-from-the-local-server' });
  try {
    // 本物のクライアントが最初から最後まで動きます (署名、再試行、タイムアウト、エラーの解析)。ローカルなのはエンドポイントだけです。
    // SDK がマシン上を探しに行かないよう、リージョンと認証情報も渡します。
    const source = fromSecretsManager({
      secretId: 'Momento_Auth_Token',
      clientConfig: {
        endpoint: local.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
    });
    const token = await source.getToken();
    return token.secret.reveal();
  } finally {
    await local.close();
  }
}
