// Shared by the tests of this package: the fake Momento server, the real SDK, and small waiting helpers.
import { Socket } from 'node:net';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';

export type Sdk = typeof import('@gomomento/sdk');

/** The real SDK, the same module instance the package loads. */
export const sdk: Sdk = require('@gomomento/sdk') as Sdk;

/** The SDK logs failed calls at warn level; the tests provoke many on purpose. */
// The Laptop preset's 5 s deadline is too tight for a thousand concurrent calls on a shared, loaded CI machine.
export const quietLaptop = () =>
  sdk.Configurations.Laptop.v1(
    new sdk.DefaultMomentoLoggerFactory(sdk.DefaultMomentoLoggerLevel.ERROR),
  ).withClientTimeoutMillis(30_000);
export const quietTopics = () =>
  sdk.TopicConfigurations.Default.latest(new sdk.DefaultMomentoLoggerFactory(sdk.DefaultMomentoLoggerLevel.ERROR));

export { type MomentoFake, startMomentoFake };

/** Polls until `check` holds; fails with `what` after `timeoutMs`. For state that settles on a later tick, not for speed. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Records every socket this process connects from now on (the SDK's gRPC connections; not the fake's accepted ones), so a
 * test can check that all of them end. Idle gRPC sockets are unref'd, so `process.getActiveResourcesInfo()` cannot see them.
 */
export function trackClientSockets(): {
  readonly sockets: readonly Socket[];
  readonly open: () => number;
  restore(): void;
} {
  const sockets: Socket[] = [];
  const original = Socket.prototype.connect;
  Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
    sockets.push(this);
    return Reflect.apply(original, this, args) as Socket;
  } as typeof original;
  return {
    sockets,
    open: () => sockets.filter((s) => !s.destroyed).length,
    restore() {
      Socket.prototype.connect = original;
    },
  };
}
