// A code block of docs/lambda.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
import { fromSecretsExtension } from '@tokenchain/aws-secrets-manager';
import { createCacheClient } from '@tokenchain/momento';

const cacheClient = createCacheClient({
  source: fromSecretsExtension({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600,
});

export { cacheClient };
