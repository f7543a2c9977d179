import { TokenSourceError } from '@tokenchain/core';

/** SecretBinary as UTF-8 text; bytes that are not UTF-8 cannot be a Momento key. */
export function decodeSecretBinary(bytes: Uint8Array, source: string, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TokenSourceError(`SecretBinary of ${what} is not UTF-8 text`, { source, code: 'MALFORMED' });
  }
}
