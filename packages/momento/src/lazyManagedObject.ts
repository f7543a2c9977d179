import { type ManagedObjectParts, managedObject } from './managedObject.js';

/**
 * {@link managedObject} without loading the SDK first. Loading the Momento SDK takes ~150 ms; a client built at module scope
 * and called at once would otherwise spend them before its key fetch even starts. This object answers the SDK class's
 * methods by name (`methods`) from the start, and becomes the full managed object the moment anything else is asked of it:
 * `instanceof`, its prototype, its keys, any other property. So `instanceof CacheClient` still holds, every method of a
 * newer SDK is still answered, and nothing but the method calls themselves runs before the SDK is loaded.
 *
 * `sdkClass` is called at most once, when the full object is first needed.
 */
export function lazyManagedObject<T extends object>(
  sdkClass: () => abstract new (...args: never[]) => T,
  methods: ReadonlySet<string>,
  parts: ManagedObjectParts,
): T {
  let full: T | undefined;
  const complete = (): T => {
    full ??= managedObject(sdkClass(), parts);
    return full;
  };
  const callers = new Map<string, (...args: unknown[]) => unknown>();
  const early = (name: string) => {
    let method = callers.get(name);
    if (method === undefined) {
      method = (...args: unknown[]) => parts.invoke(name, args);
      callers.set(name, method);
    }
    return method;
  };
  // The managed client's own members live on the proxy's target: they need no SDK, and a proxy must report them as they are.
  const shell = Object.defineProperties(Object.create(null), parts.own) as object;
  return new Proxy(shell, {
    get(target, property, receiver) {
      if (Object.hasOwn(target, property)) return Reflect.get(target, property, receiver);
      if (full === undefined && typeof property === 'string' && methods.has(property)) return early(property);
      return Reflect.get(complete(), property);
    },
    getPrototypeOf: () => Object.getPrototypeOf(complete()),
    has: (target, property) => Reflect.has(target, property) || Reflect.has(complete(), property),
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Reflect.ownKeys(complete())])],
    getOwnPropertyDescriptor: (target, property) =>
      Reflect.getOwnPropertyDescriptor(target, property) ?? Reflect.getOwnPropertyDescriptor(complete(), property),
    set: (target, property, value) =>
      Object.hasOwn(target, property) ? Reflect.set(target, property, value) : Reflect.set(complete(), property, value),
    defineProperty: (target, property, descriptor) =>
      Object.hasOwn(target, property)
        ? Reflect.defineProperty(target, property, descriptor)
        : Reflect.defineProperty(complete(), property, descriptor),
    deleteProperty: (target, property) =>
      Object.hasOwn(target, property)
        ? Reflect.deleteProperty(target, property)
        : Reflect.deleteProperty(complete(), property),
  }) as T;
}
