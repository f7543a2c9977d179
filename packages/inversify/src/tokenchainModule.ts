import type { Configuration, TopicConfiguration } from '@gomomento/sdk';
import {
  type CachedOptions,
  type CachedTokenSource,
  type ChainOptions,
  cached,
  chain,
  type TokenObserver,
  type TokenSource,
  TokenSourceError,
} from '@tokenchain/core';
import { defaultTokenSource, loadSources, type SchemeDefinition } from '@tokenchain/core/config';
import {
  createCacheClient,
  createTopicClient,
  type EndpointOverrides,
  type ManagedCacheClient,
  type ManagedTopicClient,
  momentoKey,
} from '@tokenchain/momento';
import { ContainerModule, type Newable, type ResolutionContext } from 'inversify';
import { CACHE_CLIENT, TOKEN_SOURCE, TOPIC_CLIENT } from './serviceIdentifiers.js';

/** The cache client's `defaultTtlSeconds` when the options do not set it. */
export const DEFAULT_TTL_SECONDS = 60;

/**
 * One link of the chain: an `@injectable()` class implementing `TokenSource` (resolved from the container, with its own
 * dependencies), a ready source, or a configuration string such as `'ssm:/momento/api-key, env:MOMENTO_API_KEY'`.
 */
export type TokenchainLink = Newable<TokenSource> | TokenSource | string;

export interface TokenchainModuleOptions {
  /**
   * The chain, in order. Default: `defaultTokenSource({ schemes })` (`MOMENTO_TOKEN_SOURCES`, else `MOMENTO_API_KEY` with
   * `MOMENTO_ENDPOINT`, which needs `envScheme` in `schemes`).
   */
  readonly sources?: readonly TokenchainLink[];
  /** `fallThrough`, `timeoutMs` and `name` of the chain. */
  readonly chain?: Omit<ChainOptions, 'observer'>;
  /** The policy of the cache in front of the chain. */
  readonly cache?: Omit<CachedOptions, 'observer' | 'onEvent' | 'logger'>;
  /** Receives every key event of the chain, the cache and the clients. */
  readonly observer?: TokenObserver;
  /**
   * The schemes configuration strings may use, in `sources` and in `MOMENTO_TOKEN_SOURCES`: the adapters' you installed
   * (`envScheme`, `secretsManagerScheme`, …) and your own. Core's `base64` and `json` are always there.
   */
  readonly schemes?: readonly SchemeDefinition[];
  /** The endpoint of a v2 key that carries none (else `MOMENTO_ENDPOINT`). */
  readonly endpoint?: string;
  /** Where the clients connect instead of the key's endpoint (momento-local, a test server). */
  readonly endpointOverrides?: EndpointOverrides;
  readonly cacheClient?: { readonly configuration?: Configuration; readonly defaultTtlSeconds?: number };
  readonly topicClient?: { readonly configuration?: TopicConfiguration };
}

/**
 * An inversify `ContainerModule` binding a cached token source ({@link TOKEN_SOURCE}), a Momento cache client
 * ({@link CACHE_CLIENT}) and a topic client ({@link TOPIC_CLIENT}), each a singleton of the container, closed when the
 * container unbinds them. Resolve them with `container.getAsync`: the chain is built from the container on first use.
 *
 * Classes in `sources` are bound to themselves as singletons unless the container already has a binding for them.
 *
 * @example
 * ```ts
 * const container = new Container();
 * container.bind(VaultClient).toSelf().inSingletonScope();
 * await container.loadAsync(tokenchainModule({ sources: [VaultTokenSource, 'env:MOMENTO_API_KEY'], schemes: [envScheme] }));
 * const cache = await container.getAsync<ManagedCacheClient>(CACHE_CLIENT);
 * ```
 */
export function tokenchainModule(options: TokenchainModuleOptions = {}): ContainerModule {
  const clientInit = {
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.endpointOverrides !== undefined && { endpointOverrides: options.endpointOverrides }),
    ...(options.observer !== undefined && { observer: options.observer }),
  };
  return new ContainerModule(({ bind, isBound }) => {
    for (const link of options.sources ?? []) {
      if (typeof link === 'function' && !isBound(link)) bind(link).toSelf().inSingletonScope();
    }
    bind<CachedTokenSource>(TOKEN_SOURCE)
      .toDynamicValue((context) => buildSource(context, options))
      .inSingletonScope()
      .onDeactivation((source) => source.close());
    bind<ManagedCacheClient>(CACHE_CLIENT)
      .toDynamicValue(async (context) =>
        createCacheClient({
          ...clientInit,
          source: await context.getAsync<CachedTokenSource>(TOKEN_SOURCE),
          defaultTtlSeconds: options.cacheClient?.defaultTtlSeconds ?? DEFAULT_TTL_SECONDS,
          ...(options.cacheClient?.configuration !== undefined && { configuration: options.cacheClient.configuration }),
        }),
      )
      .inSingletonScope()
      .onDeactivation((client) => client.close());
    bind<ManagedTopicClient>(TOPIC_CLIENT)
      .toDynamicValue(async (context) =>
        createTopicClient({
          ...clientInit,
          source: await context.getAsync<CachedTokenSource>(TOKEN_SOURCE),
          ...(options.topicClient?.configuration !== undefined && { configuration: options.topicClient.configuration }),
        }),
      )
      .inSingletonScope()
      .onDeactivation((client) => client.close());
  });
}

async function buildSource(context: ResolutionContext, options: TokenchainModuleOptions): Promise<CachedTokenSource> {
  const observer = options.observer !== undefined && { observer: options.observer };
  const cacheOptions = { ...options.cache, ...observer };
  if (options.sources === undefined) {
    // The same key checks as the explicit path (format, the key's own exp): momentoKey sees a cached source through them.
    return momentoKey(
      defaultTokenSource({
        ...observer,
        ...(options.cache && { cache: options.cache }),
        ...(options.schemes && { schemes: options.schemes }),
      }),
    );
  }
  const links: TokenSource[] = [];
  for (const [index, link] of options.sources.entries()) {
    if (typeof link === 'string') {
      const loaded = await loadSources(link, {
        ...observer,
        origin: `tokenchainModule sources[${index}]`,
        ...(options.schemes && { schemes: options.schemes }),
      });
      links.push(...loaded.sources);
    } else if (typeof link === 'function') {
      links.push(checked(await context.getAsync<TokenSource>(link), link.name, index));
    } else {
      links.push(checked(link, link?.name, index));
    }
  }
  return cached(momentoKey(chain({ ...options.chain, ...observer }, ...links)), cacheOptions);
}

/** A class that does not implement `TokenSource` fails here, naming it, rather than on the first key fetch. */
function checked(source: TokenSource, label: string | undefined, index: number): TokenSource {
  if (typeof source?.getToken !== 'function' || typeof source.name !== 'string') {
    throw new TokenSourceError(
      `sources[${index}] (${label ?? typeof source}) is not a TokenSource: it needs a name and getToken`,
      {
        source: 'tokenchainModule',
        code: 'INVALID_CONFIGURATION',
      },
    );
  }
  return source;
}
