import type { ChainOptions } from '../chain.js';
import type { TokenObserver } from '../events.js';
import type { TokenSource } from '../TokenSource.js';
import { TokenSourceError } from '../TokenSourceError.js';
import { configError, entryLabel } from './configError.js';
import { createSchemeRegistry, type SchemeRegistry } from './createSchemeRegistry.js';
import type { SchemeImporter } from './importFromApplication.js';
import { parseSourceSpec, type SourceSpec, type SpecEntry } from './parseSourceSpec.js';
import type { SchemeContext, SchemeDefinition, SchemeOption, SchemeOptionValue } from './SchemeDefinition.js';

export interface LoadSourcesOptions extends TokenObserver {
  /** Where the configuration came from, e.g. `MOMENTO_TOKEN_SOURCES` or `--sources`: errors are named after it. Default `config`. */
  readonly origin?: string;
  /** The schemes to use. Default: a new {@link createSchemeRegistry} with `schemes` and `importer`. */
  readonly registry?: SchemeRegistry;
  /** Your own schemes, when no `registry` is given. */
  readonly schemes?: readonly SchemeDefinition[];
  /** How adapter packages are imported, when no `registry` is given. */
  readonly importer?: SchemeImporter;
  /** The environment sources read variables from, for schemes that read any (`env`). Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A configuration turned into sources, one for each entry, in order. */
export interface LoadedSources {
  readonly spec: SourceSpec;
  readonly sources: readonly TokenSource[];
  /** The chain options the configuration sets, with the observer of the call. */
  readonly chainOptions: ChainOptions;
}

type Values = Record<string, SchemeOptionValue>;

/**
 * Parses a configuration, loads the schemes it names and builds one source per entry, without fetching any key. Every
 * problem (grammar, unknown scheme, unknown or ill-typed option, adapter package not installed) rejects with a
 * `TokenSourceError` of code `INVALID_CONFIGURATION` that names the entry and lists what is known.
 * Use {@link fromConfig} for a ready chain; this is for tools that look at each link, such as `tokenchain doctor`.
 *
 * @example
 * ```ts
 * const { sources } = await loadSources('ssm:/momento/api-key, env:MOMENTO_API_KEY');
 * sources.map((s) => s.name); // ['ssm:/momento/api-key', 'env:MOMENTO_API_KEY']
 * ```
 */
export async function loadSources(spec: string | SourceSpec, options: LoadSourcesOptions = {}): Promise<LoadedSources> {
  const origin = options.origin ?? 'config';
  const parsed = typeof spec === 'string' ? parseSourceSpec(spec, origin) : spec;
  const registry =
    options.registry ??
    createSchemeRegistry({
      ...(options.schemes && { schemes: options.schemes }),
      ...(options.importer && { importer: options.importer }),
    });
  const observer: TokenObserver = {
    ...(options.onEvent && { onEvent: options.onEvent }),
    ...(options.logger && { logger: options.logger }),
  };
  const sources: TokenSource[] = [];
  for (const [index, entry] of parsed.entries.entries()) {
    sources.push(await buildEntry(entry, index, registry, { origin, observer, env: options.env }));
  }
  return { spec: parsed, sources, chainOptions: { ...parsed.chain, ...observer } };
}

interface BuildContext {
  readonly origin: string;
  readonly observer: TokenObserver;
  readonly env: Readonly<Record<string, string | undefined>> | undefined;
}

async function buildEntry(
  entry: SpecEntry,
  index: number,
  registry: SchemeRegistry,
  build: BuildContext,
): Promise<TokenSource> {
  const label = entryLabel(index, entry.text);
  const fail = (message: string, cause?: unknown) => configError(build.origin, `${label}: ${message}`, cause);
  const definitions: SchemeDefinition[] = [];
  for (const scheme of entry.schemes) {
    try {
      definitions.push(await registry.resolve(scheme));
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
  const contextFor = (definition: SchemeDefinition, target: string): SchemeContext =>
    makeContext(entry.text, target, values.get(definition.scheme) ?? {}, build);
  try {
    let source = await base.create(contextFor(base, entry.target));
    for (const decorator of decorators.reverse()) {
      if (decorator.kind === 'decorator') source = await decorator.create(source, contextFor(decorator, ''));
    }
    return source;
  } catch (err) {
    if (TokenSourceError.is(err)) throw fail(ownMessage(err), err);
    throw fail(`could not be built (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)})`, err);
  }
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

function makeContext(entry: string, target: string, values: Values, build: BuildContext): SchemeContext {
  const typed =
    <T>(check: (v: unknown) => v is T) =>
    (name: string): T | undefined => {
      const value = values[name];
      return check(value) ? value : undefined;
    };
  return {
    entry,
    target,
    observer: Object.keys(build.observer).length > 0 ? build.observer : undefined,
    env: build.env,
    string: typed((v): v is string => typeof v === 'string'),
    number: typed((v): v is number => typeof v === 'number'),
    boolean: typed((v): v is boolean => typeof v === 'boolean'),
    map: typed((v): v is Readonly<Record<string, string>> => typeof v === 'object' && v !== null),
  };
}

/** A nested error's message without its `source: ` prefix, to be restated under the entry's label. */
function ownMessage(err: TokenSourceError): string {
  const prefix = `${err.source}: `;
  return err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
}
