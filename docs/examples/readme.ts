// The "Using it" example of the root README.md, compiled by CI; docsSync.test.ts checks the README still quotes it.
// Nothing imports this module: it is type-checked, never run.
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

// Once per process (per Lambda container), outside the handler:
const client = createCacheClient({
  source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),
  defaultTtlSeconds: 600,
});

await client.set('cache', 'code', '12345');
const hit = await client.get('cache', 'code');
console.log(hit.toString());
