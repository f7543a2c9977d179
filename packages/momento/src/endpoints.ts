import { isIPv6 } from 'node:net';
import { TokenSourceError } from '@tokenchain/core';

/**
 * Where the SDK connects, instead of what the key says: the SDK's own `EndpointOverrides` shape. Either one base endpoint
 * (the SDK prefixes `cache.`, `control.`, `token.`) or all three endpoints. `secureConnection: false` means plaintext gRPC,
 * for a local server such as momento-local or a test fake.
 */
export type EndpointOverrides =
  | {
      readonly baseEndpoint: string;
      readonly endpointPrefix?: string;
      readonly secureConnection?: boolean;
    }
  | {
      readonly cacheEndpoint: string;
      readonly controlEndpoint: string;
      readonly tokenEndpoint: string;
      readonly secureConnection?: boolean;
    };

/** The endpoints a client is built with. */
export interface ResolvedEndpoints {
  readonly cacheEndpoint: string;
  readonly controlEndpoint: string;
  readonly tokenEndpoint: string;
  readonly secure: boolean;
}

/**
 * A host name as gRPC resolves it, optionally with `:port`. Underscores are allowed: they are not valid in DNS host names,
 * but gRPC and the resolver accept them, and Docker Compose service names (`momento_local`) have them.
 */
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?::\d{1,5})?$/;
/** An IPv6 literal in brackets, as gRPC targets write it (`[::1]:8080`); the address itself is checked by `isIPv6`. */
const IPV6_LITERAL = /^\[([^\]]+)\](?::\d{1,5})?$/;
/** Host names longer than this are not quoted in errors: they are more likely a key in the wrong place. */
const MAX_SHOWN_LENGTH = 80;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * A base endpoint (what a key's endpoint, the `endpoint` option and `MOMENTO_ENDPOINT` hold) must be a host name
 * (optionally `:port`), not a URL: the SDK prefixes it with `cache.` as given, so `https://x` would become `cache.https://x`.
 * A leading `https://` and a trailing `/` (what a copy from a browser or the console brings) are removed; any other scheme,
 * a path, a space or a control character is refused as `INVALID_CONFIGURATION`, and so is an IPv6 literal, which cannot
 * take a `cache.` prefix. `what` says where the value came from, for the message.
 */
export function normalizeEndpoint(value: string, source: string, what: string): string {
  const host = withoutUrlParts(value, source, what);
  if (HOST_NAME.test(host)) return host;
  if (isIpv6Literal(host)) {
    throw new TokenSourceError(
      `${what} is an IPv6 address, which cannot be a base endpoint (cache., control. and token. go in front of it): pass it as cacheEndpoint, controlEndpoint and tokenEndpoint in endpointOverrides`,
      { source, code: 'INVALID_CONFIGURATION' },
    );
  }
  throw notAHost(host, source, what);
}

/**
 * One endpoint as gRPC dials it (an override's `cacheEndpoint`, a legacy token's `c` claim): what
 * {@link normalizeEndpoint} accepts, and an IPv6 literal in brackets such as `[::1]:8080`.
 */
export function normalizeHost(value: string, source: string, what: string): string {
  const host = withoutUrlParts(value, source, what);
  if (HOST_NAME.test(host) || isIpv6Literal(host)) return host;
  throw notAHost(host, source, what);
}

function withoutUrlParts(value: string, source: string, what: string): string {
  let host = value.trim();
  const scheme = SCHEME.exec(host);
  if (scheme) {
    if (scheme[1]?.toLowerCase() !== 'https') {
      throw new TokenSourceError(
        `${what} must be a host name such as cell-1.prod.a.momentohq.com, not a ${scheme[1]}:// URL (Momento endpoints use TLS; use endpointOverrides with secureConnection: false for a local plaintext server)`,
        { source, code: 'INVALID_CONFIGURATION' },
      );
    }
    host = host.slice(scheme[0].length);
  }
  return host.replace(/\/+$/, '');
}

function isIpv6Literal(host: string): boolean {
  const address = IPV6_LITERAL.exec(host)?.[1];
  return address !== undefined && isIPv6(address);
}

function notAHost(host: string, source: string, what: string): TokenSourceError {
  return new TokenSourceError(
    `${what} must be a host name such as cell-1.prod.a.momentohq.com (optionally with :port), got ${describeValue(host)}`,
    { source, code: 'INVALID_CONFIGURATION' },
  );
}

/** The SDK's rule for a base endpoint: `control.`, `cache.` and `token.` in front, with an optional prefix before those. */
export function endpointsFromBase(base: string, secure = true, prefix?: string): ResolvedEndpoints {
  const p = prefix ? `${prefix}.` : '';
  return {
    controlEndpoint: `${p}control.${base}`,
    cacheEndpoint: `${p}cache.${base}`,
    tokenEndpoint: `${p}token.${base}`,
    secure,
  };
}

/** Checks and cleans overrides: a base endpoint follows {@link normalizeEndpoint}, the three endpoints {@link normalizeHost}. */
export function resolveOverrides(overrides: EndpointOverrides, source: string): ResolvedEndpoints {
  const secure = overrides.secureConnection ?? true;
  if ('baseEndpoint' in overrides && overrides.baseEndpoint !== undefined) {
    const base = normalizeEndpoint(overrides.baseEndpoint, source, 'endpointOverrides.baseEndpoint');
    return endpointsFromBase(base, secure, overrides.endpointPrefix);
  }
  const all = overrides as Partial<Record<'cacheEndpoint' | 'controlEndpoint' | 'tokenEndpoint', string>>;
  if (all.cacheEndpoint === undefined || all.controlEndpoint === undefined || all.tokenEndpoint === undefined) {
    throw new TokenSourceError(
      'endpointOverrides needs either baseEndpoint or all of cacheEndpoint, controlEndpoint and tokenEndpoint',
      { source, code: 'INVALID_CONFIGURATION' },
    );
  }
  return {
    cacheEndpoint: normalizeHost(all.cacheEndpoint, source, 'endpointOverrides.cacheEndpoint'),
    controlEndpoint: normalizeHost(all.controlEndpoint, source, 'endpointOverrides.controlEndpoint'),
    tokenEndpoint: normalizeHost(all.tokenEndpoint, source, 'endpointOverrides.tokenEndpoint'),
    secure,
  };
}

function describeValue(value: string): string {
  // An endpoint is not a secret, but a key pasted into the wrong field would be: long values are not shown.
  if (value.length === 0) return 'an empty value';
  return value.length > MAX_SHOWN_LENGTH ? `a value of ${value.length} characters` : JSON.stringify(value);
}
