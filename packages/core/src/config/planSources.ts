import { TokenSourceError } from '../TokenSourceError.js';
import { configError, entryLabel } from './configError.js';
import type { SchemeRegistry } from './createSchemeRegistry.js';
import type { SourceSpec, SpecEntry } from './parseSourceSpec.js';
import type {
  DecoratorSchemeDefinition,
  SchemeDefinition,
  SchemeOption,
  SchemeOptionValue,
  SourceSchemeDefinition,
} from './SchemeDefinition.js';

export type Values = Record<string, SchemeOptionValue>;

/** One entry checked against its schemes: everything but building the source, which may be asynchronous. */
export interface EntryPlan {
  readonly entry: SpecEntry;
  /** `entry 2 "env:X"`, for messages. */
  readonly label: string;
  readonly base: SourceSchemeDefinition;
  /** Outermost first, as written. */
  readonly decorators: readonly DecoratorSchemeDefinition[];
  /** The typed options of each scheme of the entry, by scheme name. */
  readonly values: ReadonlyMap<string, Values>;
}

/**
 * Checks every entry of a configuration against the registry, synchronously: each scheme is registered, sources and
 * wrappers are in their places, targets and options are what the schemes declare. Throws `INVALID_CONFIGURATION` naming
 * the entry. `fromConfig` calls it at once, so a configuration mistake shows at start-up rather than on the first key fetch;
 * `loadSources` then builds each planned entry. Internal to core's configuration code.
 *
 * @example
 * ```ts
 * const plans = planSources(parseSourceSpec('env:MOMENTO_API_KEY'), createSchemeRegistry({ schemes: [envScheme] }), 'config');
 * ```
 */
export function planSources(spec: SourceSpec, registry: SchemeRegistry, origin: string): EntryPlan[] {
  return spec.entries.map((entry, index) => planEntry(entry, index, registry, origin));
}

function planEntry(entry: SpecEntry, index: number, registry: SchemeRegistry, origin: string): EntryPlan {
  const label = entryLabel(index, entry.text);
  const fail = (message: string, cause?: unknown) => configError(origin, `${label}: ${message}`, cause);
  const definitions: SchemeDefinition[] = [];
  for (const scheme of entry.schemes) {
    try {
      definitions.push(registry.resolve(scheme));
    } catch (err) {
      throw TokenSourceError.is(err) ? fail(ownMessage(err), err.cause) : err;
    }
  }
  const base = definitions[definitions.length - 1] as SchemeDefinition;
  const decorators = definitions.slice(0, -1);
  if (base.kind !== 'source') {
    throw fail(`"${base.scheme}" wraps another source: write it before one, e.g. ${base.scheme}+env:MY_VARIABLE`);
  }
  const misplaced = decorators.find((d) => d.kind !== 'decorator');
  if (misplaced) {
    throw fail(`"${misplaced.scheme}" is a source, not a wrapper: only the last scheme before ":" may be a source`);
  }
  if (base.target.required && entry.target === '') {
    throw fail(`the "${base.scheme}" scheme needs a target: ${base.target.description}`);
  }
  const values = assignOptions(entry, definitions, fail);
  return { entry, label, base, decorators: decorators as DecoratorSchemeDefinition[], values };
}

/** Gives each option to the schemes of the entry that declare it (or to the one named in `scheme.option`), typed. */
function assignOptions(
  entry: SpecEntry,
  definitions: readonly SchemeDefinition[],
  fail: (message: string) => TokenSourceError,
): Map<string, Values> {
  const values = new Map<string, Values>(definitions.map((d) => [d.scheme, {}]));
  for (const [key, raw] of entry.options) {
    let parts = key.split('.');
    const scoped = parts.length > 1 ? definitions.find((d) => d.scheme === parts[0]) : undefined;
    if (scoped) parts = parts.slice(1);
    const [name = '', ...rest] = parts;
    const mapKey = rest.length > 0 ? rest.join('.') : undefined;
    const owners = (scoped ? [scoped] : definitions).filter((d) => d.options?.[name] !== undefined);
    if (owners.length === 0) {
      throw fail(`unknown option "${key}" (${accepted(scoped ? [scoped] : definitions)})`);
    }
    for (const owner of owners) {
      const option = owner.options?.[name] as SchemeOption;
      const own = values.get(owner.scheme) as Values;
      const value = coerce(option, raw, mapKey, (problem) => fail(`option "${key}" of "${owner.scheme}" ${problem}`));
      const previous = own[name];
      own[name] = option.type === 'map' ? { ...(previous as Record<string, string>), ...(value as object) } : value;
    }
  }
  for (const definition of definitions) {
    for (const [name, option] of Object.entries(definition.options ?? {})) {
      if (option.required && values.get(definition.scheme)?.[name] === undefined) {
        throw fail(`the "${definition.scheme}" scheme needs the option ${name} (${option.description})`);
      }
    }
  }
  return values;
}

function coerce(
  option: SchemeOption,
  raw: unknown,
  mapKey: string | undefined,
  fail: (problem: string) => TokenSourceError,
): SchemeOptionValue {
  if (option.type === 'map') {
    if (mapKey !== undefined) {
      if (typeof raw !== 'string') throw fail('must be a string');
      return { [mapKey]: raw };
    }
    const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
    if (!isObject || Object.values(raw).some((v) => typeof v !== 'string')) {
      throw fail(`takes one key at a time, as ${'name.key=value'}, or a JSON object of strings`);
    }
    return raw as Record<string, string>;
  }
  if (mapKey !== undefined) throw fail(`takes no ".${mapKey}" suffix`);
  switch (option.type) {
    case 'string':
      if (typeof raw !== 'string' || raw.trim() === '') throw fail('needs a non-empty value');
      return raw;
    case 'number': {
      const value = typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`must be a number (got "${String(raw)}")`);
      return value;
    }
    case 'boolean':
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      throw fail(`must be true or false (got "${String(raw)}")`);
  }
}

function accepted(definitions: readonly SchemeDefinition[]): string {
  const parts = definitions.map((d) => {
    const names = Object.entries(d.options ?? {}).map(([n, o]) => (o.type === 'map' ? `${n}.<key>` : n));
    return `${d.scheme} accepts ${names.length > 0 ? names.join(', ') : 'no options'}`;
  });
  return parts.join('; ');
}

/** A nested error's message without its `source: ` prefix, to be restated under the entry's label. */
export function ownMessage(err: TokenSourceError): string {
  const prefix = `${err.source}: `;
  return err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
}
