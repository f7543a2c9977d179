// The code of docs/recipes/*.md (both languages), compiled by CI; docsSync.test.ts checks the pages quote it.
// Nothing imports this module: it is type-checked, never run.
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';
import { createCacheClient } from '@tokenchain/momento';

declare const logger: { info(message: string): void; warn(message: string): void };

// ECS or EC2: the task role (or the instance profile) reads the secret; the client lives as long as the process.
export const ecsClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600,
  observer: { logger },
});
await ecsClient.ready(); // fail the deployment's health check, not the first request, when the key is missing

process.once('SIGTERM', async () => {
  await ecsClient[Symbol.asyncDispose](); // lets running calls finish, then closes the connections
  process.exit(0);
});

// Kubernetes: the Secret mounted as a file and watched, so an updated Secret reaches the client without a restart.
export const podClient = createCacheClient({
  source: fromFile({ path: '/var/run/secrets/momento/api-key', watch: true, refuseInsecurePermissions: true }),
  defaultTtlSeconds: 600,
  observer: { logger },
});

// Local development: the same code as in production, with the environment (or ~/.momento/api-key) as the fallback.
export const devClient = createCacheClient({
  source: chain(
    fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
    fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' }),
    fromFile({ path: '~/.momento/api-key' }),
  ),
  defaultTtlSeconds: 600,
});
