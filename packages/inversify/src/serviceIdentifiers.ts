/**
 * Where `tokenchainModule` binds the chain's source: a `CachedTokenSource` (a cache in front of the chain), resolved with
 * `container.getAsync`. `Symbol.for` keys, so that two copies of this package agree on them.
 *
 * @example
 * ```ts
 * const source = await container.getAsync<CachedTokenSource>(TOKEN_SOURCE);
 * ```
 */
export const TOKEN_SOURCE: unique symbol = Symbol.for('@tokenchain/inversify/TokenSource');

/**
 * Where `tokenchainModule` binds the Momento `CacheClient` (a `ManagedCacheClient`): one per container.
 *
 * @example
 * ```ts
 * const cache = await container.getAsync<ManagedCacheClient>(CACHE_CLIENT);
 * ```
 */
export const CACHE_CLIENT: unique symbol = Symbol.for('@tokenchain/inversify/CacheClient');

/**
 * Where `tokenchainModule` binds the Momento `TopicClient` (a `ManagedTopicClient`): one per container.
 *
 * @example
 * ```ts
 * const topics = await container.getAsync<ManagedTopicClient>(TOPIC_CLIENT);
 * ```
 */
export const TOPIC_CLIENT: unique symbol = Symbol.for('@tokenchain/inversify/TopicClient');
