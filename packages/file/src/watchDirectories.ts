import { type FSWatcher, watch } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { errorCode } from './errorCode.js';

export interface DirectoryWatchOptions {
  /** The file, absolute. */
  readonly path: string;
  /** Called on every filesystem event in a watched directory (the caller debounces). */
  readonly onEvent: () => void;
  /** A watch failed: look again after the failures in a row so far (the caller backs off). */
  readonly onFailure: (failures: number) => void;
  readonly warn: (message: string) => void;
}

/** The directories a {@link watchDirectories} keeps watched. */
export interface DirectoryWatch {
  /** Watches what the path needs now (it may point elsewhere after a change) and stops watching what it no longer needs. */
  sync(): Promise<void>;
  stop(): void;
}

interface DirWatch {
  readonly watcher: FSWatcher;
  /** Inode and birth time of the directory when the watch began. */
  readonly identity: string;
  /** Set when an event suggests the directory itself went away. */
  stale: boolean;
}

/**
 * Keeps the directories of a key file watched: the directory holding the path (where a Kubernetes `..data` symlink swap
 * happens) and the directory of the file the path resolves to (where an in-place write to a symlink's target happens).
 * `sync()` re-resolves them after every change. Watchers are not persistent (they never keep the process alive); a failure
 * is warned about once and handed to `onFailure`, never thrown.
 *
 * @example
 * ```ts
 * const dirs = watchDirectories({ path: '/var/run/secrets/momento/key', onEvent: debounce, onFailure: retry, warn });
 * await dirs.sync();
 * ```
 */
export function watchDirectories(options: DirectoryWatchOptions): DirectoryWatch {
  const { path } = options;
  const watchers = new Map<string, DirWatch>();
  let stopped = false;
  let failures = 0;
  let reportedFailure = false;

  /** The directory holding the path first (where a Kubernetes swap happens), then the directory the path resolves into. */
  async function wantedDirs(): Promise<string[]> {
    const parent = dirname(path);
    try {
      const target = dirname(await realpath(path));
      return target === parent ? [parent] : [parent, target];
    } catch {
      // No file right now: the watch on its parent directory sees it come back.
      return [parent];
    }
  }

  async function sync(): Promise<void> {
    const wanted = await wantedDirs();
    if (stopped) return;
    for (const [dir, entry] of watchers) {
      if (!wanted.includes(dir)) {
        watchers.delete(dir);
        entry.watcher.close();
      }
    }
    let failure: { dir: string; err: unknown; primary: boolean } | undefined;
    for (const [index, dir] of wanted.entries()) {
      try {
        await watchDir(dir);
      } catch (err) {
        failure ??= { dir, err, primary: index === 0 };
      }
    }
    if (stopped) return;
    if (failure === undefined) {
      failures = 0;
      reportedFailure = false;
      return;
    }
    failures += 1;
    if (!failure.primary && failures === 1) {
      // The symlink's target directory went away between resolving and watching it (a volume swap in progress): look again.
      options.onEvent();
      return;
    }
    if (!reportedFailure) {
      reportedFailure = true;
      options.warn(`cannot watch ${failure.dir} (${errorCode(failure.err)}); trying again`);
    }
    options.onFailure(failures);
  }

  /**
   * Watches `dir` unless it is watched already. A directory removed and created again needs a new watch (the old one went
   * with the old directory), and ext4 hands the new directory the same inode number at once, so identity is inode plus
   * birth time, and an event naming the directory itself (how its removal shows) also marks the watch for renewal.
   */
  async function watchDir(dir: string): Promise<void> {
    const existing = watchers.get(dir);
    let identity: string;
    try {
      const stats = await stat(dir);
      identity = `${stats.ino}:${stats.birthtimeMs}`;
    } catch (err) {
      if (existing !== undefined && watchers.get(dir) === existing) watchers.delete(dir);
      existing?.watcher.close();
      throw err;
    }
    if (stopped || (existing !== undefined && existing.identity === identity && !existing.stale)) return;
    existing?.watcher.close();
    const name = basename(dir);
    const entry: DirWatch = {
      identity,
      stale: false,
      watcher: watch(dir, { persistent: false }, (_event, filename) => {
        if (filename === null || filename === name) entry.stale = true;
        options.onEvent();
      }),
    };
    entry.watcher.on('error', (err) => onWatcherError(dir, entry.watcher, err));
    watchers.set(dir, entry);
  }

  function onWatcherError(dir: string, watcher: FSWatcher, err: unknown): void {
    watcher.close();
    if (watchers.get(dir)?.watcher !== watcher) return;
    watchers.delete(dir);
    if (stopped) return;
    options.warn(`watching ${dir} failed (${errorCode(err)}); watching it again`);
    options.onFailure(1);
  }

  return {
    sync,
    stop() {
      stopped = true;
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
