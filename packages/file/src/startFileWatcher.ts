import { resolve } from 'node:path';
import { type Token, type TokenEvent, TokenSourceError } from '@tokenchain/core';
import { backoffDelay, deadlineSignal, startTimer, type Timer } from '@tokenchain/core/source-kit';
import { errorCode } from './errorCode.js';
import { watchDirectories } from './watchDirectories.js';

/** The wait before trying again after a failed read or watch: doubling per failure in a row, from 1 s up to 30 s. */
const RETRY_BACKOFF = { initialMs: 1_000, maxMs: 30_000 } as const;
/** A read on a hung network filesystem must not stall every later check. */
const READ_TIMEOUT_MS = 10_000;

export interface FileWatcherOptions {
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

export interface FileWatcher {
  /** See `WatchedFileTokenSource.settled`. */
  settled(): Promise<void>;
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
 * Watchers and timers are not persistent (they never keep the process alive). Every failure goes to `report`; nothing is
 * thrown. The directories are {@link watchDirectories}'; this is the check loop that reads the file when they change.
 *
 * @example
 * ```ts
 * const watcher = startFileWatcher({ source, path, debounceMs: 100, baseline: undefined, read, report, onChange });
 * watcher.stop();
 * ```
 */
export function startFileWatcher(init: FileWatcherOptions): FileWatcher {
  let stopped = false;
  let known = init.baseline;
  // Until the first read, content seen is the baseline rather than a change (unless a baseline was given).
  let primed = init.baseline !== undefined;
  let running = false;
  let again = false;
  let debounceTimer: Timer | undefined;
  let retryTimer: Timer | undefined;
  let readFailures = 0;
  let reportedAbsent = false;
  // Callers of settled() waiting for the watcher to have nothing to check.
  let waiters: (() => void)[] = [];

  // A retry after a failure is not pending work here: it waits out its backoff (up to 30 s) and settled() must not.
  const idle = (): boolean => stopped || (!running && debounceTimer === undefined);
  const wakeIfIdle = (): void => {
    if (!idle()) return;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };

  const warn = (message: string): void =>
    init.report({ type: 'warning', source: init.source, time: Date.now(), message });

  const onFsEvent = (): void => {
    if (stopped) return;
    debounceTimer?.cancel();
    debounceTimer = startTimer(init.debounceMs, () => {
      debounceTimer = undefined;
      runCheck();
      wakeIfIdle();
    });
  };

  const scheduleRetry = (delayMs: number): void => {
    if (stopped || retryTimer !== undefined) return;
    retryTimer = startTimer(delayMs, () => {
      retryTimer = undefined;
      runCheck();
    });
  };

  const dirs = watchDirectories({
    path: resolve(init.path),
    onEvent: onFsEvent,
    onFailure: (failures) => scheduleRetry(backoff(failures)),
    warn,
  });

  async function checkOnce(): Promise<void> {
    await dirs.sync();
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
        scheduleRetry(RETRY_BACKOFF.initialMs);
      } finally {
        running = false;
        wakeIfIdle();
      }
    })();
  }

  runCheck();

  return {
    async settled() {
      // Two turns of the event loop let Node read the filesystem events the OS has already queued (one poll phase lies
      // between them), so a change made before this call is part of what is waited for.
      await nextTurn();
      await nextTurn();
      if (idle()) return;
      await new Promise<void>((resolve) => waiters.push(resolve));
    },
    stop() {
      if (stopped) return;
      stopped = true;
      debounceTimer?.cancel();
      retryTimer?.cancel();
      dirs.stop();
      wakeIfIdle();
    },
  };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Core's one backoff formula, with jitter: watchers of one shared volume, started together, do not retry together. */
function backoff(failures: number): number {
  return backoffDelay(failures, RETRY_BACKOFF, Math.random);
}

function withoutSourcePrefix(error: TokenSourceError): string {
  const prefix = `${error.source}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}
