// The peer of the cold-start part (coldStart.ts): the seed guide's hand-written code, run in a fresh process. The key is
// read from Secrets Manager once, then a CacheClient is built with it; nothing is cached or refreshed. Prints one JSON line
// (see ColdFigures in coldStart.ts) and exits.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CacheClient, Configurations, CredentialProvider } from '@gomomento/sdk';

const secrets = new SecretsManagerClient({});
const secret = await secrets.send(new GetSecretValueCommand({ SecretId: 'Momento_Auth_Token' }));
const client = new CacheClient({
  credentialProvider: CredentialProvider.fromString({ apiKey: secret.SecretString ?? '' }),
  configuration: Configurations.Laptop.v1(),
  defaultTtlSeconds: 600,
});

await client.set('cache', 'code', '12345');
const firstCallMs = performance.now();
const hit = await client.get('cache', 'code');
const hitMs = performance.now();
console.log(
  JSON.stringify({
    firstCallMs,
    hitMs,
    hit: hit.toString(),
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
process.exit(0);
