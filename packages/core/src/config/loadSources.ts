import type { ChainOptions } from '../chain.js';
import type { TokenObserver } from '../events.js';
import type { TokenSource } from '../TokenSource.js';
import { TokenSourceError } from '../TokenSourceError.js';
import { configError } from './configError.js';
import { createSchemeRegistry, type SchemeRegistry } from './createSchemeRegistry.js';
import { parseSourceSpec, type SourceSpec } from './parseSourceSpec.js';
import { type EntryPlan, ownMessage, planSources, type Values } from './planSources.js';
import { refuseKeyShaped } from './refuseKeyShaped.js';
import type { SchemeContext, SchemeDefinition } from './SchemeDefinition.js';

export interface LoadSourcesOptions {
  /** Passed to every source built and to the chain: `{ onEvent, logger }`. */
  readonly observer?: TokenObserver;
  /** Where the configuration came from, e.g. `MOMENTO_TOKEN_SOURCES` or `--sources`: errors are named after it. Default `config`. */
  readonly origin?: string;
  /** The schemes to use. Default: a new {@link createSchemeRegistry} with `schemes`. */
  readonly registry?: SchemeRegistry;
  /**
   * The schemes the configuration may use, when no `registry` is given: the adapters' (`envScheme`, `secretsManagerScheme`,
   * …) and your own. Core's `base64` and `json` are always there.
   */
  readonly schemes?: readonly SchemeDefinition[];
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

/**
 * Parses a configuration, finds the schemes it names among those registered and builds one source per entry, without
 * fetching any key. Every problem (grammar, a scheme not registered, unknown or ill-typed option) rejects with a
 * `TokenSourceError` of code `INVALID_CONFIGURATION` that names the entry and says what is known.
 * Use {@link fromConfig} for a ready chain; this is for tools that look at each link, such as `tokenchain doctor`.
 *
 * @example
 * ```ts
 * const { sources } = await loadSources('ssm:/momento/api-key, env:MOMENTO_API_KEY', { schemes: [ssmScheme, envScheme] });
 * sources.map((s) => s.name); // ['ssm:/momento/api-key', 'env:MOMENTO_API_KEY']
 * ```
 */
export async function loadSources(spec: string | SourceSpec, options: LoadSourcesOptions = {}): Promise<LoadedSources> {
  const origin = options.origin ?? 'config';
  // A spec built in code skips the parser, and with it the parser's refusal of key-shaped text: check it here.
  if (typeof spec !== 'string') refuseKeyShaped(spec, origin, 'the configuration');
  const parsed = typeof spec === 'string' ? parseSourceSpec(spec, origin) : spec;
  const registry = options.registry ?? createSchemeRegistry(options.schemes ? { schemes: options.schemes } : {});
  const sources: TokenSource[] = [];
  for (const plan of planSources(parsed, registry, origin)) {
    sources.push(await buildEntry(plan, { origin, observer: options.observer, env: options.env }));
  }
  return {
    spec: parsed,
    sources,
    chainOptions: { ...parsed.chain, ...(options.observer && { observer: options.observer }) },
  };
}

interface BuildContext {
  readonly origin: string;
  readonly observer: TokenObserver | undefined;
  readonly env: Readonly<Record<string, string | undefined>> | undefined;
}

async function buildEntry(plan: EntryPlan, build: BuildContext): Promise<TokenSource> {
  const { entry, label, base, decorators, values } = plan;
  const fail = (message: string, cause?: unknown) => configError(build.origin, `${label}: ${message}`, cause);
  const contextFor = (definition: SchemeDefinition, target: string): SchemeContext =>
    makeContext(entry.text, target, values.get(definition.scheme) ?? {}, build);
  try {
    let source = await base.create(contextFor(base, entry.target));
    for (const decorator of [...decorators].reverse())
      source = await decorator.create(source, contextFor(decorator, ''));
    return source;
  } catch (err) {
    if (TokenSourceError.is(err)) throw fail(ownMessage(err), err);
    throw fail(`could not be built (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)})`, err);
  }
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
    observer: build.observer,
    env: build.env,
    string: typed((v): v is string => typeof v === 'string'),
    number: typed((v): v is number => typeof v === 'number'),
    boolean: typed((v): v is boolean => typeof v === 'boolean'),
    map: typed((v): v is Readonly<Record<string, string>> => typeof v === 'object' && v !== null),
  };
}
