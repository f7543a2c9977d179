/** The three key formats Momento has issued, newest first. */
export type KeyKind = 'v2' | 'v1' | 'legacy';

/** What a key says about itself. Never holds the key, except `wireKey`, which stays inside this package. */
export interface DecodedKey {
  readonly kind: KeyKind;
  /** What the SDK sends as `authorization`: the inner `api_key` of a v1 key, otherwise the key itself. */
  readonly wireKey: string;
  /** v1: the base endpoint inside the key. */
  readonly endpoint?: string;
  /** legacy: the `c` claim. */
  readonly cacheEndpoint?: string;
  /** legacy: the `cp` claim. */
  readonly controlEndpoint?: string;
  /** From the `exp` claim (of the inner `api_key`, for a v1 key). */
  readonly expiresAt?: Date;
}

export type DecodeResult =
  | { readonly ok: true; readonly key: DecodedKey }
  | { readonly ok: false; readonly reason: string };

type Expiry = { readonly ok: true; readonly expiresAt?: Date } | { readonly ok: false; readonly reason: string };

const NO_EXPIRY: Expiry = { ok: true };

/**
 * Reads a key the way the SDK does (sdk-core `decodeAuthToken` and `isV2ApiKey`), without the SDK: a string that survives a
 * base64 round trip is a v1 key; otherwise it must be a JWT, v2 when its payload has `t: 'g'`, legacy otherwise.
 * Reasons never quote the key.
 */
export function decodeKey(key: string): DecodeResult {
  if (isBase64(key)) return decodeV1(key);
  const claims = jwtClaims(key);
  if (claims === undefined) {
    return {
      ok: false,
      reason: 'the key is neither a v2 API key (a JWT), a v1 API key (base64) nor a legacy auth token',
    };
  }
  const expiry = expiryOf(claims);
  if (!expiry.ok) return expiry;
  const expiresAt = expiry.expiresAt;
  if (claims.t === 'g') return { ok: true, key: { kind: 'v2', wireKey: key, ...(expiresAt && { expiresAt }) } };
  const cacheEndpoint = typeof claims.c === 'string' ? claims.c : undefined;
  const controlEndpoint = typeof claims.cp === 'string' ? claims.cp : undefined;
  return {
    ok: true,
    key: {
      kind: 'legacy',
      wireKey: key,
      ...(cacheEndpoint && { cacheEndpoint }),
      ...(controlEndpoint && { controlEndpoint }),
      ...(expiresAt && { expiresAt }),
    },
  };
}

function decodeV1(key: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(key, 'base64').toString('utf8'));
  } catch {
    // The parse error is not kept: it can quote the decoded text, which holds the key.
    return { ok: false, reason: 'the key is base64 but not of the JSON a v1 API key holds' };
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const apiKey = fields.api_key;
  const endpoint = fields.endpoint;
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    return { ok: false, reason: 'the v1 API key has no api_key field' };
  }
  if (typeof endpoint !== 'string' || endpoint.length === 0) {
    return { ok: false, reason: 'the v1 API key has no endpoint field' };
  }
  const inner = jwtClaims(apiKey);
  const expiry = inner === undefined ? NO_EXPIRY : expiryOf(inner);
  if (!expiry.ok) return expiry;
  const expiresAt = expiry.expiresAt;
  return { ok: true, key: { kind: 'v1', wireKey: apiKey, endpoint, ...(expiresAt && { expiresAt }) } };
}

/** The SDK's own test: decoding then encoding gives the same string back. A JWT never does (it has dots). */
function isBase64(value: string): boolean {
  return Buffer.from(Buffer.from(value, 'base64').toString('utf8'), 'utf8').toString('base64') === value;
}

function jwtClaims(value: string): Record<string, unknown> | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || parts[1] === undefined || parts[1].length === 0) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `exp` claim as a Date. A claim that is present but is not a finite number of seconds within the range of a Date
 * (about 8.64e12 s, year 275760) makes the key MALFORMED: real Momento keys never carry one, and letting it through would
 * give an Invalid Date that every later comparison silently treats as "never expires". An absent claim means no expiry.
 */
function expiryOf(claims: Record<string, unknown>): Expiry {
  if (claims.exp === undefined) return NO_EXPIRY;
  const exp = claims.exp;
  const expiresAt = typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
  if (expiresAt === undefined || Number.isNaN(expiresAt.getTime())) {
    return { ok: false, reason: 'the key has an exp claim that is not a time in seconds a date can hold' };
  }
  return { ok: true, expiresAt };
}
