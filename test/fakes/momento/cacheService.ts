import { cache } from '@gomomento/generated-types';
import type { ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import { cacheNameOf } from './calls.js';
import type { Gate } from './gate.js';

const cc = cache.cache_client;

interface Item {
  readonly body: Uint8Array;
  readonly expiresAt: number;
}

/** In-memory items, one map per cache name (the `cache` metadata the SDK sends). */
export interface CacheStore {
  get(cacheName: string, key: Uint8Array): Uint8Array | undefined;
  set(cacheName: string, key: Uint8Array, body: Uint8Array, ttlMs: number): void;
  delete(cacheName: string, key: Uint8Array): void;
}

export function createCacheStore(now: () => number = Date.now): CacheStore {
  const caches = new Map<string, Map<string, Item>>();
  const id = (key: Uint8Array) => Buffer.from(key).toString('base64');
  return {
    get(cacheName, key) {
      const items = caches.get(cacheName);
      const item = items?.get(id(key));
      if (!item) return undefined;
      if (item.expiresAt <= now()) {
        items?.delete(id(key));
        return undefined;
      }
      return item.body;
    },
    set(cacheName, key, body, ttlMs) {
      let items = caches.get(cacheName);
      if (!items) {
        items = new Map();
        caches.set(cacheName, items);
      }
      items.set(id(key), { body, expiresAt: ttlMs > 0 ? now() + ttlMs : Number.POSITIVE_INFINITY });
    },
    delete(cacheName, key) {
      caches.get(cacheName)?.delete(id(key));
    },
  };
}

type Unary<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void;

/** Get, Set and Delete of the `cache_client.Scs` service; every other RPC of it is left UNIMPLEMENTED. */
export function cacheHandlers(gate: Gate, store: CacheStore): UntypedServiceImplementation {
  const get: Unary<cache.cache_client._GetRequest, cache.cache_client._GetResponse> = (call, callback) => {
    const cacheName = cacheNameOf(call.metadata);
    void gate.admit('Get', call.metadata, cacheName).then((admission) => {
      if (!admission.ok) return callback(admission.error);
      const body = store.get(cacheName, call.request.cache_key);
      callback(
        null,
        body === undefined
          ? new cc._GetResponse({ result: cc.ECacheResult.Miss })
          : new cc._GetResponse({ result: cc.ECacheResult.Hit, cache_body: body }),
      );
    });
  };
  const set: Unary<cache.cache_client._SetRequest, cache.cache_client._SetResponse> = (call, callback) => {
    const cacheName = cacheNameOf(call.metadata);
    void gate.admit('Set', call.metadata, cacheName).then((admission) => {
      if (!admission.ok) return callback(admission.error);
      store.set(cacheName, call.request.cache_key, call.request.cache_body, call.request.ttl_milliseconds);
      callback(null, new cc._SetResponse({ result: cc.ECacheResult.Ok }));
    });
  };
  const del: Unary<cache.cache_client._DeleteRequest, cache.cache_client._DeleteResponse> = (call, callback) => {
    const cacheName = cacheNameOf(call.metadata);
    void gate.admit('Delete', call.metadata, cacheName).then((admission) => {
      if (!admission.ok) return callback(admission.error);
      store.delete(cacheName, call.request.cache_key);
      callback(null, new cc._DeleteResponse());
    });
  };
  return { Get: get, Set: set, Delete: del } as unknown as UntypedServiceImplementation;
}
