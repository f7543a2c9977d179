// A code block of docs/inversify.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
// biome-ignore-all assist/source/organizeImports: the page quotes the imports below the first group as one block
import { Configurations } from '@gomomento/sdk';
import type { ManagedCacheClient } from '@tokenchain/momento';
import { Container } from 'inversify';
import { PlatformSecretSource, SecretsClient } from './inversify.module.js';
import { secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { envScheme } from '@tokenchain/env';
import { CACHE_CLIENT, TOKEN_SOURCE, TOPIC_CLIENT, tokenchainModule } from '@tokenchain/inversify';

const container = new Container();
container.bind(SecretsClient).toSelf().inSingletonScope();
await container.loadAsync(
  tokenchainModule({
    sources: [PlatformSecretSource, 'secretsmanager:Momento_Auth_Token, env:MOMENTO_API_KEY'],
    schemes: [secretsManagerScheme, envScheme],
    cacheClient: { configuration: Configurations.InRegion.Default.latest(), defaultTtlSeconds: 600 },
  }),
);
const cache = await container.getAsync<ManagedCacheClient>(CACHE_CLIENT);
export { cache, TOKEN_SOURCE, TOPIC_CLIENT };
