// The README's example, compiled so that it cannot drift from the code. Not exported; nothing runs at import.
import { createToken, type Token, TokenNotFoundError, type TokenSource } from '@tokenchain/core';
import { envScheme } from '@tokenchain/env';
import type { ManagedCacheClient } from '@tokenchain/momento';
import { Container, inject, injectable } from 'inversify';
import { CACHE_CLIENT, tokenchainModule } from '../index.js';

@injectable()
class SecretsClient {
  async read(path: string): Promise<string | undefined> {
    return process.env[path];
  }
}

@injectable()
class PlatformSecretSource implements TokenSource {
  readonly name = 'platform:MOMENTO_API_KEY';

  constructor(@inject(SecretsClient) private readonly secrets: SecretsClient) {}

  async getToken(): Promise<Token> {
    const value = await this.secrets.read('MOMENTO_API_KEY');
    if (value === undefined) throw new TokenNotFoundError('not set', { source: this.name });
    return createToken({ source: this.name, value });
  }
}

export async function readmeExample(): Promise<void> {
  const container = new Container();
  container.bind(SecretsClient).toSelf().inSingletonScope();
  await container.loadAsync(
    tokenchainModule({ sources: [PlatformSecretSource, 'env:MOMENTO_API_KEY'], schemes: [envScheme] }),
  );

  const cache = await container.getAsync<ManagedCacheClient>(CACHE_CLIENT);
  await cache.set('cache', 'greeting', 'hello');

  await container.unbindAllAsync(); // closes the clients
}
