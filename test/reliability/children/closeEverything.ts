// Builds every kind of source and client against the suite's fakes (running in the parent process, which stay up), uses
// them, closes them, and ends. noLeaks.test.ts requires the process to exit on its own: a connection, stream, timer or
// watcher left open would keep it alive. The parent passes where everything is in RELIABILITY_* variables.
import { TopicPublish } from '@gomomento/sdk';
import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { cached, chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import type { AwsClientConfig } from '@tokenchain/fakes/aws';
import type { FakeEndpointOverrides } from '@tokenchain/fakes/momento';
import { fromFile } from '@tokenchain/file';
import { createCacheClient, createTopicClient } from '@tokenchain/momento';
import { KMS_CONTEXT, momentoConfiguration } from '../support/world.js';

const setting = (name: string): string => {
  const value = process.env[`RELIABILITY_${name}`];
  if (value === undefined) throw new Error(`RELIABILITY_${name} is not set`);
  return value;
};
const clientConfig = JSON.parse(setting('AWS_CLIENT_CONFIG')) as AwsClientConfig;
const endpointOverrides = JSON.parse(setting('MOMENTO_ENDPOINTS')) as FakeEndpointOverrides;

// The AWS adapters build their own SDK clients here, as they do for users who pass only clientConfig.
const secrets = fromSecretsManager({ secretId: setting('SECRET_ID'), clientConfig });
const parameter = fromSsmParameter({ parameterName: setting('PARAMETER'), clientConfig });
const decrypted = kmsDecrypt(fromEnv({ variable: 'RELIABILITY_ENCRYPTED_KEY' }), {
  clientConfig,
  encryptionContext: KMS_CONTEXT,
});
const file = fromFile({ path: setting('KEY_FILE'), watch: true, debounceMs: 10 });
const stopWatching = file.subscribe(() => {});
for (const source of [secrets, parameter, decrypted, file]) await source.getToken();

// A cache refreshing in the background, several times over.
const cache = cached(chain(secrets, parameter, decrypted, file), { ttlMs: 200, refreshAheadMs: 100 });
const stopCache = cache.subscribe(() => {});
await cache.getToken();
await new Promise((resolve) => setTimeout(resolve, 500));

const cacheClient = createCacheClient({
  source: secrets,
  configuration: momentoConfiguration(),
  defaultTtlSeconds: 60,
  endpointOverrides,
});
await cacheClient.set('cache', 'k', 'v');
await cacheClient.get('cache', 'k');

// A topic subscription is a gRPC stream held open by the server: only close() ends it.
const topics = createTopicClient({ source: file, endpointOverrides });
const received: string[] = [];
await topics.subscribe('cache', 'news', { onItem: (item) => received.push(item.valueString()) });
const published = await topics.publish('cache', 'news', 'hello');
if (!(published instanceof TopicPublish.Success)) throw new Error(`publish failed: ${String(published)}`);
for (let i = 0; i < 100 && received.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));

topics.close();
cacheClient.close();
stopCache();
cache.close();
stopWatching();
file.close();
console.log(JSON.stringify({ closed: true, received: received.length }));
// If something still keeps the process alive, say what, for the test's message. Unref'd: it never fires when all is closed.
setTimeout(
  () => console.error(`still open after close: ${JSON.stringify(process.getActiveResourcesInfo())}`),
  1000,
).unref();
