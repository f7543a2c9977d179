import { hasKeyShaped } from '../redactKeyShaped.js';
import type { TokenSourceError } from '../TokenSourceError.js';
import { ADAPTER_SCHEMES } from './adapterSchemes.js';
import { configError } from './configError.js';
import { base64Scheme, jsonScheme } from './coreSchemes.js';
import { isSchemeDefinition, SCHEME_NAME } from './defineScheme.js';
import type { SchemeDefinition } from './SchemeDefinition.js';

/** Which schemes a configuration may use. */
export interface SchemeRegistry {
  /**
   * Adds schemes. One named like a core decorator (`base64`, `json`) replaces it; registering one name twice is an error,
   * since the second would silently change what existing configuration means.
   */
  register(...definitions: SchemeDefinition[]): SchemeRegistry;
  /**
   * The definition of `scheme`. Throws `INVALID_CONFIGURATION` for a scheme that is not registered, saying how to register
   * it (for tokenchain's own schemes, which package and export to pass) and listing the registered ones.
   */
  resolve(scheme: string): SchemeDefinition;
  /** Every registered scheme, core's decorators included, sorted by name. */
  list(): readonly SchemeDefinition[];
}

export interface SchemeRegistryOptions {
  /** The schemes configurations may use, e.g. `[secretsManagerScheme, envScheme]`. Core's `base64` and `json` are always there. */
  readonly schemes?: readonly SchemeDefinition[];
  /**
   * Where the reader registers schemes, as the error for an unknown scheme says "pass envScheme … in <registerWith>", e.g.
   * `a module given to --import`. Default `options.schemes`.
   */
  readonly registerWith?: string;
}

/** @deprecated Renamed {@link SchemeRegistryOptions} (options objects are `*Options`); this alias goes in the next minor. */
export type SchemeRegistryInit = SchemeRegistryOptions;

const REGISTRY_SOURCE = 'scheme registry';
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * A registry of configuration schemes: core's own decorators (`base64`, `json`) and the schemes you pass. Nothing is
 * imported by name: an application passes the adapters' schemes it uses, so a bundler sees every import and pnpm's strict
 * layout never hides one. Registries hold no global state: each `fromConfig` without a `registry` makes its own.
 *
 * @example
 * ```ts
 * const registry = createSchemeRegistry({ schemes: [vaultScheme, envScheme] });
 * const source = fromConfig('vault:momento, env:MOMENTO_API_KEY', { registry });
 * ```
 */
export function createSchemeRegistry(init: SchemeRegistryOptions = {}): SchemeRegistry {
  const registerWith = init.registerWith ?? 'options.schemes';
  const core = new Map<string, SchemeDefinition>([base64Scheme, jsonScheme].map((d) => [d.scheme, d]));
  const registered = new Map<string, SchemeDefinition>();

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
    resolve(scheme) {
      const definition = registered.get(scheme) ?? core.get(scheme);
      if (definition) return definition;
      throw unknownScheme(
        scheme,
        registry.list().map((d) => d.scheme),
        registerWith,
      );
    },
    list() {
      const all = new Map([...core, ...registered]);
      return [...all.values()].sort((a, b) => a.scheme.localeCompare(b.scheme));
    },
  };

  registry.register(...(init.schemes ?? []));
  return registry;
}

function unknownScheme(scheme: string, registered: readonly string[], registerWith: string): TokenSourceError {
  const known = `(registered: ${registered.join(', ')})`;
  // Only a well-formed name is quoted: anything else may be a pasted key.
  if (typeof scheme !== 'string' || !SCHEME_NAME.test(scheme) || hasKeyShaped(scheme)) {
    return configError(REGISTRY_SOURCE, `a scheme name must be lowercase letters, digits and "-" ${known}`);
  }
  const adapter = ADAPTER_SCHEMES.find((a) => a.scheme === scheme);
  if (adapter) {
    return configError(
      REGISTRY_SOURCE,
      `unknown scheme "${scheme}": pass ${adapter.exportName} from ${adapter.packageName} in ${registerWith} ${known}`,
    );
  }
  const candidates = [...new Set([...registered, ...ADAPTER_SCHEMES.map((a) => a.scheme)])];
  const close = candidates.filter((name) => distance(name, scheme) <= MAX_SUGGESTION_DISTANCE);
  const suggestions = close.map((name) => {
    const unregistered = registered.includes(name) ? undefined : ADAPTER_SCHEMES.find((a) => a.scheme === name);
    return unregistered
      ? `"${name}" (pass ${unregistered.exportName} from ${unregistered.packageName} in ${registerWith})`
      : `"${name}"`;
  });
  const hint =
    suggestions.length > 0
      ? `did you mean ${suggestions.join(' or ')}?`
      : `pass a scheme made by defineScheme in ${registerWith}`;
  return configError(REGISTRY_SOURCE, `unknown scheme "${scheme}": ${hint} ${known}`);
}

function describe(value: unknown): string {
  const scheme = (value as { scheme?: unknown } | undefined)?.scheme;
  return typeof scheme === 'string' && SCHEME_NAME.test(scheme) ? `the scheme "${scheme}"` : 'a scheme definition';
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
