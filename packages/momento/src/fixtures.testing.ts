// Shared by the tests of this package: the fake Momento server, the real SDK, and small waiting helpers.
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { createToken, type TokenSource } from '@tokenchain/core';
import { type TestSource, testSource } from '@tokenchain/core/testing';
import { v2Key } from '@tokenchain/fakes/keys';
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

/** What {@link serveMomento} sets up; read it inside a hook or a test, once the suite has started. */
export interface MomentoSuite {
  /** One fake Momento server for the whole suite. */
  readonly fake: MomentoFake;
  /** A new key for every test, which the fake accepts. */
  readonly key: string;
  /** A new store for every test, holding `key`. */
  readonly source: TestSource;
}

/**
 * Starts a fake Momento server on 127.0.0.1 before the suite and closes it after; before every test it allows a new key,
 * puts it in a new store named `sourceName`, and clears the calls and latency the last test left. Call it inside
 * `describe`, before the suite's own `beforeEach`, which then sees this test's key.
 */
export function serveMomento(sourceName = 'test:momento'): MomentoSuite {
  let fake: MomentoFake | undefined;
  let key = '';
  let source: TestSource | undefined;
  before(async () => {
    fake = await startMomentoFake();
  });
  after(() => fake?.close());
  beforeEach(() => {
    if (fake === undefined) throw new Error('the fake Momento server did not start');
    key = v2Key();
    fake.allowKey(key);
    fake.resetCalls();
    fake.setLatency(0);
    source = testSource({ name: sourceName, value: key });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('serveMomento() is read before its suite started');
    return value;
  };
  return {
    get fake() {
      return started(fake);
    },
    get key() {
      return key;
    },
    get source() {
      return started(source);
    },
  };
}

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

/**
 * A key of `kind` whose `exp` claim is exactly `exp` (any JSON value), for the claims `@tokenchain/fakes/keys` cannot
 * express: an exp beyond the range of a Date, or one that is not a number. For a v1 key the claim is on its inner api_key.
 */
export function keyWithExp(kind: 'v2' | 'v1' | 'legacy', exp: unknown): string {
  const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const jwt = (claims: Record<string, unknown>) =>
    `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ ...claims, exp })}.c2ln`;
  switch (kind) {
    case 'v2':
      return jwt({ t: 'g', id: 'exp-test' });
    case 'legacy':
      return jwt({ cp: 'control.example.com', c: 'cache.example.com', id: 'exp-test' });
    case 'v1':
      return Buffer.from(
        JSON.stringify({ endpoint: 'cell-1.example.com', api_key: jwt({ sub: 'exp-test' }) }),
      ).toString('base64');
  }
}

/** What `run` throws, or undefined: for checking a synchronous error's fields. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout and stderr together, as a user would see them. */
  readonly output: string;
  /** The last line of stdout, parsed: what the child reports. */
  readonly report: Record<string, unknown> | undefined;
}

/**
 * Runs a compiled child script of this package (`dist/<file>`; mocha runs from the package directory) and waits for it to
 * exit on its own; kills it after `boundMs`. For what only a separate process shows: what the SDK prints, an uncaught
 * exception, a handle that keeps the process alive.
 */
export function runChild(file: string, env: Record<string, string>, boundMs = 20_000): Promise<ChildResult> {
  const script = join(process.cwd(), 'dist', file);
  return new Promise((resolve) => {
    let output = '';
    let stdout = '';
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      let report: Record<string, unknown> | undefined;
      try {
        report = JSON.parse(last) as Record<string, unknown>;
      } catch {
        report = undefined;
      }
      resolve({ code, signal, output, report });
    });
  });
}

/** A store that rotates on every forced fetch, see {@link racingStore}. */
export interface RacingStore {
  readonly source: TokenSource;
  /** How many forced fetches it served. */
  readonly forced: number;
}

/**
 * A store that moves to the next of `keys` on every forced fetch (and stays on the last): a store rotated again each
 * time a client comes back for the new key, as when two rotations land within one round trip.
 */
export function racingStore(keys: readonly string[], name = 'test:racing'): RacingStore {
  let at = 0;
  let forced = 0;
  return {
    get forced() {
      return forced;
    },
    source: {
      name,
      async getToken(options = {}) {
        if (options.forceRefresh) {
          forced += 1;
          at = Math.min(at + 1, keys.length - 1);
        }
        return createToken({ source: name, value: keys[at] ?? '' });
      },
    },
  };
}
