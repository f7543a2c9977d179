import type { DisposableTokenScope } from '@gomomento/sdk';
import type { MomentoSdk } from './loadSdk.js';

type Fields = Readonly<Record<string, unknown>>;

/**
 * What is wrong with a disposable token scope, in words, or undefined when the SDK will turn it into the permissions it
 * describes. The rules are the SDK's own (`permissionsFromDisposableTokenScope` in 1.118), checked here so that a bad scope
 * fails before the long-lived key is fetched or the token service is called, and three stricter ones:
 *
 * - no permissions at all is refused (a token that can do nothing is a mistake, not a least privilege);
 * - an empty cache, topic, function or item name is refused;
 * - an item restriction next to a topic or cache-wide permission is refused: the SDK then reads the whole scope as an API-key
 *   scope and silently drops `item`, minting a token for the whole cache instead of the one key asked for.
 *
 * Scope values are the caller's (cache and key names), not secrets; messages name positions, not values.
 */
export function checkScope(sdk: MomentoSdk, scope: DisposableTokenScope): string | undefined {
  if (typeof scope !== 'object' || scope === null || !Array.isArray((scope as Fields).permissions)) {
    return 'the scope must be a DisposableTokenScopes.* or TokenScopes.* value (an object with a permissions list)';
  }
  const permissions = (scope as { readonly permissions: readonly unknown[] }).permissions;
  if (permissions.length === 0) return 'the scope has no permissions: the token could do nothing';
  const kinds: Kind[] = [];
  for (const [index, permission] of permissions.entries()) {
    const kind = kindOf(permission);
    if (kind === undefined) {
      return `permission ${index + 1} is neither a cache, cache item, topic nor function permission`;
    }
    const problem = checkPermission(sdk, kind, permission as Fields);
    if (problem !== undefined) return `permission ${index + 1}: ${problem}`;
    kinds.push(kind);
  }
  if (kinds.includes('item') && kinds.some((kind) => kind === 'topic' || kind === 'cache')) {
    return 'cache item permissions cannot be combined with topic or whole-cache permissions: the SDK would drop the item restriction and mint a token for the whole cache (vend two tokens instead)';
  }
  return undefined;
}

type Kind = 'cache' | 'item' | 'topic' | 'function';

function kindOf(permission: unknown): Kind | undefined {
  if (typeof permission !== 'object' || permission === null) return undefined;
  const has = (field: string) => field in permission;
  if (!has('role') || !has('cache') || (has('topic') && has('func'))) return undefined;
  if (has('topic')) return has('item') ? undefined : 'topic';
  if (has('func')) return has('item') ? undefined : 'function';
  return has('item') ? 'item' : 'cache';
}

function checkPermission(sdk: MomentoSdk, kind: Kind, permission: Fields): string | undefined {
  const roles: Record<Kind, readonly string[]> = {
    cache: Object.values(sdk.CacheRole),
    item: Object.values(sdk.CacheRole),
    topic: Object.values(sdk.TopicRole),
    function: Object.values(sdk.FunctionRole),
  };
  if (!roles[kind].includes(permission.role as string)) return `role must be one of ${roles[kind].join(', ')}`;
  const cache = checkSelector(permission.cache, sdk.AllCaches, ['name']);
  if (cache !== undefined) return `cache ${cache}`;
  switch (kind) {
    case 'item': {
      // AllCacheItems is not exported by @gomomento/sdk: any symbol passes here, and the SDK refuses a wrong one.
      const item = checkSelector(permission.item, typeof permission.item === 'symbol' ? permission.item : undefined, [
        'key',
        'keyPrefix',
      ]);
      return item === undefined ? undefined : `item ${item}`;
    }
    case 'topic': {
      const topic = checkSelector(permission.topic, sdk.AllTopics, ['name']);
      return topic === undefined ? undefined : `topic ${topic}`;
    }
    case 'function': {
      const func = checkSelector(permission.func, sdk.AllFunctions, ['name', 'namePrefix']);
      return func === undefined ? undefined : `func ${func}`;
    }
    case 'cache':
      return undefined;
  }
}

/** A selector is the "all" symbol, a non-empty name, or an object with one of `fields` holding a non-empty name. */
function checkSelector(value: unknown, all: symbol | undefined, fields: readonly string[]): string | undefined {
  if (all !== undefined && value === all) return undefined;
  if (typeof value === 'string') return value.trim().length > 0 ? undefined : 'must not be an empty name';
  if (typeof value === 'object' && value !== null) {
    const field = fields.find((f) => f in value);
    if (field === undefined) return `must be a name, an object with ${fields.join(' or ')}, or the matching All* value`;
    const name = (value as Fields)[field];
    return typeof name === 'string' && name.trim().length > 0 ? undefined : `${field} must be a non-empty string`;
  }
  return `must be a name, an object with ${fields.join(' or ')}, or the matching All* value`;
}
