import type { ChainOptions } from '../chain.js';
import { hasKeyShaped } from '../redactKeyShaped.js';
import { configError, entryLabel } from './configError.js';
import { SCHEME_NAME } from './defineScheme.js';
import { refuseKeyShaped } from './refuseKeyShaped.js';

/** One entry of a configuration: `kms+env:MOMENTO_KEY_ENCRYPTED?region=us-west-2` split into its parts. */
export interface SpecEntry {
  /** The entry as written (trimmed), for messages. */
  readonly text: string;
  /** Outermost first: `['kms', 'env']` for `kms+env:…`. The last one builds the source; the others wrap it. */
  readonly schemes: readonly string[];
  /** Percent-decoded text between `:` and `?`. */
  readonly target: string;
  /**
   * Options in the order written, not yet checked against any scheme: keys as written (`region`, `kms.region`,
   * `context.app`); values are strings from the string form (`true` for a bare `?watch`) or JSON values from the JSON form.
   */
  readonly options: readonly (readonly [key: string, value: unknown])[];
}

/** A parsed configuration: its entries in order and the chain options the JSON form may set. */
export interface SourceSpec {
  readonly entries: readonly SpecEntry[];
  readonly chain: Pick<ChainOptions, 'fallThrough' | 'timeoutMs' | 'name'>;
}

const JSON_KEYS = ['sources', 'fallThrough', 'timeoutMs', 'name'] as const;
const ENTRY_KEYS = ['source', 'options'] as const;
const EXAMPLE = 'e.g. env:MOMENTO_API_KEY, file:/run/secrets/momento';

/**
 * Reads a configuration string without loading any scheme. Two forms:
 *
 * - a list: entries separated by commas, each `scheme[+scheme…]:target[?option=value&…]`, with `%XX` escapes in targets
 *   and values (`%2C` for a comma);
 * - JSON, when the text starts with `{` or `[`: `{"sources": [...], "fallThrough": "any-error", "timeoutMs": 5000}` where each
 *   source is a list string or `{"source": "kms+env:X", "options": {"context": {"app": "momento"}}}`; a bare array is `sources`.
 *
 * Grammar mistakes are a `TokenSourceError` with code `INVALID_CONFIGURATION` named `origin` that quotes the entry. Text
 * shaped like a Momento key anywhere in it (a key pasted where the configuration goes) is refused first, and never quoted.
 * docs/configuration.md is the reference.
 *
 * @example
 * ```ts
 * const spec = parseSourceSpec('ssm:/momento/api-key?region=us-west-2, env:MOMENTO_API_KEY');
 * spec.entries.map((e) => e.schemes[0]); // ['ssm', 'env']
 * ```
 */
export function parseSourceSpec(text: string, origin = 'config'): SourceSpec {
  if (typeof text !== 'string' || text.trim() === '') {
    throw configError(origin, `no sources are configured (${EXAMPLE})`);
  }
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[');
  // Before anything is parsed: every message below may quote the text, or a piece the parser cut from it.
  const pasted = json ? -1 : trimmed.split(',').findIndex(hasKeyShaped);
  refuseKeyShaped(trimmed, origin, pasted >= 0 ? `entry ${pasted + 1}` : 'the configuration');
  if (json) return parseJson(trimmed, origin);
  return { entries: parseList(trimmed, origin, 0), chain: {} };
}

function parseList(text: string, origin: string, firstIndex: number): SpecEntry[] {
  return text.split(',').map((part, offset) => parseEntry(part.trim(), origin, firstIndex + offset));
}

function parseEntry(text: string, origin: string, index: number): SpecEntry {
  const label = entryLabel(index, text);
  if (text === '') throw configError(origin, `entry ${index + 1} is empty (two commas in a row, or a trailing comma?)`);
  const colon = text.indexOf(':');
  if (colon < 0) throw configError(origin, `${label}: expected scheme:target (${EXAMPLE})`);
  const schemes = text.slice(0, colon).split('+');
  for (const scheme of schemes) {
    if (!SCHEME_NAME.test(scheme)) {
      throw configError(origin, `${label}: "${scheme}" is not a scheme name (lowercase letters, digits and "-")`);
    }
  }
  const rest = text.slice(colon + 1);
  const question = rest.indexOf('?');
  const target = decode(question < 0 ? rest : rest.slice(0, question), origin, label).trim();
  const options: (readonly [string, unknown])[] = [];
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      const key = decode(equals < 0 ? pair : pair.slice(0, equals), origin, label);
      const value = equals < 0 ? 'true' : decode(pair.slice(equals + 1), origin, label);
      if (key === '') throw configError(origin, `${label}: an option has no name`);
      options.push([key, value]);
    }
  }
  // %-escapes can spell a key the raw text does not show.
  refuseKeyShaped([target, options], origin, `entry ${index + 1}`);
  return { text, schemes, target, options: checkDuplicates(options, origin, label) };
}

