// A child of momentoFaults.test.ts: against a Momento endpoint broken below gRPC (RELIABILITY_ENDPOINT: hangs, drips or
// resets), starts a get, a set, a publish and a subscribe, closes both managed clients while they are pending, reports
// how each ended on its last line, and must then exit on its own. An uncaught exception or unhandled rejection ends it
// with code 3 or 4.
import { Socket } from 'node:net';
import {
  Configurations,
  DefaultMomentoLoggerFactory,
  DefaultMomentoLoggerLevel,
  TopicConfigurations,
} from '@gomomento/sdk';
import { fromValue } from '@tokenchain/core';
import { createCacheClient, createTopicClient } from '@tokenchain/momento';

process.on('uncaughtException', (err) => {
  process.stdout.write(`uncaught: ${err.message}\n`);
  process.exit(3);
});
process.on('unhandledRejection', (reason) => {
  process.stdout.write(`unhandled rejection: ${String(reason)}\n`);
  process.exit(4);
});

const setting = (name: string): string => {
  const value = process.env[`RELIABILITY_${name}`];
  if (value === undefined) throw new Error(`RELIABILITY_${name} is not set`);
  return value;
};
const endpoint = setting('ENDPOINT');
const timeoutMs = Number(setting('TIMEOUT_MS'));
const endpointOverrides = {
  cacheEndpoint: endpoint,
  controlEndpoint: endpoint,
  tokenEndpoint: endpoint,
  secureConnection: false,
} as const;
const quiet = new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR);

/** Resolves once `count` connections to the endpoint are open: the calls are then on their way. */
function connections(count: number): Promise<void> {
  const original = Socket.prototype.connect;
  let open = 0;
  return new Promise((resolve) => {
    Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
      this.once('connect', () => {
        open += 1;
        if (open === count) {
          Socket.prototype.connect = original;
          setTimeout(resolve, 50);
        }
      });
      return Reflect.apply(original, this, args) as Socket;
    } as typeof original;
  });
}

/** How a call ended: the SDK response's type and error code, or the error it rejected with. */
const outcome = (call: Promise<unknown>): Promise<string> =>
  call.then(
    (response) => {
      const r = response as { type?: string; errorCode?: () => string };
      return typeof r.errorCode === 'function' ? `${r.type}: ${r.errorCode()}` : String(r.type);
    },
    (err: unknown) => (err instanceof Error ? `rejected: ${err.name}` : `rejected: ${String(err)}`),
  );

async function main(): Promise<Record<string, string>> {
  const source = fromValue(setting('KEY'), 'reliability:momento');
  const cache = createCacheClient({
    source,
    configuration: Configurations.Laptop.v1(quiet).withClientTimeoutMillis(timeoutMs),
    defaultTtlSeconds: 60,
    endpointOverrides,
  });
  const topics = createTopicClient({
    source,
    configuration: TopicConfigurations.Default.latest(quiet).withClientTimeoutMillis(timeoutMs),
    endpointOverrides,
  });
  // One connection for the cache client's data channel, one for the topic client's unary and one for its stream channel.
  const onTheWire = connections(3);
  const pending = {
    get: outcome(cache.get('cache', 'k')),
    set: outcome(cache.set('cache', 'k', 'v')),
    publish: outcome(topics.publish('cache', 'news', 'hello')),
    subscribe: outcome(topics.subscribe('cache', 'news', {})),
  };
  await Promise.race([onTheWire, Promise.all(Object.values(pending))]);
  cache.close();
  topics.close();
  const ended: Record<string, string> = {};
  for (const [name, call] of Object.entries(pending)) ended[name] = await call;
  return ended;
}

main().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    // If something still keeps the process alive, say what. Unref'd: it never fires when everything is closed.
    setTimeout(
      () => process.stderr.write(`still open after close: ${JSON.stringify(process.getActiveResourcesInfo())}\n`),
      1000,
    ).unref();
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
