import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Configurations } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, Secret, type TokenSource } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { momentoKey } from '@tokenchain/momento';
import type { DemoOptions } from './options.js';
import type { DemoWorld } from './world.js';

/** Your own account: the secret (if given) then MOMENTO_API_KEY, against the real Momento service. */
export function realWorld(options: DemoOptions): DemoWorld {
  const secretId = options.secretId;
  const secretsManager = secretId
    ? new SecretsManagerClient(options.region ? { region: options.region } : {})
    : undefined;
  const links: TokenSource[] = [];
  if (secretId && secretsManager) links.push(momentoKey(fromSecretsManager({ secretId, client: secretsManager })));
  links.push(fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' }));
  const rotateTo = options.rotateTo;

  return {
    title: 'your account (real Secrets Manager and Momento)',
    details: [
      `chain  ${links.map((l) => l.name).join(' -> ')}`,
      `cache  ${options.cacheName}`,
      rotateTo && secretId
        ? `rotation: TOKENCHAIN_ROTATE_TO (key ${Secret.from(rotateTo).fingerprint}) will be written as the secret's new version`
        : 'rotation: skipped (set TOKENCHAIN_ROTATE_TO and a secret id to rotate)',
    ],
    source: (observer) => chain({ observer }, ...links),
    configuration: Configurations.Laptop.v1(),
    cacheName: options.cacheName,
    ...(rotateTo &&
      secretId &&
      secretsManager && {
        async rotate() {
          await secretsManager.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: rotateTo }));
          const description = `wrote key ${Secret.from(rotateTo).fingerprint} as the new AWSCURRENT version of ${secretId}`;
          return { description, oldKeyStillWorks: true };
        },
      }),
    async close() {
      secretsManager?.destroy();
    },
  };
}
