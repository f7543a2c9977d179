import type { CredentialProvider } from '@gomomento/sdk';
import { type Token, TokenSourceError } from '@tokenchain/core';
import { type CheckedKey, checkKey } from './checkKey.js';
import {
  type EndpointOverrides,
  endpointsFromBase,
  normalizeEndpoint,
  normalizeHost,
  type ResolvedEndpoints,
  resolveOverrides,
} from './endpoints.js';
import { keyCredentialProvider } from './keyCredentialProvider.js';
import { loadSdk } from './loadSdk.js';

/** The environment variable the SDK reads a v2 key's endpoint from. */
export const ENDPOINT_VARIABLE = 'MOMENTO_ENDPOINT';

export interface CredentialOptions {
  /**
   * The endpoint for a v2 API key, e.g. `cell-1-us-west-2-1.prod.a.momentohq.com`. Used when the token does not carry one in
   * `attributes.endpoint` (which wins, since it travels with the key and so follows a rotation to another region).
   * Falls back to `MOMENTO_ENDPOINT`. v1 keys and legacy tokens carry their own endpoints and ignore this.
   */
  readonly endpoint?: string;
  /** Where to connect instead, for every key format (e.g. a local server with `secureConnection: false`). */
  readonly endpointOverrides?: EndpointOverrides;
  /** Where `MOMENTO_ENDPOINT` is read. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The clock for the expiry check, in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Turns a token into the SDK's `CredentialProvider`, for any key format: a v2 API key (endpoint from the token's
 * `attributes.endpoint`, `options.endpoint` or `MOMENTO_ENDPOINT`), a v1 API key (base64, endpoint inside) or a legacy auth
 * token (a JWT with `cp` and `c` claims). `endpointOverrides` apply to every format.
 *
 * The key is checked before the SDK sees it, since the SDK's own failures are late or fatal: a trailing newline passes
 * client construction and then crashes the process on the first call. A key with a character a gRPC header cannot carry, of
 * no known format, or expired, is refused with a `TokenSourceError` (`MALFORMED`, `EXPIRED`) naming `token.source`; a
 * missing or malformed endpoint with `INVALID_CONFIGURATION`. No error holds the key, and neither do `JSON.stringify` or
 * `util.inspect` of the returned provider.
 *
 * @example
 * ```ts
 * const token = await fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' }).getToken();
 * const client = new CacheClient({ credentialProvider: toCredentialProvider(token), defaultTtlSeconds: 600 });
 * ```
 */
export function toCredentialProvider(token: Token, options: CredentialOptions = {}): CredentialProvider {
  const sdk = loadSdk(token.source);
  const checked = checkKey(token, (options.now ?? Date.now)());
  const overrides =
    options.endpointOverrides === undefined ? undefined : resolveOverrides(options.endpointOverrides, token.source);
  return keyCredentialProvider(sdk, {
    kind: checked.kind,
    wireKey: checked.wireKey,
    fingerprint: token.secret.fingerprint,
    endpoints: overrides ?? endpointsOf(checked, token, options),
    overridden: overrides !== undefined,
  });
}

function endpointsOf(checked: CheckedKey, token: Token, options: CredentialOptions): ResolvedEndpoints {
  const source = token.source;
  switch (checked.kind) {
    case 'v1':
      return endpointsFromBase(normalizeEndpoint(checked.endpoint ?? '', source, 'the endpoint inside the v1 API key'));
    case 'legacy': {
      if (checked.cacheEndpoint === undefined || checked.controlEndpoint === undefined) {
        throw new TokenSourceError(
          'the legacy auth token has no cache (c) or control (cp) endpoint claim: pass endpointOverrides to use it',
          { source, code: 'MALFORMED' },
        );
      }
      const cacheEndpoint = normalizeHost(checked.cacheEndpoint, source, 'the cache endpoint (c) of the legacy token');
      return {
        cacheEndpoint,
        controlEndpoint: normalizeHost(
          checked.controlEndpoint,
          source,
          'the control endpoint (cp) of the legacy token',
        ),
        tokenEndpoint: cacheEndpoint,
        secure: true,
      };
    }
    case 'v2':
      return endpointsFromBase(v2Endpoint(token, options));
  }
}

function v2Endpoint(token: Token, options: CredentialOptions): string {
  const source = token.source;
  const fromToken = token.attributes?.endpoint;
  if (fromToken !== undefined && fromToken.trim().length > 0) {
    return normalizeEndpoint(fromToken, source, 'the endpoint stored with the key');
  }
  if (options.endpoint !== undefined) return normalizeEndpoint(options.endpoint, source, 'the endpoint option');
  const fromEnv = (options.env ?? process.env)[ENDPOINT_VARIABLE];
  if (fromEnv !== undefined && fromEnv.trim().length > 0) return normalizeEndpoint(fromEnv, source, ENDPOINT_VARIABLE);
  throw new TokenSourceError(
    `a v2 API key needs an endpoint: keep it with the key (attributes.endpoint), pass the endpoint option, or set ${ENDPOINT_VARIABLE}`,
    { source, code: 'INVALID_CONFIGURATION' },
  );
}
