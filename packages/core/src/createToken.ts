import { Secret } from './Secret.js';
import type { Token } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';

export interface CreateTokenOptions {
  /** The source's name; the error for a bad value names it. */
  readonly source: string;
  /** The raw key as read from the store. Surrounding whitespace (a file's trailing newline) is removed. */
  readonly value: string | Secret;
  readonly expiresAt?: Date | undefined;
  readonly version?: string | undefined;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
}

/** @deprecated Renamed {@link CreateTokenOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type CreateTokenInit = CreateTokenOptions;

/**
 * Builds a {@link Token} the way every source should: trims the value and refuses an empty or whitespace-only one with a
 * `TokenSourceError` (`MALFORMED`) naming the source, so no source can hand a blank key to the SDK. An `expiresAt` that is
 * an Invalid Date is `MALFORMED` too: leave `expiresAt` out for a key that does not expire.
 *
 * @example
 * ```ts
 * return createToken({ source: 'env:MOMENTO_API_KEY', value: process.env.MOMENTO_API_KEY ?? '' });
 * ```
 */
export function createToken(init: CreateTokenOptions): Token {
  const raw = typeof init.value === 'string' ? init.value : init.value.reveal();
  const trimmed = raw.trim();
  if (trimmed.length === 0) {
    throw new TokenSourceError(raw.length === 0 ? 'the value is empty' : 'the value is only whitespace', {
      source: init.source,
      code: 'MALFORMED',
    });
  }
  if (init.expiresAt !== undefined && !Number.isFinite(init.expiresAt?.getTime?.())) {
    // Never guess what an Invalid Date meant (see tokenProblem): a source that knows its `exp` is out of range leaves it out.
    throw new TokenSourceError('the key’s expiresAt is not a valid date', { source: init.source, code: 'MALFORMED' });
  }
  const secret = typeof init.value !== 'string' && trimmed === raw ? init.value : Secret.from(trimmed);
  const attributes =
    init.attributes !== undefined && Object.keys(init.attributes).length > 0 ? init.attributes : undefined;
  return tokenOf(secret, init.source, init.expiresAt, init.version, attributes);
}

/**
 * The token with just the fields given, as one object literal for each set of them: a literal that spreads the optional
 * fields in reserves room for all five, and a process may hold a token in each of thousands of caches.
 */
function tokenOf(
  secret: Secret,
  source: string,
  expiresAt: Date | undefined,
  version: string | undefined,
  attributes: Readonly<Record<string, string>> | undefined,
): Token {
  if (expiresAt === undefined) {
    if (version === undefined) return attributes === undefined ? { secret, source } : { secret, source, attributes };
    return attributes === undefined ? { secret, source, version } : { secret, source, version, attributes };
  }
  if (version === undefined) {
    return attributes === undefined ? { secret, source, expiresAt } : { secret, source, expiresAt, attributes };
  }
  return attributes === undefined
    ? { secret, source, expiresAt, version }
    : { secret, source, expiresAt, version, attributes };
}

/** Same token, new secret (and optionally more attributes): what transforms such as `jsonField` return. */
export function withSecret(
  token: Token,
  value: string | Secret,
  extra: { readonly attributes?: Readonly<Record<string, string>>; readonly source?: string } = {},
): Token {
  const attributes = { ...token.attributes, ...extra.attributes };
  return createToken({
    source: extra.source ?? token.source,
    value,
    expiresAt: token.expiresAt,
    version: token.version,
    attributes,
  });
}
