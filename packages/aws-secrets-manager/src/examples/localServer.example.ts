// docs/testing.md: testing code that uses tokenchain against a local server, through the SDK's endpoint override. Compiled,
// so it cannot drift from the code; localServer.example.test.ts runs it. Nothing runs at import.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';

/** Just enough of Secrets Manager for a test: GetSecretValue over AWS JSON 1.1, on 127.0.0.1. */
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
        // The SDK keeps connections alive; without this, close() would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function localServerExample(): Promise<string> {
  const local = await startLocalSecretsManager({ Momento_Auth_Token: 'key-from-the-local-server' });
  try {
    // The real client runs end to end (signing, retries, timeouts, error parsing); only the endpoint is local. Give the
    // region and credentials too, so the SDK does not look for them on the machine.
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
