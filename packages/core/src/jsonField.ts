import { withSecret } from './createToken.js';
import { mapToken } from './mapToken.js';
import { readJsonField } from './readJsonField.js';
import type { TokenSource } from './TokenSource.js';

export interface JsonFieldOptions {
  /**
   * Other top-level string fields copied into `token.attributes` when present. Default `DEFAULT_ATTRIBUTE_FIELDS`
   * (`['endpoint']`); `[]` copies none. A field that holds the key or key-shaped text is never copied.
   */
  readonly attributes?: readonly string[];
}

/**
 * Reads the key from one field of a JSON object value, as when a secret holds `{"apiKey": "...", "endpoint": "..."}`,
 * by tokenchain's one rule for JSON secrets ({@link readJsonField}): only known non-secret companions (`endpoint`), or
 * those named in `attributes`, go into `token.attributes`.
 *
 * A value that is not a JSON object, or lacks the field, is a `MALFORMED` error naming the source and the field, and
 * quoting nothing of the value.
 *
 * @example
 * ```ts
 * const source = jsonField(fromValue('{"apiKey":"...","endpoint":"cell-1.prod.a.momentohq.com"}'), 'apiKey');
 * ```
 */
export function jsonField(source: TokenSource, field: string, options: JsonFieldOptions = {}): TokenSource {
  return mapToken(source, (token) => {
    const { value, attributes } = readJsonField({
      source: token.source,
      text: token.secret.reveal(),
      field,
      attributeFields: options.attributes,
    });
    return withSecret(token, value, { attributes });
  });
}
