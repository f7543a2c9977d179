// The code of docs/getting-started.md (and docs/ja/getting-started.md), compiled by CI; docsSync.test.ts checks that the
// pages still quote it. Nothing imports this module: it is type-checked, never run.
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { createCacheClient } from '@tokenchain/momento';

// Step 5: at module scope, once per process (once per Lambda container), never inside a handler or a request.
const cacheClient = createCacheClient({
  source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
  defaultTtlSeconds: 600,
});

// Step 6: set and get, as with the SDK's own CacheClient.
await cacheClient.set('cache', 'code', '12345');
const response = await cacheClient.get('cache', 'code');
console.log(`code: ${response.value()}`);

// Optional: fetch the key and connect now, so that a missing secret or a bad key fails at start-up.
await cacheClient.ready();

// A JSON secret {"apiKey": "...", "endpoint": "cell-4-us-west-2-1.prod.a.momentohq.com"}: pick the key with jsonField;
// the endpoint field travels with it to the client, which a v2 API key needs.
const fromJsonSecret = createCacheClient({
  source: fromSecretsManager({ secretId: 'prod/momento', jsonField: 'apiKey' }),
  defaultTtlSeconds: 600,
});
await fromJsonSecret.ready();
