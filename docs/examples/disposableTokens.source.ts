// docs/disposable-tokens.md quotes this file: server code that holds only a token scoped to one cache.
import { Configurations, DisposableTokenScopes } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { cached } from '@tokenchain/core';
import { createCacheClient, fromDisposableToken } from '@tokenchain/momento';

const sessions = createCacheClient({
  source: cached(
    fromDisposableToken({
      source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
      scope: DisposableTokenScopes.cacheReadWrite('sessions'),
      validForSeconds: 60 * 60,
    }),
  ),
  configuration: Configurations.Lambda.latest(),
  defaultTtlSeconds: 600,
});

export async function remember(sessionId: string, value: string): Promise<void> {
  await sessions.set('sessions', sessionId, value);
}
