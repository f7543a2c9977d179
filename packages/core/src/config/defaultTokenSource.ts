import { type CachedOptions, type CachedTokenSource, cached } from '../cached.js';
import { type FromConfigOptions, fromConfig } from './fromConfig.js';

/** The variable `defaultTokenSource` reads its configuration from. */
export const TOKEN_SOURCES_VARIABLE = 'MOMENTO_TOKEN_SOURCES';

/** Where the Momento SDK's default credential provider looks: `MOMENTO_API_KEY`, with the endpoint in `MOMENTO_ENDPOINT`. */
export const DEFAULT_TOKEN_SOURCES = 'env:MOMENTO_API_KEY?endpointVariable=MOMENTO_ENDPOINT';

export interface DefaultTokenSourceOptions extends Omit<FromConfigOptions, 'origin'> {
  /** Cache policy overrides. Default: {@link DEFAULT_CACHE_POLICY}. */
  readonly cache?: Omit<CachedOptions, 'observer' | 'onEvent' | 'logger'>;
}

/** What errors about the default configuration are named after, so the reader knows why it was used. */
export const DEFAULT_SOURCES_ORIGIN = `default sources (${TOKEN_SOURCES_VARIABLE} is not set)`;

/**
 * The source to use when you have not decided: the chain in `MOMENTO_TOKEN_SOURCES` when it is set, otherwise the variables
 * Momento's SDK reads by default (`MOMENTO_API_KEY`, endpoint from `MOMENTO_ENDPOINT`), with a cache in front using the
 * default policy.
 *
 * Pass the schemes the configuration may use. The default needs `envScheme` from `@tokenchain/env`; a deployment whose
 * `MOMENTO_TOKEN_SOURCES` names no `env:` entry may leave it out. Whichever configuration is in effect is checked at once:
 * a scheme it names that is not registered throws `INVALID_CONFIGURATION` saying which export to pass.
 *
 * @example
 * ```ts
 * // MOMENTO_TOKEN_SOURCES="secretsmanager:Momento_Auth_Token, env:MOMENTO_API_KEY"
 * const source = defaultTokenSource({ schemes: [secretsManagerScheme, envScheme], observer: { logger: console } });
 * ```
 */
export function defaultTokenSource(options: DefaultTokenSourceOptions = {}): CachedTokenSource {
  const configured = (options.env ?? process.env)[TOKEN_SOURCES_VARIABLE];
  const useConfigured = configured !== undefined && configured.trim() !== '';
  const { cache, ...configOptions } = options;
  const source = fromConfig(useConfigured ? configured : DEFAULT_TOKEN_SOURCES, {
    ...configOptions,
    origin: useConfigured ? TOKEN_SOURCES_VARIABLE : DEFAULT_SOURCES_ORIGIN,
  });
  return cached(source, { ...cache, ...(options.observer !== undefined && { observer: options.observer }) });
}
