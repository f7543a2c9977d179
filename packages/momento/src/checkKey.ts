import { type Token, TokenSourceError } from '@tokenchain/core';
import { type DecodedKey, decodeKey } from './decodeKey.js';

/** A key that passed every check, with its expiry: the earlier of the token's and the key's own. */
export interface CheckedKey extends DecodedKey {
  /** The key, trimmed. */
  readonly key: string;
}

/** gRPC metadata values may hold only printable ASCII; a key has no spaces either. */
const ILLEGAL = /[^\x21-\x7e]/;

/**
 * Everything that must hold before the SDK sees a key: trimmed, nothing a gRPC header cannot carry, a format the SDK
 * reads, not expired (unless `now` is undefined). Failures are `TokenSourceError`s naming `token.source` (`MALFORMED` or
 * `EXPIRED`) that never quote the key.
 */
export function checkKey(token: Token, now: number | undefined): CheckedKey {
  const source = token.source;
  const key = token.secret.reveal().trim();
  if (key.length === 0) throw new TokenSourceError('the Momento API key is empty', { source, code: 'MALFORMED' });
  refuseIllegal(key, source, 'the Momento API key');
  const decoded = decodeKey(key);
  if (!decoded.ok) throw new TokenSourceError(decoded.reason, { source, code: 'MALFORMED' });
  if (decoded.key.wireKey !== key) refuseIllegal(decoded.key.wireKey, source, 'the api_key inside the v1 API key');
  const expiresAt = earliest(token.expiresAt, decoded.key.expiresAt);
  if (now !== undefined) refuseExpired(expiresAt, now, source, decoded.key.kind);
  return { ...decoded.key, key, ...(expiresAt && { expiresAt }) };
}

/** Refuses a key whose expiry (the earlier of the token's and its own `exp`) is not after `now`, with `EXPIRED`. */
export function refuseExpired(expiresAt: Date | undefined, now: number, source: string, kind: string): void {
  if (expiresAt === undefined || expiresAt.getTime() > now) return;
  throw new TokenSourceError(`the Momento API key (${kind}) expired at ${expiresAt.toISOString()}`, {
    source,
    code: 'EXPIRED',
  });
}

function refuseIllegal(value: string, source: string, what: string): void {
  const match = ILLEGAL.exec(value);
  if (!match) return;
  throw new TokenSourceError(
    `${what} contains ${describeCharacter(match[0])} at position ${match.index + 1} of ${value.length}: a gRPC header cannot carry it (the SDK would crash the process on the first call)`,
    { source, code: 'MALFORMED' },
  );
}

function describeCharacter(char: string): string {
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === ' ' || char === '\t') return 'whitespace';
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? 'a control character' : 'a non-ASCII character';
}

function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
