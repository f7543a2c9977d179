import type { Configuration } from '@gomomento/sdk';
import type { TokenObserver, TokenSource } from '@tokenchain/core';
import type { EndpointOverrides } from '@tokenchain/momento';

/** Where the demo runs: the local fakes or a real account. */
export interface DemoWorld {
  /** A headline and lines saying what runs where. Never a key. */
  readonly title: string;
  readonly details: readonly string[];
  /** The key chain, reporting its fallbacks to `observer`. */
  source(observer: TokenObserver): TokenSource;
  readonly configuration: Configuration;
  readonly endpointOverrides?: EndpointOverrides;
  readonly cacheName: string;
  /**
   * Rotates the key, if this world can. Says what it did (by fingerprint) and whether the old key still works, in which case
   * the demo refreshes at once rather than wait for the cache's TTL.
   */
  readonly rotate?: () => Promise<{ readonly description: string; readonly oldKeyStillWorks: boolean }>;
  /**
   * The disposable-token step, where this world can run it: a client on a token scoped to `cacheName`, minted with the
   * long-lived key, living `validForSeconds`; `accepts` says whether Momento still takes a key (to show an expired token
   * refused).
   */
  readonly disposable?: { readonly validForSeconds: number; readonly accepts: (key: string) => boolean };
  /** GetSecretValue calls so far, where that can be counted. */
  readonly getSecretValueCalls?: () => number;
  close(): Promise<void>;
}
