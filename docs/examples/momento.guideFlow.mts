// A code block of docs/momento.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
import { Configurations } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

const cacheClient = createCacheClient({
  source: chain(
    fromSecretsManager({ secretId: 'Momento_Auth_Token', clientConfig: { region: 'us-west-2' } }),
    fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' }),
  ),
  configuration: Configurations.Laptop.v1(),
  defaultTtlSeconds: 600,
});
await cacheClient.set('cache', 'code', '12345');
const r = await cacheClient.get('cache', 'code');

void r;
