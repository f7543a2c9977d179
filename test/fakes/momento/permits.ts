import type { MomentoFakeMethod } from './calls.js';

/** Whether a minted token may make a call: by method and cache name (item keys and topic names are not checked). */
export type Permits = (method: MomentoFakeMethod, cacheName: string) => boolean;

interface Grant {
  readonly role?: number;
  readonly all_caches?: unknown;
  readonly cache_selector?: { readonly cache_name?: string };
}

// permission_messages.CacheRole and TopicRole: 1 read-write, 2 read-only, 3 write-only (0 permits nothing).
const READS = new Set([1, 2]);
const WRITES = new Set([1, 3]);

/**
 * What the requested permissions (protobuf `toObject()` of `Permissions`) let a token do on the data plane, as far as the
 * fake can see a call: cache reads and writes by cache name, topic publish and subscribe by cache name.
 */
export function permitsOf(permissions: Record<string, unknown>): Permits {
  const explicit = (permissions.explicit as { permissions?: readonly Record<string, Grant | undefined>[] } | undefined)
    ?.permissions;
  if (explicit === undefined) return () => true;
  const grants = (field: 'cache_permissions' | 'topic_permissions') =>
    explicit.map((p) => p[field]).filter((g): g is Grant => g !== undefined);
  const caches = grants('cache_permissions');
  const topics = grants('topic_permissions');
  const covers = (grant: Grant, cacheName: string) =>
    grant.all_caches !== undefined || grant.cache_selector?.cache_name === cacheName;
  return (method, cacheName) => {
    const [pool, roles] =
      method === 'Get'
        ? [caches, READS]
        : method === 'Set' || method === 'Delete'
          ? [caches, WRITES]
          : method === 'Subscribe'
            ? [topics, READS]
            : method === 'Publish'
              ? [topics, WRITES]
              : [[], READS];
    return pool.some((grant) => roles.has(grant.role ?? 0) && covers(grant, cacheName));
  };
}
