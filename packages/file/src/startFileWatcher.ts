import { type FSWatcher, watch } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { type Token, type TokenEvent, TokenSourceError } from '@tokenchain/core';
import { deadlineSignal } from '@tokenchain/core/source-kit';

/** First wait before trying again after a failed read or watch; doubles per failure in a row, up to the maximum. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** A read on a hung network filesystem must not stall every later check. */
const READ_TIMEOUT_MS = 10_000;

export interface FileWatcherInit {
  readonly source: string;
  /** The file, `~` already expanded. */
  readonly path: string;
  readonly debounceMs: number;
  /** The content subscribers already have, if known; a first read that differs from it is announced. */
  readonly baseline: Token | undefined;
  readonly read: (signal: AbortSignal | undefined) => Promise<Token>;
  readonly report: (event: TokenEvent) => void;
  /** Called with each new content, never with content equal to the last one. */
  readonly onChange: (token: Token) => void;
}

interface DirWatch {
  readonly watcher: FSWatcher;
  /** Inode and birth time of the directory when the watch began. */
  readonly identity: string;
  /** Set when an event suggests the directory itself went away. */
  stale: boolean;
}

export interface FileWatcher {
  stop(): void;
}

/**
 * Watches a key file for new content, Kubernetes secret volumes included.
 *
 * A watch on the file itself would miss the volume's update: the kubelet writes a new timestamped directory and renames a
 * `..data` symlink over the old one, so the inode behind `key -> ..data/key` is replaced, never written. So this watches the
 * directory holding the path (where that rename happens), plus the directory of the file the path resolves to (where an
 * in-place write to a symlink's target happens), re-resolving after every change. Events are debounced, and a change is
 * announced only when the content differs from the last content seen, which also swallows the many events of one update.
 *
 * Watchers are not persistent (they never keep the process alive). Every failure goes to `report`; nothing is thrown.
 */
export function startFileWatcher(init: FileWatcherInit): FileWatcher {
  const path = resolve(init.path);
  const watchers = new Map<string, DirWatch>();
  let stopped = false;
  let known = init.baseline;
  // Until the first read, content seen is the baseline rather than a change (unless a baseline was given).
  let primed = init.baseline !== undefined;
  let running = false;
  let again = false;
  let debounceTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let readFailures = 0;
  let watchFailures = 0;
  let reportedWatchFailure = false;
  let reportedAbsent = false;

  const warn = (message: string): void =>
    init.report({ type: 'warning', source: init.source, time: Date.now(), message });

  const onFsEvent = (): void => {
    if (stopped) return;
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(runCheck, init.debounceMs);
    debounceTimer.unref();
  };

  const scheduleRetry = (delayMs: number): void => {
    if (stopped || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      runCheck();
    }, delayMs);
    retryTimer.unref();
  };

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

  async function syncWatchers(): Promise<void> {
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
      watchFailures = 0;
      reportedWatchFailure = false;
      return;
    }
    watchFailures += 1;
    if (!failure.primary && watchFailures === 1) {
      // The symlink's target directory went away between resolving and watching it (a volume swap in progress): look again.
      onFsEvent();
      return;
    }
    if (!reportedWatchFailure) {
      reportedWatchFailure = true;
      warn(`cannot watch ${failure.dir} (${errorCode(failure.err)}); trying again`);
    }
    scheduleRetry(backoff(watchFailures));
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
        onFsEvent();
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
    warn(`watching ${dir} failed (${errorCode(err)}); watching it again`);
    scheduleRetry(backoff(1));
  }

  async function checkOnce(): Promise<void> {
    await syncWatchers();
    if (stopped) return;
    const deadline = deadlineSignal(undefined, READ_TIMEOUT_MS);
    let token: Token;
    try {
      token = await init.read(deadline.signal);
    } catch (err) {
      if (!stopped) onReadFailure(err);
      return;
    } finally {
      deadline.dispose();
    }
    if (stopped) return;
    readFailures = 0;
    reportedAbsent = false;
    const previous = known;
    if (!primed) {
      primed = true;
      known = token;
      return;
    }
    if (previous?.secret.equals(token.secret)) return;
    known = token;
    if (previous !== undefined) {
      init.report({
        type: 'rotated',
        source: init.source,
        time: Date.now(),
        from: previous.secret.fingerprint,
        to: token.secret.fingerprint,
      });
    }
    init.onChange(token);
  }

  function onReadFailure(err: unknown): void {
    // A file that is missing or broken when watching starts has no baseline: its first good content is news.
    primed = true;
    const error = TokenSourceError.wrap(err, init.source, 'reading the watched file failed');
    const reason = withoutSourcePrefix(error);
    if (error.code === 'NOT_FOUND') {
      // Between a removal and the re-creation: the directory watch will see the file come back.
      if (!reportedAbsent) warn(`${reason}; waiting for it to appear`);
      reportedAbsent = true;
      return;
    }
    readFailures += 1;
    const retryInMs = backoff(readFailures);
    init.report({
      type: 'refresh-failed',
      source: init.source,
      time: Date.now(),
      reason,
      code: error.code,
      consecutiveFailures: readFailures,
      retryInMs,
    });
    scheduleRetry(retryInMs);
  }

  function runCheck(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      try {
        do {
          again = false;
          await checkOnce();
        } while (again && !stopped);
      } catch (err) {
        // Only a throwing observer or subscriber could get here; keep watching rather than die silently.
        if (!stopped) warn(`a check of the file failed (${errorCode(err)}); trying again`);
        scheduleRetry(RETRY_BASE_MS);
      } finally {
        running = false;
      }
    })();
  }

  runCheck();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(debounceTimer);
      clearTimeout(retryTimer);
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function backoff(failures: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** (failures - 1), RETRY_MAX_MS);
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.name : typeof err;
}

function withoutSourcePrefix(error: TokenSourceError): string {
  const prefix = `${error.source}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}
