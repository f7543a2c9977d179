// The Lambda handler of docs/lambda.md ("One client per container, at module scope"), with the key source of the root
// README's first example, `chain(fromSecretsManager(...), fromEnv())`, and the Lambda preset named. Bundled by
// bundleSize.ts; never run.
import { CacheGet, Configurations } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

const keySource = chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv());

// Module scope: built once per container. It makes no call until an invocation needs one, then keeps the key and the
// connection for every invocation that container serves.
const cacheClient = createCacheClient({
  source: keySource,
  configuration: Configurations.Lambda.latest(),
  defaultTtlSeconds: 600,
});

export const handler = async (event: { readonly id: string }): Promise<{ readonly code?: string }> => {
  const hit = await cacheClient.get('cache', event.id);
  return hit instanceof CacheGet.Hit ? { code: hit.valueString() } : {};
};
