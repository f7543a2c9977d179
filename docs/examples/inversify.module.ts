// docs/inversify.md quotes this file. CI compiles it with decorators on, as your application would. Nothing runs on import.
import { Configurations } from '@gomomento/sdk';
import { secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { createToken, type Token, TokenNotFoundError, type TokenSource } from '@tokenchain/core';
import { envScheme } from '@tokenchain/env';
import { CACHE_CLIENT, TOKEN_SOURCE, TOPIC_CLIENT, tokenchainModule } from '@tokenchain/inversify';
import type { ManagedCacheClient, ManagedTopicClient } from '@tokenchain/momento';
import { Container, inject, injectable } from 'inversify';

/** Something your application already has in its container. */
@injectable()
export class SecretsClient {
  async read(path: string): Promise<string | undefined> {
    return process.env[path.replaceAll('/', '_').toUpperCase()];
  }
}

/** Your own source: an injectable class implementing TokenSource, with dependencies of its own. */
@injectable()
export class PlatformSecretSource implements TokenSource {
  readonly name = 'platform:momento/api-key';

  constructor(@inject(SecretsClient) private readonly secrets: SecretsClient) {}

  async getToken(): Promise<Token> {
    const value = await this.secrets.read('momento/api-key');
    if (value === undefined) throw new TokenNotFoundError('no momento/api-key secret', { source: this.name });
    return createToken({ source: this.name, value });
  }
}

/** Your own service, given the cache client by the container. */
@injectable()
export class GreetingService {
  constructor(@inject(CACHE_CLIENT) private readonly cache: ManagedCacheClient) {}

  async remember(greeting: string): Promise<void> {
    await this.cache.set('greetings', 'latest', greeting);
  }
}

/** The container: your source first, then tokenchain's own schemes, in that order. */
export async function buildContainer(): Promise<Container> {
  const container = new Container();
  container.bind(SecretsClient).toSelf().inSingletonScope();
  container.bind(GreetingService).toSelf().inSingletonScope();
  await container.loadAsync(
    tokenchainModule({
      sources: [PlatformSecretSource, 'secretsmanager:Momento_Auth_Token, env:MOMENTO_API_KEY'],
      schemes: [secretsManagerScheme, envScheme],
      chain: { fallThrough: 'not-found' },
      cacheClient: { configuration: Configurations.InRegion.Default.latest(), defaultTtlSeconds: 600 },
    }),
  );
  return container;
}

/** Resolve with getAsync: the chain is built, from the container, on first use. */
export async function useIt(container: Container): Promise<void> {
  const greetings = await container.getAsync(GreetingService);
  await greetings.remember('hello');
  const topics = await container.getAsync<ManagedTopicClient>(TOPIC_CLIENT);
  await topics.publish('greetings', 'news', 'hello');
  void (await container.getAsync(TOKEN_SOURCE));
}

/** Closing the container closes the clients and stops the cache's refresh timer. */
export async function shutDown(container: Container): Promise<void> {
  await container.unbindAllAsync();
}
