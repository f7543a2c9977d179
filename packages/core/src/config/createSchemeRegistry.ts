import type { TokenSourceError } from '../TokenSourceError.js';
import { BUILTIN_SCHEMES, type BuiltinScheme } from './builtinSchemes.js';
import { configError } from './configError.js';
import { base64Scheme, jsonScheme } from './coreSchemes.js';
import { isSchemeDefinition } from './defineScheme.js';
import { importFromApplication, isModuleNotFound, type SchemeImporter } from './importFromApplication.js';
import type { SchemeDefinition } from './SchemeDefinition.js';

/** A known scheme, loaded or not. */
export interface SchemeListing {
  readonly scheme: string;
  readonly summary: string;
  /** The package that defines it, for schemes loaded on first use. */
  readonly packageName?: string;
}

/** Which schemes a configuration may use, and how to load the ones that live in adapter packages. */
export interface SchemeRegistry {
  /**
   * Adds schemes. A scheme of the same name as a built-in one replaces it; registering one name twice is an error, since the
   * second would silently change what existing configuration means.
   */
  register(...definitions: SchemeDefinition[]): SchemeRegistry;
  /**
   * The definition of `scheme`, importing its adapter package on first use. Rejects with `INVALID_CONFIGURATION` for an
   * unknown scheme (listing the known ones) or an adapter package that is not installed (naming it).
   */
  resolve(scheme: string): Promise<SchemeDefinition>;
  /** Every scheme it knows, sorted by name. */
  list(): readonly SchemeListing[];
}

export interface SchemeRegistryInit {
  /** Schemes for your own sources (or replacements for built-in ones). */
  readonly schemes?: readonly SchemeDefinition[];
  /** How adapter packages are imported. Default {@link importFromApplication}. */
  readonly importer?: SchemeImporter;
  /**
   * Know tokenchain's own schemes: core's decorators (`base64`, `json`) and the adapter packages' (`env`, `file`,
   * `secretsmanager`, `ssm`, `kms`). Default `true`.
   */
  readonly builtins?: boolean;
}

const REGISTRY_SOURCE = 'scheme registry';
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * A registry of configuration schemes. It starts with core's own decorators (`base64`, `json`) and knows where the adapter
 * packages' schemes live; those are imported the first time a configuration uses them. Registries hold no global state:
 * each `fromConfig` without a `registry` makes its own.
 *
 * @example
 * ```ts
 * const registry = createSchemeRegistry({ schemes: [vaultScheme] });
 * const source = fromConfig('vault:momento, env:MOMENTO_API_KEY', { registry });
 * ```
 */
export function createSchemeRegistry(init: SchemeRegistryInit = {}): SchemeRegistry {
  const importer = init.importer ?? importFromApplication();
  const builtins = new Map<string, BuiltinScheme>(
    init.builtins === false ? [] : BUILTIN_SCHEMES.map((b) => [b.scheme, b]),
  );
  const core = new Map<string, SchemeDefinition>(
    init.builtins === false ? [] : [base64Scheme, jsonScheme].map((d) => [d.scheme, d]),
  );
  const registered = new Map<string, SchemeDefinition>();
  const loading = new Map<string, Promise<SchemeDefinition>>();

  const registry: SchemeRegistry = {
    register(...definitions) {
      for (const definition of definitions) {
        if (!isSchemeDefinition(definition)) {
          throw configError(REGISTRY_SOURCE, `${describe(definition)} was not made by defineScheme`);
        }
        if (registered.has(definition.scheme)) {
          throw configError(REGISTRY_SOURCE, `the scheme "${definition.scheme}" is registered twice`);
        }
        registered.set(definition.scheme, definition);
      }
      return registry;
    },
    async resolve(scheme) {
      const own = registered.get(scheme) ?? core.get(scheme);
      if (own) return own;
      const builtin = builtins.get(scheme);
      if (!builtin) throw unknownScheme(scheme, names());
      let pending = loading.get(scheme);
      if (!pending) {
        pending = load(builtin, importer);
        loading.set(scheme, pending);
        // A failed import is not remembered: installing the package and retrying must work without a restart.
        pending.catch(() => loading.delete(scheme));
      }
      return pending;
    },
    list() {
      const listings = new Map<string, SchemeListing>();
      for (const b of builtins.values()) {
        listings.set(b.scheme, { scheme: b.scheme, summary: b.summary, packageName: b.packageName });
      }
      for (const d of [...core.values(), ...registered.values()])
        listings.set(d.scheme, { scheme: d.scheme, summary: d.summary });
      return [...listings.values()].sort((a, b) => a.scheme.localeCompare(b.scheme));
    },
  };

  function names(): string[] {
    return registry.list().map((l) => l.scheme);
  }

  registry.register(...(init.schemes ?? []));
  return registry;
}

async function load(builtin: BuiltinScheme, importer: SchemeImporter): Promise<SchemeDefinition> {
  const { scheme, packageName, exportName } = builtin;
  let module: unknown;
  try {
    module = await importer(packageName);
  } catch (err) {
    if (isModuleNotFound(err, packageName)) {
      throw configError(
        REGISTRY_SOURCE,
        `the "${scheme}" scheme needs the package ${packageName}, which is not installed (npm install ${packageName})`,
      );
    }
    throw configError(
      REGISTRY_SOURCE,
      `the "${scheme}" scheme could not load ${packageName} (${err instanceof Error ? err.message : String(err)})`,
      err,
    );
  }
  const definition = (module as Record<string, unknown> | undefined)?.[exportName];
  if (!isSchemeDefinition(definition) || definition.scheme !== scheme) {
    throw configError(
      REGISTRY_SOURCE,
      `${packageName} does not export the "${scheme}" scheme as ${exportName} (is it older than @tokenchain/core?)`,
    );
  }
  return definition;
}

function unknownScheme(scheme: string, known: readonly string[]): TokenSourceError {
  const close = known.filter((name) => distance(name, scheme) <= MAX_SUGGESTION_DISTANCE);
  const hint = close.length > 0 ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}? ` : '';
  return configError(REGISTRY_SOURCE, `unknown scheme "${scheme}" (${hint}known: ${known.join(', ')})`);
}

function describe(value: unknown): string {
  const scheme = (value as { scheme?: unknown } | undefined)?.scheme;
  return typeof scheme === 'string' ? `the scheme "${scheme}"` : 'a scheme definition';
}

/** Levenshtein distance, for "did you mean": scheme names are short, so the quadratic table is tiny. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
