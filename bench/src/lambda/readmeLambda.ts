// The README's Lambda example (packages/momento/README.md, "AWS Lambda"), with the key source of the README's first
// example in place of the stand-in `keySource`. Bundled by bundleSize.ts; never run.
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
