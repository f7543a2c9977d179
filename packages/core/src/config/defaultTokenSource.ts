import { type CachedOptions, type CachedTokenSource, cached } from '../cached.js';
import { type FromConfigOptions, fromConfig } from './fromConfig.js';

/** The variable `defaultTokenSource` reads its configuration from. */
export const TOKEN_SOURCES_VARIABLE = 'MOMENTO_TOKEN_SOURCES';

/** Where the Momento SDK's default credential provider looks: `MOMENTO_API_KEY`, with the endpoint in `MOMENTO_ENDPOINT`. */
export const DEFAULT_TOKEN_SOURCES = 'env:MOMENTO_API_KEY?endpointName=MOMENTO_ENDPOINT';

export interface DefaultTokenSourceOptions extends Omit<FromConfigOptions, 'origin'> {
  /** Cache policy overrides. Default: {@link DEFAULT_CACHE_POLICY}. */
  readonly cache?: Omit<CachedOptions, 'onEvent' | 'logger'>;
}

/**
 * The source to use when you have not decided: the chain in `MOMENTO_TOKEN_SOURCES` when it is set, otherwise the variables
 * Momento's SDK reads by default (`MOMENTO_API_KEY`, endpoint from `MOMENTO_ENDPOINT`), with a cache in front using the
 * default policy. The `env` scheme lives in `@tokenchain/env`, which the application must have installed.
 *
 * @example
 * ```ts
 * // MOMENTO_TOKEN_SOURCES="secretsmanager:Momento_Auth_Token?field=apiKey, env:MOMENTO_API_KEY"
 * const source = defaultTokenSource({ logger: console });
 * ```
 */
export function defaultTokenSource(options: DefaultTokenSourceOptions = {}): CachedTokenSource {
  const configured = (options.env ?? process.env)[TOKEN_SOURCES_VARIABLE];
  const useConfigured = configured !== undefined && configured.trim() !== '';
  const { cache, ...configOptions } = options;
  const source = fromConfig(useConfigured ? configured : DEFAULT_TOKEN_SOURCES, {
    ...configOptions,
    origin: useConfigured ? TOKEN_SOURCES_VARIABLE : 'default sources',
  });
  return cached(source, {
    ...cache,
    ...(options.onEvent && { onEvent: options.onEvent }),
    ...(options.logger && { logger: options.logger }),
  });
}
