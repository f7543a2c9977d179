// A code block of docs/lambda.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
import { CacheGet } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { createCacheClient } from '@tokenchain/momento';

// Module scope: one client per container, reused by every invocation it serves.
const cacheClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600, // configuration: Configurations.Lambda.latest(), picked because this runs in Lambda
});

export const handler = async (event: { readonly id: string }) => {
  const hit = await cacheClient.get('cache', event.id);
  return hit instanceof CacheGet.Hit ? { code: hit.valueString() } : {};
};
