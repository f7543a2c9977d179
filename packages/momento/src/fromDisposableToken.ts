import type { DisposableTokenScope } from '@gomomento/sdk';
import type { TokenSource } from '@tokenchain/core';
import { checkVendRequest, type DisposableTokenRequest } from './checkVendRequest.js';
import { type CreateTokenVendorOptions, createTokenVendor } from './createTokenVendor.js';
import { loadSdk } from './loadSdk.js';

export interface FromDisposableTokenOptions extends CreateTokenVendorOptions, DisposableTokenRequest {
  /** What every minted token may do: the SDK's `DisposableTokenScopes.*` or `TokenScopes.*`, passed through. */
  readonly scope: DisposableTokenScope;
}

/** @deprecated Renamed {@link FromDisposableTokenOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type FromDisposableTokenInit = FromDisposableTokenOptions;

/** A source of disposable tokens; `close()` closes its `AuthClient`. */
export interface DisposableTokenSource extends TokenSource {
  close(): void;
}

/**
 * A token source whose every fetch mints a new disposable token with the long-lived key from `source` (any source or chain),
 * so that code which only needs one cache never holds the key that can do everything. Named
 * `disposable(<source name>)`; each token carries its own `expiresAt` and `attributes.endpoint`.
 *
 * Put `cached()` in front of it and hand it to a client: the cache refreshes the token ahead of its expiry (at the latest
 * halfway through its life), and the client moves to the new token without a failed call. A bad `scope` or `validForSeconds`
 * throws `INVALID_CONFIGURATION` here, not on the first call.
 *
 * @example
 * ```ts
 * const client = createCacheClient({
 *   source: cached(fromDisposableToken({
 *     source: fromSecretsManager({ secretId: 'Momento_Auth_Token' }),
 *     scope: DisposableTokenScopes.cacheReadWrite('sessions'),
 *     validForSeconds: 3600,
 *   })),
 *   defaultTtlSeconds: 600,
 * });
 * ```
 */
export function fromDisposableToken(init: FromDisposableTokenOptions): DisposableTokenSource {
  const { scope, validForSeconds, tokenId } = init;
  const request = { validForSeconds, ...(tokenId !== undefined && { tokenId }) };
  const name = `disposable(${init.source.name})`;
  // Checked before the vendor exists, so a bad scope leaves nothing behind.
  checkVendRequest(loadSdk(name), scope, request, name);
  const vendor = createTokenVendor(init);
  return {
    name: vendor.name,
    getToken: (options = {}) => vendor.vend(scope, { ...request, ...(options.signal && { signal: options.signal }) }),
    close: () => vendor.close(),
  };
}
