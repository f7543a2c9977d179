import { createToken, mapToken, type TokenSource } from '@tokenchain/core';
import { checkKey } from './checkKey.js';
import { normalizeEndpoint } from './endpoints.js';

export interface MomentoKeyOptions {
  /** The clock for the expiry check, in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Checks every key a source returns as a Momento key, before anything caches or uses it: trimmed, nothing a gRPC header
 * cannot carry, a format the SDK reads, not expired, and an `attributes.endpoint` (if any) that is a host name (a leading
 * `https://` is removed). A key that fails is refused with a `TokenSourceError` (`MALFORMED`, `EXPIRED`,
 * `INVALID_CONFIGURATION`) naming the source, so a chain with `fallThrough: 'any-error'` moves past it.
 *
 * The token's `expiresAt` becomes the earlier of its own and the key's `exp` claim, so a cache refreshes before the key runs
 * out and never serves it after.
 *
 * @example
 * ```ts
 * const source = chain({ fallThrough: 'any-error' }, momentoKey(fromSecretsManager({ secretId: 'Momento_Auth_Token' })), fromEnv());
 * ```
 */
export function momentoKey(source: TokenSource, options: MomentoKeyOptions = {}): TokenSource {
  const now = options.now ?? Date.now;
  return mapToken(source, (token) => {
    const checked = checkKey(token, now());
    const endpoint = token.attributes?.endpoint;
    const attributes =
      endpoint === undefined || endpoint.trim().length === 0
        ? token.attributes
        : {
            ...token.attributes,
            endpoint: normalizeEndpoint(endpoint, token.source, 'the endpoint stored with the key'),
          };
    return createToken({
      source: token.source,
      value: checked.key === token.secret.reveal() ? token.secret : checked.key,
      expiresAt: checked.expiresAt,
      version: token.version,
      attributes,
    });
  });
}
