import { withSecret } from './createToken.js';
import { mapToken } from './mapToken.js';
import type { TokenSource } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';

export interface JsonFieldOptions {
  /** Other string fields copied into `token.attributes` when present. Default `['endpoint']`. */
  readonly attributes?: readonly string[];
}

/**
 * Reads the key from one field of a JSON object value, as when a secret holds `{"apiKey": "...", "endpoint": "..."}`.
 * Non-secret companions listed in `attributes` (by default `endpoint`) go into `token.attributes`.
 *
 * A value that is not a JSON object, or lacks the field, is a `MALFORMED` error naming the source and the field, and listing
 * the field names present (never any value).
 *
 * @example
 * ```ts
 * const source = jsonField(fromValue('{"apiKey":"...","endpoint":"cell-1.prod.a.momentohq.com"}'), 'apiKey');
 * ```
 */
export function jsonField(source: TokenSource, field: string, options: JsonFieldOptions = {}): TokenSource {
  const attributeFields = options.attributes ?? ['endpoint'];
  return mapToken(source, (token) => {
    const object = parseJsonObject(token.secret.reveal(), token.source);
    const value = object[field];
    if (typeof value !== 'string' || value.trim().length === 0) {
      const present = Object.keys(object);
      throw new TokenSourceError(
        `the JSON value has no non-empty string field "${field}" (fields present: ${present.length ? present.join(', ') : 'none'})`,
        { source: token.source, code: 'MALFORMED' },
      );
    }
    const attributes: Record<string, string> = {};
    for (const name of attributeFields) {
      const companion = object[name];
      if (name !== field && typeof companion === 'string' && companion.trim().length > 0)
        attributes[name] = companion.trim();
    }
    return withSecret(token, value, { attributes });
  });
}

/** Parses a secret's value as a JSON object. The parser's own message is dropped: it can quote the value. */
export function parseJsonObject(text: string, source: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TokenSourceError('the value is not valid JSON', { source, code: 'MALFORMED' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TokenSourceError(
      `the value is JSON but not an object (${Array.isArray(parsed) ? 'array' : typeof parsed})`,
      {
        source,
        code: 'MALFORMED',
      },
    );
  }
  return parsed as Record<string, unknown>;
}
