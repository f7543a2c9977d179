import { brandSymbol, hasBrand, setBrand } from '../brand.js';
import { redactKeyShaped } from '../redactKeyShaped.js';
import type { SchemeDefinition } from './SchemeDefinition.js';

const BRAND = brandSymbol('SchemeDefinition');
/** Scheme names are written unquoted in a configuration string, so they keep to a small alphabet. */
export const SCHEME_NAME = /^[a-z][a-z0-9-]*$/;
const OPTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const OPTION_TYPES = new Set(['string', 'number', 'boolean', 'map']);

/**
 * Checks and freezes a scheme definition, so a mistake in it shows when the module loads rather than when an operator first
 * writes the scheme. Adapter packages export theirs (e.g. `envScheme`); define one the same way for your own source and
 * pass it to `createSchemeRegistry` or `fromConfig({ schemes })`.
 *
 * @example
 * ```ts
 * export const vaultScheme = defineScheme({
 *   scheme: 'vault',
 *   kind: 'source',
 *   summary: 'a key from a Vault KV path',
 *   target: { description: 'the KV path', required: true },
 *   options: { mount: { type: 'string', description: 'the KV mount (default secret)' } },
 *   create: (ctx) => fromVault({ path: ctx.target, mount: ctx.string('mount') ?? 'secret' }),
 * });
 * ```
 */
export function defineScheme<T extends SchemeDefinition>(definition: T): T {
  const problems: string[] = [];
  if (typeof definition?.scheme !== 'string' || !SCHEME_NAME.test(definition.scheme)) {
    problems.push('scheme must be lowercase letters, digits and "-", starting with a letter');
  }
  if (definition?.kind !== 'source' && definition?.kind !== 'decorator') {
    problems.push('kind must be "source" or "decorator"');
  }
  if (typeof definition?.create !== 'function') problems.push('create must be a function');
  if (typeof definition?.summary !== 'string' || definition.summary.trim() === '') problems.push('summary is empty');
  for (const [name, option] of Object.entries(definition?.options ?? {})) {
    if (!OPTION_NAME.test(name)) problems.push(`option name "${name}" must be letters, digits, "_" and "-"`);
    if (!OPTION_TYPES.has(option?.type)) problems.push(`option "${name}" has no valid type`);
  }
  if (problems.length > 0) {
    // A TypeError is not redacted on construction as a TokenSourceError is, and names may be anything a caller passed.
    throw new TypeError(redactKeyShaped(`defineScheme(${String(definition?.scheme)}): ${problems.join('; ')}`));
  }
  const copy = { ...definition, options: Object.freeze({ ...definition.options }) };
  setBrand(copy, BRAND);
  return Object.freeze(copy);
}

/** True for a definition made by {@link defineScheme} (from any copy of this package). */
export function isSchemeDefinition(value: unknown): value is SchemeDefinition {
  return hasBrand(value, BRAND);
}
