import { TokenSourceError } from './TokenSourceError.js';

/**
 * Parses a secret's value as a JSON object, or throws `MALFORMED` naming the source. The parser's own message is dropped:
 * it can quote the value.
 *
 * @example
 * ```ts
 * const fields = parseJsonObject(token.secret.reveal(), token.source, 'secret momento');
 * ```
 */
export function parseJsonObject(text: string, source: string, what = 'the value'): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TokenSourceError(`${what} is not valid JSON`, { source, code: 'MALFORMED' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed;
    throw new TokenSourceError(`${what} is JSON but not an object (${kind})`, { source, code: 'MALFORMED' });
  }
  return parsed as Record<string, unknown>;
}
