import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Configurations, DefaultMomentoLoggerFactory, DefaultMomentoLoggerLevel } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, Secret } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { startAwsFake } from '@tokenchain/fakes/aws';
import { v2Key } from '@tokenchain/fakes/keys';
import { startMomentoFake } from '@tokenchain/fakes/momento';
import { momentoKey } from '@tokenchain/momento';
import type { DemoWorld } from './world.js';

export const SECRET_ID = 'Momento_Auth_Token';

/** Local stand-ins for Secrets Manager and Momento, seeded as in Momento's guide: a plaintext v2 API key in the secret. */
export async function startLocalWorld(): Promise<DemoWorld> {
  const aws = await startAwsFake({ region: 'us-west-2' });
  const momento = await startMomentoFake();
  let key = v2Key();
  momento.allowKey(key);
  aws.secretsManager.put(SECRET_ID, key);
  const secretsManager = new SecretsManagerClient(aws.clientConfig());

  return {
    title: 'local stand-ins (no AWS or Momento account configured)',
    details: [
      `Secrets Manager (local) ${aws.url}: secret ${SECRET_ID} holds a v2 API key, fingerprint ${Secret.from(key).fingerprint}`,
      `Momento (local)         ${momento.endpoint}: accepts that key only, and the disposable tokens it mints until they expire`,
      `chain                   secretsmanager:${SECRET_ID} -> env:MOMENTO_API_KEY`,
    ],
    source: (observer) =>
      chain(
        { observer },
        momentoKey(fromSecretsManager({ secretId: SECRET_ID, client: secretsManager })),
        // The demo's own environment is left alone: the fallback reads an empty one.
        fromEnv({ variable: 'MOMENTO_API_KEY', env: {} }),
      ),
    configuration: Configurations.Laptop.v1(new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR)),
    endpointOverrides: momento.endpointOverrides(),
    cacheName: 'cache',
    async rotate() {
      const next = v2Key();
      momento.allowKey(next);
      aws.secretsManager.rotate(SECRET_ID, next);
      momento.revokeKey(key);
      const description = `Secrets Manager now serves key ${Secret.from(next).fingerprint} (AWSCURRENT); Momento revoked key ${Secret.from(key).fingerprint}`;
      key = next;
      return { description, oldKeyStillWorks: false };
    },
    // Short, so the demo sees a token expire without waiting long: the token service fake mints for any validity.
    disposable: { validForSeconds: 2, accepts: (candidate) => momento.isAllowed(candidate) },
    getSecretValueCalls: () => aws.count('secretsmanager.GetSecretValue'),
    async close() {
      secretsManager.destroy();
      await Promise.all([aws.close(), momento.close()]);
    },
  };
}
