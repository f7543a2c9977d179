import type { DisposableTokenScope } from '@gomomento/sdk';
import { mapToken, TokenSourceError } from '@tokenchain/core';
import { defineScheme, type SchemeContext } from '@tokenchain/core/config';
import { DEFAULT_VEND_TIMEOUT_MS } from './createTokenVendor.js';
import { fromDisposableToken } from './fromDisposableToken.js';
import { loadSdk } from './loadSdk.js';

/** How long a minted token lives when the entry does not say: an hour, the SDK examples' own choice. */
export const DEFAULT_DISPOSABLE_VALID_FOR_SECONDS = 3600;

const CACHE_ACCESS = { readwrite: 'cacheReadWrite', readonly: 'cacheReadOnly', writeonly: 'cacheWriteOnly' } as const;
const TOPIC_ACCESS = {
  publishsubscribe: 'topicPublishSubscribe',
  subscribeonly: 'topicSubscribeOnly',
  publishonly: 'topicPublishOnly',
} as const;

/**
 * The `disposable` scheme of the configuration grammar, a wrapper: `disposable+secretsmanager:Momento_Auth_Token?cache=sessions`
 * is {@link fromDisposableToken} over the Secrets Manager source, minting tokens that may read and write the cache
 * `sessions` for an hour. `topic=chat` scopes them to a topic of that cache instead; `cache=*` means every cache. What the
 * tokens may do travels in `token.attributes.scope` (words, never a key), so `tokenchain doctor` can show it.
 *
 * @example
 * ```ts
 * const source = fromConfig('disposable+secretsmanager:Momento_Auth_Token?cache=sessions&access=readonly', {
 *   schemes: [disposableScheme, secretsManagerScheme],
 * });
 * ```
 */
export const disposableScheme = defineScheme({
  scheme: 'disposable',
  kind: 'decorator',
  summary:
    'mints short-lived Momento tokens, scoped to a cache or topic, with the long-lived key of the source it wraps',
  options: {
    cache: { type: 'string', required: true, description: 'the cache the tokens may use (* for every cache)' },
    topic: { type: 'string', description: 'scope the tokens to this topic of the cache (* for every topic) instead' },
    access: {
      type: 'string',
      description:
        'readwrite, readonly or writeonly for a cache (default readwrite); publishsubscribe, subscribeonly or publishonly for a topic (default publishsubscribe)',
    },
    validForSeconds: {
      type: 'number',
      description: `how long each token lives (default ${DEFAULT_DISPOSABLE_VALID_FOR_SECONDS})`,
    },
    timeoutMs: { type: 'number', description: `deadline of each mint (default ${DEFAULT_VEND_TIMEOUT_MS})` },
    tokenEndpoint: {
      type: 'string',
      description: 'host:port of the token service to mint at (default: the one the long-lived key names)',
    },
    secure: { type: 'boolean', description: 'TLS to tokenEndpoint (default true; false for a local stand-in)' },
  },
  create(inner, context) {
    const name = `disposable(${inner.name})`;
    const { scope, words } = scopeOf(context, name);
    const timeoutMs = context.number('timeoutMs');
    const tokenEndpoint = context.string('tokenEndpoint');
    const secureConnection = context.boolean('secure') ?? true;
    const source = fromDisposableToken({
      source: inner,
      scope,
      validForSeconds: context.number('validForSeconds') ?? DEFAULT_DISPOSABLE_VALID_FOR_SECONDS,
      ...(timeoutMs !== undefined && { timeoutMs }),
      // Only the token service is called, so the one endpoint stands for all three.
      ...(tokenEndpoint !== undefined && {
        endpointOverrides: {
          cacheEndpoint: tokenEndpoint,
          controlEndpoint: tokenEndpoint,
          tokenEndpoint,
          secureConnection,
        },
      }),
      ...(context.observer !== undefined && { observer: context.observer }),
    });
    const described = mapToken(source, (token) => ({ ...token, attributes: { ...token.attributes, scope: words } }));
    return { ...described, close: () => source.close() };
  },
});

/** The SDK scope an entry asks for, and the same in words for `attributes.scope`. */
function scopeOf(context: SchemeContext, source: string): { scope: DisposableTokenScope; words: string } {
  const sdk = loadSdk(source);
  const cache = context.string('cache') ?? '';
  const topic = context.string('topic');
  const access = context.string('access');
  const cacheSelector = cache === '*' ? sdk.AllCaches : cache;
  if (topic === undefined) {
    const role = access ?? 'readwrite';
    const scope = role in CACHE_ACCESS ? CACHE_ACCESS[role as keyof typeof CACHE_ACCESS] : undefined;
    if (scope === undefined)
      throw refused(source, `access must be ${Object.keys(CACHE_ACCESS).join(', ')} for a cache`);
    return { scope: sdk.DisposableTokenScopes[scope](cacheSelector), words: `${role} on cache ${cache}` };
  }
  const role = access ?? 'publishsubscribe';
  const scope = role in TOPIC_ACCESS ? TOPIC_ACCESS[role as keyof typeof TOPIC_ACCESS] : undefined;
  if (scope === undefined) throw refused(source, `access must be ${Object.keys(TOPIC_ACCESS).join(', ')} for a topic`);
  const topicSelector = topic === '*' ? sdk.AllTopics : topic;
  return {
    scope: sdk.DisposableTokenScopes[scope](cacheSelector, topicSelector),
    words: `${role} on topic ${topic} of cache ${cache}`,
  };
}

function refused(source: string, problem: string): TokenSourceError {
  return new TokenSourceError(problem, { source, code: 'INVALID_CONFIGURATION' });
}
