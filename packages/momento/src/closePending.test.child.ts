// A child of closePending.test.ts: starts a call against CHILD_ENDPOINT (a server that never answers), closes the client
// while the call is pending, and reports how the call ended on its last line. An uncaught exception or unhandled rejection
// ends it with code 3 or 4, which the parent looks for; the process must then exit on its own.
// CHILD_MODE: 'managed' (createCacheClient) or 'sdk' (the SDK's own CacheClient, to show what the managed client avoids).
import { Socket } from 'node:net';
import { CacheClient, Configurations, DefaultMomentoLoggerFactory, DefaultMomentoLoggerLevel } from '@gomomento/sdk';
import { fromValue } from '@tokenchain/core';
import { childEndpointOverrides, childSetting } from './childSetting.testing.js';
import { createCacheClient } from './createCacheClient.js';
import { toCredentialProvider } from './toCredentialProvider.js';

process.on('uncaughtException', (err) => {
  process.stdout.write(`uncaught: ${err.message}\n`);
  process.exit(3);
});
process.on('unhandledRejection', (reason) => {
  process.stdout.write(`unhandled rejection: ${String(reason)}\n`);
  process.exit(4);
});

const key = childSetting('CHILD_KEY');
const endpointOverrides = childEndpointOverrides();
// The SDK logs every failed attempt at warn level; a 1.1 s deadline keeps the child short.
const configuration = Configurations.InRegion.Default.latest(
  new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR),
);

/** Resolves once the client has a TCP connection to the server: the call is then on its way, and will never be answered. */
function connected(): Promise<void> {
  const original = Socket.prototype.connect;
  return new Promise((resolve) => {
    Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
      Socket.prototype.connect = original;
      this.once('connect', () => setTimeout(resolve, 50));
      return Reflect.apply(original, this, args) as Socket;
    } as typeof original;
  });
}

async function main(): Promise<Record<string, unknown>> {
  const client =
    childSetting('CHILD_MODE') === 'sdk'
      ? new CacheClient({
          configuration,
          credentialProvider: toCredentialProvider(await fromValue(key).getToken(), { endpointOverrides }),
          defaultTtlSeconds: 60,
        })
      : createCacheClient({
          source: fromValue(key, 'child:momento'),
          configuration,
          defaultTtlSeconds: 60,
          endpointOverrides,
        });
  const onTheWire = connected();
  const started = Date.now();
  const pending = client.get('cache', 'k').then(
    (response) => ({
      response: response.type,
      errorCode: 'errorCode' in response ? response.errorCode() : undefined,
    }),
    (err: unknown) => ({ rejected: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
  await onTheWire;
  client.close();
  const ended = await pending;
  return { ...ended, afterCloseMs: Date.now() - started };
}

main().then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
