import type { TokenObserver } from '../events.js';
import type { TokenSource } from '../TokenSource.js';

/** The kinds of value a scheme option takes. A `map` option is written `name.key=value`, once per key. */
export type SchemeOptionType = 'string' | 'number' | 'boolean' | 'map';

/** One option a scheme accepts, as shown in errors, docs and `tokenchain schemes`. */
export interface SchemeOption {
  readonly type: SchemeOptionType;
  /** One line: what it does and its default. */
  readonly description: string;
  /** An entry without it is refused. Default `false`. */
  readonly required?: boolean;
}

/** A checked option value: strings stay strings, numbers and booleans are parsed, a map is an object of strings. */
export type SchemeOptionValue = string | number | boolean | Readonly<Record<string, string>>;

/**
 * What a scheme's `create` receives for one entry. The options were checked against the scheme's declared {@link SchemeOption}s
 * before `create` is called, so each getter returns a value of the declared type or `undefined` when the entry does not set it.
 */
export interface SchemeContext {
  /** The entry as written, e.g. `kms+env:MOMENTO_KEY_ENCRYPTED?region=us-west-2`: for error messages. */
  readonly entry: string;
  /** The text after `scheme:` and before `?`, percent-decoded. Empty for a decorator. */
  readonly target: string;
  /** The observer given to `fromConfig`/`loadSources`, for sources that report events of their own. */
  readonly observer: TokenObserver | undefined;
  /** The environment given to `fromConfig`/`loadSources` (`undefined`: `process.env`), for schemes that read variables. */
  readonly env: Readonly<Record<string, string | undefined>> | undefined;
  string(name: string): string | undefined;
  number(name: string): number | undefined;
  boolean(name: string): boolean | undefined;
  map(name: string): Readonly<Record<string, string>> | undefined;
}

interface SchemeBase {
  /** The name written before `:` or `+`: lowercase letters, digits and `-`, starting with a letter. */
  readonly scheme: string;
  /** One line for listings and errors, e.g. `a key from an environment variable`. */
  readonly summary: string;
  /** Every option the scheme accepts. Any other option in an entry is refused. */
  readonly options?: Readonly<Record<string, SchemeOption>>;
}

/** A scheme that builds a source from a target, such as `env:MOMENTO_API_KEY`. */
export interface SourceSchemeDefinition extends SchemeBase {
  readonly kind: 'source';
  /** What the target means, e.g. `the variable name (default MOMENTO_API_KEY)`; `required` refuses an empty target. */
  readonly target: { readonly description: string; readonly required: boolean };
  create(context: SchemeContext): TokenSource | Promise<TokenSource>;
}

/** A scheme that wraps the source to its right, such as `kms` in `kms+env:MOMENTO_KEY_ENCRYPTED`. */
export interface DecoratorSchemeDefinition extends SchemeBase {
  readonly kind: 'decorator';
  create(inner: TokenSource, context: SchemeContext): TokenSource | Promise<TokenSource>;
}

/** How one scheme of the configuration grammar becomes a {@link TokenSource}. Build one with `defineScheme`. */
export type SchemeDefinition = SourceSchemeDefinition | DecoratorSchemeDefinition;
