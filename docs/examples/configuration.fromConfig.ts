// docs/configuration.md quotes these functions. CI compiles them, so the page cannot drift from the API. Nothing runs on import.
import { CacheGet, Configurations } from '@gomomento/sdk';
import { kmsScheme } from '@tokenchain/aws-kms';
import { secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { ssmScheme } from '@tokenchain/aws-ssm';
import { defaultTokenSource, fromConfig, loadSources } from '@tokenchain/core/config';
import { envScheme } from '@tokenchain/env';
import { fileScheme } from '@tokenchain/file';
import { createCacheClient } from '@tokenchain/momento';

/** The schemes this application's configuration may use: the adapters it installed. Core adds `base64` and `json`. */
export const schemes = [secretsManagerScheme, ssmScheme, kmsScheme, envScheme, fileScheme];

/** The chain from the issue, in one string: each entry is tried in order, as `chain(...)` would. */
export function chainFromOneString() {
  return fromConfig(
    'secretsmanager:Momento_Auth_Token?region=us-west-2&field=apiKey, ssm:/momento/api-key, kms+env:MOMENTO_KEY_ENCRYPTED, env:MOMENTO_API_KEY, file:/run/secrets/momento',
    { schemes },
  );
}

/** The JSON form, for chain options and for option values that are objects. */
export function chainFromJson() {
  return fromConfig(
    JSON.stringify({
      fallThrough: 'any-error',
      timeoutMs: 5000,
      sources: [
        'secretsmanager:Momento_Auth_Token?field=apiKey',
        { source: 'kms+env:MOMENTO_KEY_ENCRYPTED', options: { context: { LambdaFunctionName: 'orders' } } },
        'env:MOMENTO_API_KEY',
      ],
    }),
    { schemes },
  );
}

/** What most applications need: MOMENTO_TOKEN_SOURCES when the operator set it, else what the Momento SDK reads. */
export async function clientFromTheEnvironment(): Promise<string | undefined> {
  const client = createCacheClient({
    source: defaultTokenSource({ schemes: [secretsManagerScheme, envScheme] }),
    configuration: Configurations.InRegion.Default.latest(),
    defaultTtlSeconds: 600,
  });
  const response = await client.get('cache', 'greeting');
  return response instanceof CacheGet.Hit ? response.valueString() : undefined;
}

/** Checks a configuration at start-up, without fetching a key: grammar, schemes and options. */
export async function checkAtStartUp(text: string): Promise<string[]> {
  const { sources } = await loadSources(text, { origin: 'MOMENTO_TOKEN_SOURCES', schemes });
  return sources.map((source) => source.name);
}
