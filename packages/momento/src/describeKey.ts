import type { Token } from '@tokenchain/core';
import { checkKey } from './checkKey.js';
import type { KeyKind } from './decodeKey.js';

/** What can be said about a key without showing it. */
export interface KeyDescription {
  readonly kind: KeyKind;
  /** The key's fingerprint (first 8 hex characters of its SHA-256), as in every tokenchain event. */
  readonly fingerprint: string;
  /** v1: the endpoint inside the key; legacy: its cache endpoint (`c`); v2: the token's `attributes.endpoint`, if any. */
  readonly endpoint?: string;
  /** The earlier of the token's `expiresAt` and the key's own `exp` claim. */
  readonly expiresAt?: Date;
}

/**
 * Says which format a key is, where it points and when it expires, without the key. An expired key is described, not
 * refused; a key of no known format, or with a character a gRPC header cannot carry, is refused with a `TokenSourceError`
 * (`MALFORMED`) naming `token.source`.
 *
 * @example
 * ```ts
 * const { kind, endpoint, expiresAt } = describeKey(await source.getToken());
 * console.log(`${kind} key for ${endpoint ?? 'an endpoint given separately'}, expires ${expiresAt?.toISOString() ?? 'never'}`);
 * ```
 */
export function describeKey(token: Token): KeyDescription {
  const checked = checkKey(token, undefined);
  const endpoint =
    checked.kind === 'v1'
      ? checked.endpoint
      : checked.kind === 'legacy'
        ? checked.cacheEndpoint
        : token.attributes?.endpoint;
  return {
    kind: checked.kind,
    fingerprint: token.secret.fingerprint,
    ...(endpoint !== undefined && { endpoint }),
    ...(checked.expiresAt !== undefined && { expiresAt: checked.expiresAt }),
  };
}
