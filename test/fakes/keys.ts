import { randomBytes } from 'node:crypto';

/**
 * Builders for every Momento key format, for tests. The SDK decodes keys without checking signatures (jwt-decode), so
 * these carry a random id instead of a real signature: each call returns a different key.
 */

/** What every builder accepts. */
export interface KeyInit {
  /** Becomes the `exp` claim (whole seconds). Omitted: the key never expires. */
  readonly expiresAt?: Date;
  /** A fixed id instead of a random one, for a reproducible key. */
  readonly id?: string;
}

export interface V1KeyInit extends KeyInit {
  /** The base endpoint inside the key, e.g. `cell-1.prod.a.momentohq.com` or `127.0.0.1:4443`. */
  readonly endpoint: string;
}

export interface LegacyKeyInit extends KeyInit {
  /** The `cp` claim (control endpoint). */
  readonly controlEndpoint: string;
  /** The `c` claim (cache endpoint). */
  readonly cacheEndpoint: string;
}

/**
 * A v2 API key: a JWT whose payload has `t: 'g'`. The endpoint travels separately (`MOMENTO_ENDPOINT`).
 *
 * @example
 * ```ts
 * const key = v2Key({ expiresAt: new Date(Date.now() + 3_600_000) });
 * ```
 */
export function v2Key(init: KeyInit = {}): string {
  return jwt({ t: 'g', id: init.id ?? randomId(), ...expClaim(init.expiresAt) });
}

/**
 * A v1 API key: base64 of `{"endpoint","api_key"}`. The SDK sends only the inner `api_key` (see {@link wireKeyOfV1}).
 *
 * @example
 * ```ts
 * const key = v1Key({ endpoint: fake.endpoint });
 * ```
 */
export function v1Key(init: V1KeyInit): string {
  const apiKey = jwt({ sub: 'tokenchain-test', id: init.id ?? randomId(), ...expClaim(init.expiresAt) });
  return Buffer.from(JSON.stringify({ endpoint: init.endpoint, api_key: apiKey }), 'utf8').toString('base64');
}

/**
 * A legacy auth token: a JWT with the control (`cp`) and cache (`c`) endpoints as claims.
 *
 * @example
 * ```ts
 * const key = legacyKey({ controlEndpoint: 'control.example', cacheEndpoint: 'cache.example' });
 * ```
 */
export function legacyKey(init: LegacyKeyInit): string {
  return jwt({
    sub: 'tokenchain-test',
    cp: init.controlEndpoint,
    c: init.cacheEndpoint,
    id: init.id ?? randomId(),
    ...expClaim(init.expiresAt),
  });
}

/** The inner `api_key` of a v1 key: what the SDK puts on the wire as `authorization`. */
export function wireKeyOfV1(key: string): string {
  const decoded = JSON.parse(Buffer.from(key, 'base64').toString('utf8')) as { api_key?: unknown };
  if (typeof decoded.api_key !== 'string') throw new Error('not a v1 key');
  return decoded.api_key;
}

/** What the SDK sends as `authorization` for a key of any format: the inner `api_key` of a v1 key, else the key itself. */
export function wireKeyOf(key: string): string {
  return isV1Shaped(key) ? wireKeyOfV1(key) : key;
}

function isV1Shaped(key: string): boolean {
  // The SDK's own test: the string survives a base64 round trip (a JWT does not, because of its dots).
  if (Buffer.from(Buffer.from(key, 'base64').toString('utf8'), 'utf8').toString('base64') !== key) return false;
  try {
    const decoded = JSON.parse(Buffer.from(key, 'base64').toString('utf8')) as { api_key?: unknown };
    return typeof decoded.api_key === 'string';
  } catch {
    return false;
  }
}

function jwt(payload: Record<string, unknown>): string {
  const header = { alg: 'HS256', typ: 'JWT' };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${randomBytes(16).toString('base64url')}`;
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function expClaim(expiresAt: Date | undefined): { exp?: number } {
  return expiresAt === undefined ? {} : { exp: Math.floor(expiresAt.getTime() / 1000) };
}

function randomId(): string {
  return randomBytes(6).toString('hex');
}
