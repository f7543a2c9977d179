import { createToken, type Token, type TokenEvent } from '@tokenchain/core';
import { readJsonField } from '@tokenchain/core/source-kit';

/** How a secret's value becomes a key. */
export interface SecretValueOptions {
  /**
   * Read the key from this top-level field of a JSON secret (`{"apiKey": "...", "endpoint": "..."}`). Without it the whole
   * value is the key.
   */
  readonly jsonField?: string;
  /**
   * With `jsonField`: the other top-level string fields to copy into `token.attributes`. Default core's
   * `DEFAULT_ATTRIBUTE_FIELDS` (`['endpoint']`): only companions known never to be secret, since a JSON secret can hold a
   * second key (`previous`, `old`, `jwt`, `value`) and attributes are printed with the token. `[]` copies none. A field
   * that holds the key or key-shaped text is never copied, even when named.
   */
  readonly attributeFields?: readonly string[];
}

export interface SecretValueToTokenOptions {
  readonly source: string;
  /** What the value is, for messages: `secret momento`. */
  readonly what: string;
  readonly value: string;
  readonly version?: string | undefined;
  readonly jsonField?: string | undefined;
  readonly attributeFields?: readonly string[] | undefined;
  readonly report?: (event: TokenEvent) => void;
}

/**
 * Builds the token from a secret's text: the whole value, or one field of a JSON value with its companions as attributes,
 * by core's one rule for JSON secrets (`readJsonField`). Errors say what is wrong with the value but never quote it.
 *
 * @example
 * ```ts
 * return secretValueToToken({ source: name, what: `secret ${secretId}`, value: SecretString, jsonField: 'apiKey' });
 * ```
 */
export function secretValueToToken(init: SecretValueToTokenOptions): Token {
  const { source, what, value, version, jsonField } = init;
  if (jsonField === undefined) {
    if (looksLikeJsonObject(value)) {
      init.report?.({
        type: 'warning',
        source,
        time: Date.now(),
        message: `${what} holds a JSON object; set jsonField to pick the key from it`,
      });
    }
    return createToken({ source, value, version });
  }
  const read = readJsonField({ source, text: value, field: jsonField, attributeFields: init.attributeFields, what });
  return createToken({ source, value: read.value, version, attributes: read.attributes });
}

function looksLikeJsonObject(value: string): boolean {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return false;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    // The parser's message can quote the value, so it is dropped.
    return false;
  }
}
