import { hasKeyShaped } from '../redactKeyShaped.js';
import { configError } from './configError.js';

/**
 * Throws `INVALID_CONFIGURATION` when `value` (a string, or a JSON value with strings in its keys or values) holds text
 * shaped like a Momento key, without quoting any of it. A key pasted where configuration goes (`MOMENTO_TOKEN_SOURCES=<key>`,
 * `env:<key>`) is refused before anything could quote it, or quote a piece the parser cut from it, so no message built
 * from configuration text can leak it.
 *
 * @example
 * ```ts
 * refuseKeyShaped(text, 'MOMENTO_TOKEN_SOURCES', 'the configuration');
 * ```
 */
export function refuseKeyShaped(value: unknown, origin: string, where: string): void {
  if (!holdsKeyShaped(value)) return;
  throw configError(
    origin,
    `${where} holds text shaped like a Momento API key (not shown). A configuration says where the key is, ` +
      'never the key itself: keep the key in a variable, file or secret and name that, e.g. env:MOMENTO_API_KEY',
  );
}

/** Walks what `JSON.parse` returned (a finite tree) or a parsed entry's options. */
function holdsKeyShaped(value: unknown): boolean {
  if (typeof value === 'string') return hasKeyShaped(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsKeyShaped);
  return Object.entries(value).some(([key, item]) => hasKeyShaped(key) || holdsKeyShaped(item));
}
