// A code block of docs/bundling.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
import { CacheGet, Configurations } from '@gomomento/sdk';
import { fromSecretsManager, secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromConfig } from '@tokenchain/core/config';
import { envScheme, fromEnv } from '@tokenchain/env';
import { createCacheClient } from '@tokenchain/momento';

// Module scope: built once per container, no call until an invocation needs one.
const cacheClient = createCacheClient({
  source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),
  configuration: Configurations.Lambda.latest(),
  defaultTtlSeconds: 600,
});

// The same chain as a configuration string. Pass the schemes it uses: the bundler then sees them and bundles them.
const configuredClient = createCacheClient({
  source: fromConfig('secretsmanager:Momento_Auth_Token, env:MOMENTO_API_KEY', {
    schemes: [secretsManagerScheme, envScheme],
  }),
  configuration: Configurations.Lambda.latest(),
  defaultTtlSeconds: 600,
});

export const handler = async (event: { readonly id: string }) => {
  const hit = await cacheClient.get('cache', event.id);
  return hit instanceof CacheGet.Hit ? { code: hit.valueString() } : {};
};
export { configuredClient };
