// The Lambda handler of docs/lambda.md, compiled so that it cannot drift from the code.
import { CacheGet } from '@gomomento/sdk';
import { createCacheClient } from '@tokenchain/momento';
import { keySource } from './keySource.example.mjs';

// Module scope: built once per container. It makes no call until an invocation needs one, then keeps the key and the
// connection for every invocation that container serves.
const cacheClient = createCacheClient({
  source: keySource,
  defaultTtlSeconds: 600, // configuration: the SDK's Lambda preset, since AWS_LAMBDA_FUNCTION_NAME is set
});

export const handler = async (event: { readonly id: string }): Promise<{ readonly code?: string }> => {
  const hit = await cacheClient.get('cache', event.id);
  return hit instanceof CacheGet.Hit ? { code: hit.valueString() } : {};
};
