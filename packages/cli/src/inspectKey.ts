import type { Token } from '@tokenchain/core';
import { TokenSourceError } from '@tokenchain/core';
import { describeKey, ENDPOINT_VARIABLE } from '@tokenchain/momento';
import { withoutSource } from './walkSources.js';

/** Where the endpoint shown for a key came from, in the order the Momento package looks. */
export type EndpointOrigin = 'key' | 'source' | '--endpoint' | typeof ENDPOINT_VARIABLE;

/** What the doctor says about a key. Never the key. */
export interface KeyReport {
  readonly source: string;
  /** `null` when the key is of no format Momento reads. */
  readonly kind: 'v2' | 'v1' | 'legacy' | null;
  readonly fingerprint: string;
  readonly expiresAt: string | null;
  readonly endpoint: string | null;
  readonly endpointFrom: EndpointOrigin | null;
  /** Why the key cannot be used as it is (malformed, expired, no endpoint), or `null`. */
  readonly problem: string | null;
  /** For a disposable token: what it may do, in words (`readwrite on cache sessions`); `null` for other keys. */
  readonly scope: string | null;
}

/**
 * Describes a key as the Momento package will use it: its format, fingerprint, expiry and endpoint. A v2 key's endpoint is
 * looked up as `toCredentialProvider` does: the token's own, then `--endpoint`, then `MOMENTO_ENDPOINT`.
 */
export function inspectKey(
  token: Token,
  options: {
    readonly endpoint?: string;
    /** `--connect` is set: the endpoint the key points at does not matter. */
    readonly overridden: boolean;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly now: number;
  },
): KeyReport {
  const base = { source: token.source, fingerprint: token.secret.fingerprint, scope: token.attributes?.scope ?? null };
  let described: ReturnType<typeof describeKey>;
  try {
    described = describeKey(token);
  } catch (err) {
    const problem = TokenSourceError.is(err) ? withoutSource(err) : 'the key could not be read';
    return { ...base, kind: null, expiresAt: null, endpoint: null, endpointFrom: null, problem };
  }
  const [endpoint, endpointFrom] = endpointOf(described.kind, described.endpoint, token, options);
  const expiry = described.expiresAt?.getTime();
  // A custom source may return `new Date(NaN)`; a cache cannot schedule around it, and toISOString() would throw.
  const invalidExpiry = expiry !== undefined && !Number.isFinite(expiry);
  const expired = expiry !== undefined && expiry <= options.now;
  const problem = invalidExpiry
    ? `${token.source} gave an expiry that is not a valid date`
    : expired
      ? `the key expired at ${new Date(expiry).toISOString()}`
      : endpoint === null && !options.overridden
        ? `a v2 API key needs an endpoint: set ${ENDPOINT_VARIABLE}, pass --endpoint, or store it with the key`
        : null;
  return {
    ...base,
    kind: described.kind,
    expiresAt: expiry === undefined || invalidExpiry ? null : new Date(expiry).toISOString(),
    endpoint,
    endpointFrom,
    problem,
  };
}

function endpointOf(
  kind: 'v2' | 'v1' | 'legacy',
  described: string | undefined,
  token: Token,
  options: { readonly endpoint?: string; readonly env: Readonly<Record<string, string | undefined>> },
): [string | null, EndpointOrigin | null] {
  if (kind !== 'v2') return [described ?? null, described === undefined ? null : 'key'];
  const own = token.attributes?.endpoint?.trim();
  if (own) return [own, 'source'];
  if (options.endpoint) return [options.endpoint, '--endpoint'];
  const fromEnv = options.env[ENDPOINT_VARIABLE]?.trim();
  if (fromEnv) return [fromEnv, ENDPOINT_VARIABLE];
  return [null, null];
}
