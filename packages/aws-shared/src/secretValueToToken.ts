import { createToken, type Token, type TokenEvent, TokenSourceError } from '@tokenchain/core';

/** How a secret's value becomes a key. */
export interface SecretValueOptions {
  /**
   * Read the key from this top-level field of a JSON secret (`{"apiKey": "...", "endpoint": "..."}`). Without it the whole
   * value is the key.
   */
  readonly jsonField?: string;
  /**
   * With `jsonField`: the other top-level string fields to copy into `token.attributes` (e.g. `['endpoint']`). By default
   * every other string field is copied unless its name looks secret (contains key, secret, token, password, credential,
   * auth, private, cert, session or signature) or its value equals the key. `[]` copies none.
   */
  readonly attributeFields?: readonly string[];
}

export interface SecretValueInit {
  readonly source: string;
  /** What the value is, for messages: `secret momento`. */
  readonly what: string;
  readonly value: string;
  readonly version?: string | undefined;
  readonly jsonField?: string | undefined;
  readonly attributeFields?: readonly string[] | undefined;
  readonly report?: (event: TokenEvent) => void;
}

const SECRET_LOOKING_NAME = /key|secret|token|passw|pwd|credential|auth|private|cert|session|signature/i;

/**
 * Builds the token from a secret's text: the whole value, or one field of a JSON value with its companions as attributes.
 * Errors say what is wrong with the value but never quote it.
 */
export function secretValueToToken(init: SecretValueInit): Token {
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
  const fields = parseObject(value);
  if (fields === undefined) {
    throw new TokenSourceError(`${what} is not a JSON object, so jsonField "${jsonField}" cannot be read`, {
      source,
      code: 'MALFORMED',
    });
  }
  if (!Object.hasOwn(fields, jsonField)) {
    throw new TokenSourceError(`${what} has no JSON field "${jsonField}"`, { source, code: 'MALFORMED' });
  }
  const key = fields[jsonField];
  if (typeof key !== 'string') {
    throw new TokenSourceError(`JSON field "${jsonField}" of ${what} is not a string`, { source, code: 'MALFORMED' });
  }
  return createToken({
    source,
    value: key,
    version,
    attributes: pickAttributes(fields, jsonField, key, init.attributeFields),
  });
}

function pickAttributes(
  fields: Readonly<Record<string, unknown>>,
  jsonField: string,
  key: string,
  wanted: readonly string[] | undefined,
): Record<string, string> {
  const names = wanted ?? Object.keys(fields).filter((name) => !SECRET_LOOKING_NAME.test(name));
  const attributes: Record<string, string> = {};
  for (const name of names) {
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (name !== jsonField && typeof field === 'string' && field !== key) attributes[name] = field;
  }
  return attributes;
}

function parseObject(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    // The parser's message can quote the value, so it is dropped.
    return undefined;
  }
}

function looksLikeJsonObject(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('{') && trimmed.endsWith('}') && parseObject(trimmed) !== undefined;
}
