// A child of defaultConfiguration.test.ts: builds clients without a configuration, uses them across a key rotation, and
// reports on its last line. The SDK's default logger writes to the console, so the parent reads everything it printed.
// CHILD_MODE: 'lambda' or 'elsewhere' (managed clients, with or without AWS_LAMBDA_FUNCTION_NAME in their env), or 'sdk'
// (the SDK's own CacheClient, to show what the parent looks for is really printed when it happens).
import { CacheClient } from '@gomomento/sdk';
import { testSource } from '@tokenchain/core/testing';
import { childEndpointOverrides, childSetting } from './childSetting.testing.js';
import { createCacheClient } from './createCacheClient.js';
import { createTopicClient } from './createTopicClient.js';
import { toCredentialProvider } from './toCredentialProvider.js';

const [first, second] = JSON.parse(childSetting('CHILD_KEYS')) as [string, string];
const endpointOverrides = childEndpointOverrides();

async function managed(env: Record<string, string>): Promise<Record<string, unknown>> {
  const source = testSource({ name: 'child:momento', value: first });
  const cache = createCacheClient({ source, defaultTtlSeconds: 60, endpointOverrides, env });
  const topics = createTopicClient({ source, endpointOverrides, env });
  const results: string[] = [];
  try {
    results.push(String(await cache.set('cache', 'k', 'before')), String(await topics.publish('cache', 't', 'before')));
    const before = [cache.keyFingerprint, topics.keyFingerprint];
    source.announce(second);
    results.push(String(await cache.set('cache', 'k', 'after')), String(await topics.publish('cache', 't', 'after')));
    const rotated = cache.keyFingerprint !== before[0] && topics.keyFingerprint !== before[1];
    return { results, rotated, configuration: cache.configuration.constructor.name };
  } finally {
    cache.close();
    topics.close();
  }
}

async function raw(): Promise<Record<string, unknown>> {
  const credentialProvider = toCredentialProvider(await testSource({ value: first }).getToken(), { endpointOverrides });
  const client = new CacheClient({ credentialProvider, defaultTtlSeconds: 60 });
  try {
    return { results: [String(await client.set('cache', 'k', 'raw'))] };
  } finally {
    client.close();
  }
}

const mode = childSetting('CHILD_MODE');
const run = mode === 'sdk' ? raw() : managed(mode === 'lambda' ? { AWS_LAMBDA_FUNCTION_NAME: 'orders' } : {});
run.then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
