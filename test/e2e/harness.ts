// What every end-to-end test starts from: both fakes, the real AWS and Momento SDK clients, and the seed's key chain.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CacheGet, Configurations, DefaultMomentoLoggerFactory, DefaultMomentoLoggerLevel } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, type TokenEvent, type TokenSource } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';
import { createCacheClient, type ManagedCacheClient, momentoKey } from '@tokenchain/momento';

/** The secret name of Momento's guide. */
export const SECRET_ID = 'Momento_Auth_Token';
export const GET_SECRET_VALUE = 'secretsmanager.GetSecretValue';

export interface World {
  readonly aws: AwsFake;
  readonly momento: MomentoFake;
  /** The AWS SDK client every source of the world uses; destroyed by `close()`. */
  readonly secretsManager: SecretsManagerClient;
  /** What `fromEnv` reads instead of `process.env`. */
  readonly env: Record<string, string | undefined>;
  readonly events: TokenEvent[];
  /** The seed's chain: Secrets Manager first (its keys checked by `momentoKey`), then `MOMENTO_API_KEY`. */
  seedChain(options?: { readonly fallThrough?: 'not-found' | 'any-error' }): TokenSource;
  /** A managed CacheClient over `source` (default: the seed's chain), pointed at the Momento fake. */
  cacheClient(source?: TokenSource): ManagedCacheClient;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const aws = await startAwsFake();
  const momento = await startMomentoFake();
  const secretsManager = new SecretsManagerClient(aws.clientConfig());
  const env: Record<string, string | undefined> = {};
  const events: TokenEvent[] = [];
  const clients: ManagedCacheClient[] = [];

  const world: World = {
    aws,
    momento,
    secretsManager,
    env,
    events,
    seedChain(options = {}) {
      const secrets = momentoKey(fromSecretsManager({ secretId: SECRET_ID, client: secretsManager }));
      const fallback = fromEnv({ variable: 'MOMENTO_API_KEY', env });
      return chain(
        { fallThrough: options.fallThrough ?? 'not-found', observer: { onEvent: (e) => events.push(e) } },
        secrets,
        fallback,
      );
    },
    cacheClient(source = world.seedChain()) {
      const client = createCacheClient({
        source,
        configuration: Configurations.Laptop.v1(new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR)),
        defaultTtlSeconds: 600,
        endpointOverrides: momento.endpointOverrides(),
        observer: { onEvent: (event) => events.push(event) },
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients.splice(0)) client.close();
      secretsManager.destroy();
      await Promise.all([aws.close(), momento.close()]);
    },
  };
  return world;
}

/** The value of a hit, or a description of whatever else came back. */
export function hitValue(response: CacheGet.Response): string {
  return response instanceof CacheGet.Hit ? response.valueString() : response.toString();
}
