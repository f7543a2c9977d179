import {
  type CachedOptions,
  type CachedTokenSource,
  cached,
  type TokenObserver,
  type TokenSource,
} from '@tokenchain/core';
import { isCachedTokenSource } from '@tokenchain/core/source-kit';
import type { EndpointOverrides } from './endpoints.js';
import { momentoKey } from './momentoKey.js';

/** What every managed client is built from. */
export interface ManagedClientOptions {
  /**
   * Where the key comes from. A source that is not already `cached()` gets a cache (and {@link momentoKey} checks) put in
   * front of it, which the client then owns and closes; a `cached()` source is shared, seen through the same checks
   * (`momentoKey(source)`: an expired key forces a refresh), and left open.
   */
  readonly source: TokenSource;
  /** The endpoint for a v2 API key, when the token does not carry one (see `toCredentialProvider`). */
  readonly endpoint?: string;
  /** Where to connect instead, for every key format. */
  readonly endpointOverrides?: EndpointOverrides;
  /** Receives key events (resolved, refreshed, rotated, warnings); nothing is logged otherwise. */
  readonly observer?: TokenObserver;
  /** The policy of the cache put in front of `source` (ignored when `source` is already cached). */
  readonly cache?: Omit<CachedOptions, 'observer' | 'onEvent' | 'logger'>;
  /** Where `MOMENTO_ENDPOINT` and `AWS_LAMBDA_FUNCTION_NAME` (which picks the default configuration) are read. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** @deprecated Renamed {@link ManagedClientOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type ManagedClientInit = ManagedClientOptions;

/** What a managed client adds to the SDK client it stands for. */
export interface ManagedClient extends AsyncDisposable {
  /**
   * Gets the key and builds the SDK client now, rather than on the first call, so that a missing or malformed key fails at
   * start-up. Rejects with the source's `TokenSourceError`.
   */
  ready(): Promise<void>;
  /** The fingerprint of the key the current SDK client was built with; undefined before the first call. */
  readonly keyFingerprint: string | undefined;
  /**
   * Refuses further calls, closes every idle SDK client now and any other as soon as the calls running on it end (with
   * their answer, or the SDK's error at their deadline: never a crash), ends topic subscriptions, and stops the timers of
   * the key cache if the client put it in front of its source. `await using` / `Symbol.asyncDispose` also waits for
   * running calls.
   */
  close(): void;
}

/** The cached source a managed client reads: the given one if already cached, else a new cache it owns. */
export function managedSource(init: ManagedClientOptions): {
  readonly source: CachedTokenSource;
  readonly owned: boolean;
} {
  // A cache made elsewhere (defaultTokenSource(), the inversify module's) was filled without the Momento checks: seen
  // through them, its keys get the same format check and `exp` as those of a cache made here.
  if (isCachedTokenSource(init.source)) return { source: momentoKey(init.source), owned: false };
  return {
    source: cached(momentoKey(init.source), {
      ...init.cache,
      ...(init.observer !== undefined && { observer: init.observer }),
    }),
    owned: true,
  };
}