function decode(text: string, origin: string, label: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw configError(origin, `${label}: bad %-escape (write %25 for a literal %)`);
  }
}

function checkDuplicates(
  options: readonly (readonly [string, unknown])[],
  origin: string,
  label: string,
): readonly (readonly [string, unknown])[] {
  const seen = new Set<string>();
  for (const [key] of options) {
    if (seen.has(key)) throw configError(origin, `${label}: option "${key}" is given twice`);
    seen.add(key);
  }
  return options;
}

function parseJson(text: string, origin: string): SourceSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // The text was checked for key-shaped text above, so the parser's message (which quotes the text) is safe to keep.
    throw configError(origin, `the configuration starts like JSON but is not valid JSON (${(err as Error).message})`);
  }
  // JSON escapes (`\u0065yJ…`) can spell a key the raw text does not show.
  refuseKeyShaped(parsed, origin, 'the configuration');
  const object: Record<string, unknown> = Array.isArray(parsed) ? { sources: parsed } : asObject(parsed);
  const unknownKeys = Object.keys(object).filter((key) => !(JSON_KEYS as readonly string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw configError(origin, `unknown key "${unknownKeys[0]}" in the JSON form (known: ${JSON_KEYS.join(', ')})`);
  }
  const entries: SpecEntry[] = [];
  const sources = typeof object.sources === 'string' ? [object.sources] : object.sources;
  if (!Array.isArray(sources) || sources.length === 0) {
    throw configError(origin, `the JSON form needs "sources": a non-empty array or a string (${EXAMPLE})`);
  }
  for (const source of sources) {
    if (typeof source === 'string') entries.push(...parseList(source, origin, entries.length));
    else entries.push(parseJsonEntry(source, origin, entries.length));
  }
  return { entries, chain: parseChainOptions(object, origin) };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function parseJsonEntry(value: unknown, origin: string, index: number): SpecEntry {
  const object = asObject(value);
  if (typeof object.source !== 'string') {
    throw configError(
      origin,
      `entry ${index + 1} must be a string or {"source": "scheme:target", "options": {…}} (got ${kindOf(value)})`,
    );
  }
  if (object.source.includes(',')) {
    throw configError(
      origin,
      `entry ${index + 1} "${object.source}": an object holds one entry (write a comma in a target as %2C)`,
    );
  }
  const entry = parseEntry(object.source.trim(), origin, index);
  const label = entryLabel(index, entry.text);
  const unknownKeys = Object.keys(object).filter((key) => !(ENTRY_KEYS as readonly string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw configError(origin, `${label}: unknown key "${unknownKeys[0]}" (known: ${ENTRY_KEYS.join(', ')})`);
  }
  if (object.options === undefined) return entry;
  if (typeof object.options !== 'object' || object.options === null || Array.isArray(object.options)) {
    throw configError(origin, `${label}: "options" must be an object`);
  }
  const options = [...entry.options, ...Object.entries(object.options)];
  return { ...entry, options: checkDuplicates(options, origin, label) };
}

/** What a JSON value is, without quoting it. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without "source"' : `a ${typeof value}`;
}

function parseChainOptions(object: Record<string, unknown>, origin: string): SourceSpec['chain'] {
  const { fallThrough, timeoutMs, name } = object;
  if (fallThrough !== undefined && fallThrough !== 'not-found' && fallThrough !== 'any-error') {
    throw configError(origin, `"fallThrough" must be "not-found" or "any-error" (got ${JSON.stringify(fallThrough)})`);
  }
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0))) {
    throw configError(origin, `"timeoutMs" must be a number of milliseconds > 0 (got ${JSON.stringify(timeoutMs)})`);
  }
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
    throw configError(origin, `"name" must be a non-empty string`);
  }
  return {
    ...(fallThrough !== undefined && { fallThrough }),
    ...(timeoutMs !== undefined && { timeoutMs: timeoutMs as number }),
    ...(name !== undefined && { name: (name as string).trim() }),
  };
}
