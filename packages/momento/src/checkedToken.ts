import { createToken, type Token } from '@tokenchain/core';
import { checkKey } from './checkKey.js';
import type { KeyKind } from './decodeKey.js';
import { normalizeEndpoint } from './endpoints.js';

/** A token that passed the Momento checks, and the format of its key. */
export interface CheckedToken {
  /** Same key (the same `Secret` when nothing needed trimming), `expiresAt` the earlier of its own and the key's `exp`. */
  readonly token: Token;
  readonly kind: KeyKind;
}

/**
 * The checks every key gets before a client uses it, except expiry, which depends on the time it is asked: trimmed,
 * nothing a gRPC header cannot carry, a format the SDK reads, an `exp` claim a Date can hold, and an `attributes.endpoint`
 * (if any) that is a host name (a leading `https://` is removed). Throws `TokenSourceError`s naming the token's source.
 */
export function checkedToken(token: Token): CheckedToken {
  const checked = checkKey(token, undefined);
  const endpoint = token.attributes?.endpoint;
  const attributes =
    endpoint === undefined || endpoint.trim().length === 0
      ? token.attributes
      : {
          ...token.attributes,
          endpoint: normalizeEndpoint(endpoint, token.source, 'the endpoint stored with the key'),
        };
  return {
    kind: checked.kind,
    token: createToken({
      source: token.source,
      value: checked.key === token.secret.reveal() ? token.secret : checked.key,
      expiresAt: checked.expiresAt,
      version: token.version,
      attributes,
    }),
  };
}
