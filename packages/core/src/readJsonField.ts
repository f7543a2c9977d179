import { parseJsonObject } from './parseJsonObject.js';
import { hasKeyShaped } from './redactKeyShaped.js';
import { TokenSourceError } from './TokenSourceError.js';

/**
 * The companions copied from a JSON secret into `token.attributes` when no `attributeFields` are named: the fields whose
 * meaning tokenchain knows and which are never secret. `endpoint` is the Momento endpoint (what a v1 key carries, what the
 * Momento clients read). Anything else a secret holds may be a second key (`previous`, `old`, `jwt`, `value` during a
 * rotation) and attributes are shown by `util.inspect(token)` and `JSON.stringify(token)`, so it is left out.
 */
export const DEFAULT_ATTRIBUTE_FIELDS: readonly string[] = Object.freeze(['endpoint']);

export interface ReadJsonFieldOptions {
  /** The source's name; every error names it. */
  readonly source: string;
  /** The secret's text: a JSON object. */
  readonly text: string;
  /** The top-level field that holds the key. */
  readonly field: string;
  /** The other top-level fields to copy into attributes. Default {@link DEFAULT_ATTRIBUTE_FIELDS}; `[]` copies none. */
  readonly attributeFields?: readonly string[] | undefined;
  /** What the value is, in messages (`secret momento`). Default `the value`. */
  readonly what?: string | undefined;
}

/** @deprecated Renamed {@link ReadJsonFieldOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type ReadJsonFieldInit = ReadJsonFieldOptions;

/** What {@link readJsonField} found: the key's text and its non-secret companions. */
export interface JsonFieldRead {
  readonly value: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * tokenchain's one rule for a key kept in a JSON secret (`{"apiKey": "...", "endpoint": "..."}`), used by core's
 * `jsonField` and by every AWS adapter's `jsonField` option:
 *
 * - the key is the named top-level field, a non-empty string;
 * - only the companions in `attributeFields` (by default {@link DEFAULT_ATTRIBUTE_FIELDS}) are copied, as trimmed
 *   non-empty strings; a companion that equals the key or holds key-shaped text is never copied, even when named;
 * - errors are `MALFORMED`, name the source and the field asked for, and never quote the value: no values and no names
 *   of the fields present (a field's name can be a secret's content too).
 *
 * @example
 * ```ts
 * const { value, attributes } = readJsonField({ source: 'vault:momento', text, field: 'apiKey' });
 * return createToken({ source: 'vault:momento', value, attributes });
 * ```
 */
export function readJsonField(init: ReadJsonFieldOptions): JsonFieldRead {
  const { source, field } = init;
  const what = init.what ?? 'the value';
  let object: Record<string, unknown>;
  try {
    object = parseJsonObject(init.text, source, what);
  } catch (err) {
    const why = TokenSourceError.is(err) ? err.detail : `${what} is not a JSON object`;
    throw new TokenSourceError(`${why}, so field "${field}" cannot be read`, { source, code: 'MALFORMED' });
  }
  const value = Object.hasOwn(object, field) ? object[field] : undefined;
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new TokenSourceError(`${what} has no non-empty string field "${field}"`, { source, code: 'MALFORMED' });
  }
  const key = value.trim();
  const attributes: Record<string, string> = {};
  for (const name of init.attributeFields ?? DEFAULT_ATTRIBUTE_FIELDS) {
    const companion = name !== field && Object.hasOwn(object, name) ? object[name] : undefined;
    if (typeof companion !== 'string') continue;
    const text = companion.trim();
    if (text.length > 0 && text !== key && !hasKeyShaped(text)) attributes[name] = text;
  }
  return { value, attributes };
}
