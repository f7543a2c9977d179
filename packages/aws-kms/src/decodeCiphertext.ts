import { TokenSourceError } from '@tokenchain/core';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The bytes of base64 KMS ciphertext. Says what is wrong without quoting the value. */
export function decodeCiphertext(value: string, source: string, what: string): Uint8Array {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new TokenSourceError(`${what} is not base64 KMS ciphertext`, { source, code: 'MALFORMED' });
  }
  return Buffer.from(compact, 'base64');
}
