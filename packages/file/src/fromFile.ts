import {
  type Token,
  type TokenListener,
  type TokenObserver,
  type TokenSource,
  TokenSourceError,
  type Unsubscribe,
} from '@tokenchain/core';
import { createReporter, fanOut, hasKeyShaped } from '@tokenchain/core/source-kit';
import { createPermissionCheck } from './createPermissionCheck.js';
import { expandHome } from './expandHome.js';
import { readTokenFile } from './readTokenFile.js';
import { type FileWatcher, startFileWatcher } from './startFileWatcher.js';

/** A Momento API key is a few hundred bytes; anything near this limit is the wrong file. */
export const DEFAULT_MAX_BYTES = 64 * 1024;
/** One Kubernetes volume update fires several events within a few milliseconds; they are read as one. */
export const DEFAULT_DEBOUNCE_MS = 100;

export interface FromFileOptions {
  /** The file holding the key. `~` and `~/…` start at the home directory. Relative paths start at the working directory. */
  readonly path: string;
  /** Watch the file and announce new content to subscribers (Kubernetes secret volume updates included). Default `false`. */
  readonly watch?: boolean;
  /** Refuse files larger than this many bytes. Default 64 KiB. */
  readonly maxBytes?: number;
  /**
   * Refuse (`ACCESS_DENIED`) a file that its group or others may read, as ssh does for private keys, instead of only
   * reporting a `warning` event. Not checked on Windows. Default `false`.
   */
  readonly refuseInsecurePermissions?: boolean;
  /** Receives `warning`, `refresh-failed` and `rotated` events. */
  readonly observer?: TokenObserver;
  /** How the file's bytes are decoded. Default `utf8`. */
  readonly encoding?: BufferEncoding;
  /** The directory `~` stands for. Default `os.homedir()`. */
  readonly homeDir?: string;
  /** How long to wait for a burst of file system events to settle before reading. Default 100 ms. */
  readonly debounceMs?: number;
}

/** @deprecated Renamed {@link FromFileOptions} (factory arguments are `*Options`); this alias goes in the next minor. */
export type FromFileInit = FromFileOptions;

/** A key file as a {@link TokenSource}. */
export interface FileTokenSource extends TokenSource {
  /** True while the file is watched: `watch: true` and at least one subscriber. */
  readonly watching: boolean;
  /** Stops watching and drops every subscriber. `getToken` keeps working; a later `subscribe` watches again. */
  close(): void;
}

/** A key file that is watched while anyone subscribes. */
export interface WatchedFileTokenSource extends FileTokenSource {
  /**
   * Calls `listener` with the new token each time the file's content changes. Watching starts with the first subscriber
   * and stops with the last `Unsubscribe`.
   */
  subscribe(listener: TokenListener): Unsubscribe;
  /**
   * Resolves once the watcher has nothing left to check: no check running and none waiting out the debounce, for every
   * change the OS had reported when it was called. A retry after a failed read (backoff up to 30 s) is not waited for.
   * Resolves at once when nothing is watched. For tests and start-up code that must know a change has been looked at,
   * including one that announced nothing (the same content again).
   *
   * @example
   * ```ts
   * const unsubscribe = source.subscribe(onKey);
   * await source.settled(); // the first read is done: what the file holds now is known, not news
   * ```
   */
  settled(): Promise<void>;
}

/**
 * A key from a file, such as a Kubernetes secret volume or a Docker secret. The file is read on every `getToken` (a read is a
 * few system calls; put a cache in front to decide how often), trimmed, and never quoted in errors.
 *
 * A missing file is "not there" (`TokenNotFoundError`, so a chain moves on). A file that is there but unusable (unreadable,
 * a directory, too large, empty, or exposed while `refuseInsecurePermissions` is set) stops the chain with a
 * `TokenSourceError` that names the path.
 *
 * With `watch: true` the source also offers `subscribe`, announcing new content as soon as the file changes.
 *
 * @example
 * ```ts
 * const source = fromFile({ path: '/var/run/secrets/momento/api-key', watch: true, refuseInsecurePermissions: true });
 * const unsubscribe = source.subscribe((token) => rebuildClients(token));
 * ```
 */
export function fromFile(init: FromFileOptions & { readonly watch: true }): WatchedFileTokenSource;
export function fromFile(init: FromFileOptions): FileTokenSource;
export function fromFile(init: FromFileOptions): FileTokenSource {
  // Checked before it becomes the source's name, which every error, event and log line repeats.
  if (typeof init.path === 'string' && hasKeyShaped(init.path)) {
    throw new TokenSourceError(
      'path is shaped like a Momento API key (not shown): give the path of the file that holds the key, e.g. /run/secrets/momento',
      { source: 'file', code: 'INVALID_CONFIGURATION' },
    );
  }
  const name = `file:${init.path}`;
  validate(init, name);
  const path = expandHome(init.path, init.homeDir);
  const report = createReporter(init.observer);
  const checkMode = createPermissionCheck({
    source: name,
    path,
    refuse: init.refuseInsecurePermissions ?? false,
    report,
  });
  const read = (signal: AbortSignal | undefined): Promise<Token> =>
    readTokenFile(
      {
        source: name,
        path,
        maxBytes: init.maxBytes ?? DEFAULT_MAX_BYTES,
        encoding: init.encoding ?? 'utf8',
        checkMode,
      },
      signal,
    );

  const subscribers = fanOut<Token>(name, report);
  let watcher: FileWatcher | undefined;
  // What getToken last returned: when watching starts, content that differs from it is news to the subscriber.
  let lastServed: Token | undefined;

  const stopWatching = (): void => {
    watcher?.stop();
    watcher = undefined;
  };

  const source: FileTokenSource = {
    name,
    get watching() {
      return watcher !== undefined;
    },
    async getToken(options = {}) {
      const token = await read(options.signal);
      lastServed = token;
      return token;
    },
    close() {
      subscribers.clear();
      stopWatching();
    },
  };
  if (!init.watch) return source;

  const subscribe = (listener: TokenListener): Unsubscribe => {
    // One entry per call, so the same function subscribed twice is told twice and unsubscribed one at a time.
    const remove = subscribers.add(listener);
    watcher ??= startFileWatcher({
      source: name,
      path,
      debounceMs: init.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      baseline: lastServed,
      read,
      report,
      onChange: (token) => subscribers.emit(token),
    });
    return () => {
      remove();
      if (subscribers.size === 0) stopWatching();
    };
  };
  const watched: WatchedFileTokenSource = Object.assign(source, {
    subscribe,
    settled: async () => watcher?.settled(),
  });
  return watched;
}

function validate(init: FromFileOptions, name: string): void {
  const invalid = (message: string) => new TokenSourceError(message, { source: name, code: 'INVALID_CONFIGURATION' });
  if (typeof init.path !== 'string' || init.path.trim().length === 0) throw invalid('path is empty');
  if (init.maxBytes !== undefined && !(Number.isSafeInteger(init.maxBytes) && init.maxBytes > 0)) {
    throw invalid(`maxBytes must be a positive integer, not ${init.maxBytes}`);
  }
  if (init.debounceMs !== undefined && !(Number.isFinite(init.debounceMs) && init.debounceMs >= 0)) {
    throw invalid(`debounceMs must be a number of milliseconds, not ${init.debounceMs}`);
  }
  if (init.encoding !== undefined && !Buffer.isEncoding(init.encoding)) {
    throw invalid(`encoding ${String(init.encoding)} is not one Node.js knows`);
  }
}
