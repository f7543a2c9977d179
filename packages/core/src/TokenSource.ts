import type { Secret } from './Secret.js';

/** Options every {@link TokenSource.getToken} call accepts. */
export interface GetTokenOptions {
  /** Ends the call early. A source must stop its I/O and reject with a `TokenAbortedError`. */
  readonly signal?: AbortSignal;
  /**
   * Skip any cache and go to the store. A client asks for this after its key was rejected.
   * Caches coalesce forced refreshes, so a burst of rejections costs one fetch.
   */
  readonly forceRefresh?: boolean;
  /**
   * The fingerprint of the key that was rejected, when `forceRefresh` is set. A cache that already holds a
   * different key returns it without fetching again: the rotation has already been seen.
   */
  readonly rejectedFingerprint?: string;
}

/** A Momento API key, with where it came from and what is known about it. */
export interface Token {
  /** The key itself, redacted everywhere except {@link Secret.reveal}. */
  readonly secret: Secret;
  /** The name of the source that produced it (e.g. `env:MOMENTO_API_KEY`). */
  readonly source: string;
  /** When the key stops working, if known. A cache never serves a token past this instant. */
  readonly expiresAt?: Date;
  /** A version id from the store (e.g. a Secrets Manager VersionId), if it has one. */
  readonly version?: string;
  /** Non-secret companions read with the key, such as `endpoint`. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Called with the new token when a source learns of a new key on its own (a watched file changed, a background refresh). */
export type TokenListener = (token: Token) => void;

/** Stops a subscription. Safe to call more than once. */
export type Unsubscribe = () => void;

/**
 * Where a key comes from. One method, no base class: write a source as an object literal or a factory function.
 *
 * A source that has no key ("not there": no such variable, file or secret) rejects with `TokenNotFoundError`, which lets a
 * chain try the next source. A source that is there but broken rejects with another `TokenSourceError`, which stops it.
 *
 * @example
 * ```ts
 * const source: TokenSource = {
 *   name: 'vault:momento',
 *   async getToken({ signal } = {}) {
 *     const value = await vault.read('momento', { signal });
 *     if (value === undefined) throw new TokenNotFoundError('no key at vault path momento', { source: this.name });
 *     return createToken({ source: this.name, value });
 *   },
 * };
 * ```
 */
export interface TokenSource {
  /** Identifies the source in errors, events and logs, e.g. `secretsmanager:Momento_Auth_Token`. Never contains a key. */
  readonly name: string;
  getToken(options?: GetTokenOptions): Promise<Token>;
  /** Sources that learn of new keys by themselves (watched files, caches) announce them here. */
  subscribe?(listener: TokenListener): Unsubscribe;
}
