// Helpers shared by this package's tests (no tests of its own). Real files, real symlinks, real watchers: no fs mocks.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Token, TokenEvent, TokenEventType, TokenObserver, TokenSource } from '@tokenchain/core';

export const KEY_1 = 'eyJlbmRwb2ludCI6ImNlbGwtMS5tb21lbnRvaHEuY29tIiwiYXBpX2tleSI6ImtleS1vbmUifQ';
export const KEY_2 = 'eyJlbmRwb2ludCI6ImNlbGwtMS5tb21lbnRvaHEuY29tIiwiYXBpX2tleSI6ImtleS10d28ifQ';
export const KEY_3 = 'eyJlbmRwb2ludCI6ImNlbGwtMS5tb21lbnRvaHEuY29tIiwiYXBpX2tleSI6ImtleS10aHJlZSJ9';

/** Generous bound for "it happens": file events arrive in milliseconds, but CI machines stall. */
export const EVENTUALLY_MS = 5_000;

export function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tokenchain-file-'));
}

/** Writes `content` to `path` with `mode` (umask would otherwise decide it). */
export async function writeKey(path: string, content: string, mode = 0o600): Promise<void> {
  await writeFile(path, content);
  await chmod(path, mode);
}

/** Records a source's events; `next(type)` returns the first event of that type not yet taken, waiting if need be. */
export function recordEvents(): {
  readonly observer: TokenObserver;
  readonly events: TokenEvent[];
  next(type: TokenEventType): Promise<TokenEvent>;
} {
  const events: TokenEvent[] = [];
  const taken = new Set<TokenEvent>();
  let wake: (() => void) | undefined;
  const observer: TokenObserver = {
    onEvent(event) {
      events.push(event);
      wake?.();
    },
  };
  const waitFor = async (type: TokenEventType): Promise<TokenEvent> => {
    for (;;) {
      const event = events.find((e) => e.type === type && !taken.has(e));
      if (event !== undefined) {
        taken.add(event);
        return event;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return { observer, events, next: (type) => withinBound(waitFor(type), `${type} event`) };
}

/** Subscribes to a source and keeps what it announces; `next()` waits for the next token not yet taken. */
export function collectTokens(source: TokenSource): {
  readonly tokens: Token[];
  next(): Promise<Token>;
  unsubscribe(): void;
} {
  const tokens: Token[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  const subscribe = source.subscribe;
  if (subscribe === undefined) throw new Error(`${source.name} offers no subscribe`);
  const unsubscribe = subscribe.call(source, (token) => {
    tokens.push(token);
    wake?.();
  });
  return {
    tokens,
    unsubscribe,
    next() {
      const waitForOne = async (): Promise<Token> => {
        while (tokens.length <= taken) await new Promise<void>((resolve) => (wake = resolve));
        const token = tokens[taken] as Token;
        taken += 1;
        return token;
      };
      return withinBound(waitForOne(), 'announced token');
    },
  };
}

/** Writes each key to `path` in turn, and expects the source to announce it before the next is written. */
export async function expectWritesAnnounced(
  announced: { next(): Promise<Token> },
  path: string,
  keys: readonly string[],
): Promise<void> {
  for (const key of keys) {
    await writeKey(path, key);
    assert.equal((await announced.next()).secret.reveal(), key, `the write of ${key.slice(-8)} was not announced`);
  }
}

export function withinBound<T>(promise: Promise<T>, what: string, ms = EVENTUALLY_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A Kubernetes secret volume built the way the kubelet's AtomicWriter builds one: the files live in a timestamped directory,
 * `..data` links to it, and each visible name links through `..data`. `update` swaps in a new directory atomically.
 */
export async function createSecretVolume(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<{ update(files: Readonly<Record<string, string>>): Promise<void> }> {
  let generation = 0;
  let current: string | undefined;
  const writeGeneration = async (contents: Readonly<Record<string, string>>): Promise<void> => {
    generation += 1;
    const next = `..2024_06_0${generation}_12_00_00.00000000${generation}`;
    await mkdir(join(dir, next));
    for (const [name, content] of Object.entries(contents)) await writeKey(join(dir, next, name), content, 0o400);
    await symlink(next, join(dir, '..data_tmp'));
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    if (current !== undefined) await rm(join(dir, current), { recursive: true, force: true });
    current = next;
  };
  await writeGeneration(files);
  for (const name of Object.keys(files)) await symlink(join('..data', name), join(dir, name));
  return { update: writeGeneration };
}

/**
 * How many inotify watches this process holds (Linux, where libuv implements fs.watch with inotify), or `undefined`
 * elsewhere. Counting them is how a test sees that a watcher was really closed, not merely forgotten.
 */
export function inotifyWatchCount(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // the descriptor readdir itself used, already closed
    }
    if (target !== 'anon_inode:inotify') continue;
    count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('inotify wd:')).length;
  }
  return count;
}

/**
 * Runs an ES module script in a fresh Node process and returns its exit code and output. With `withoutCapabilities`, the
 * process runs under `setpriv --bounding-set=-all` (util-linux): still root, so it can read this checkout wherever it lives,
 * but without CAP_DAC_OVERRIDE, so file modes apply to it as to any user.
 */
export function runNode(
  script: string,
  args: readonly string[],
  options: { readonly withoutCapabilities?: boolean; readonly timeoutMs?: number } = {},
): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }> {
  const node = [process.execPath, '--input-type=module', '-e', script, '--', ...args];
  const [command, ...commandArgs] = options.withoutCapabilities
    ? ['setpriv', '--bounding-set=-all', '--', ...node]
    : node;
  return new Promise((resolve) => {
    execFile(
      command as string,
      commandArgs,
      {
        timeout: options.timeoutMs ?? EVENTUALLY_MS * 2,
      },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The compiled package entry, for scripts run in a child process. */
export const PACKAGE_ENTRY = pathToFileURL(join(__dirname, 'index.js')).href;
