/** How the managed object answers. */
export interface ManagedObjectParts {
  /** Runs an SDK method by name on the current client (with rotation on rejection). */
  readonly invoke: (method: string, args: unknown[]) => unknown;
  /** Methods answered differently from `invoke` (e.g. synchronous ones), and the managed client's own members. */
  readonly own: PropertyDescriptorMap;
  /** Reads an accessor of the current client, such as `configuration`. */
  readonly read: (property: string) => unknown;
}

/**
 * An object that is an instance of the SDK class as far as `instanceof` and TypeScript go, and that answers every method of
 * that class (found on its prototype chain, so methods added by a newer SDK are covered too) by running it on whatever SDK
 * client holds the current key.
 */
export function managedObject<T extends object>(
  sdkClass: abstract new (...args: never[]) => T,
  parts: ManagedObjectParts,
): T {
  const target = Object.create(sdkClass.prototype) as T;
  const defined = new Set<string>(Object.keys(parts.own));
  for (
    let proto: object | null = sdkClass.prototype;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const property of Object.getOwnPropertyNames(proto)) {
      if (property === 'constructor' || defined.has(property)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, property);
      if (descriptor === undefined) continue;
      defined.add(property);
      if (typeof descriptor.value === 'function') {
        Object.defineProperty(target, property, {
          value: (...args: unknown[]) => parts.invoke(property, args),
          writable: true,
          configurable: true,
        });
      } else if (descriptor.get !== undefined) {
        Object.defineProperty(target, property, { get: () => parts.read(property), configurable: true });
      }
    }
  }
  Object.defineProperties(target, parts.own);
  return target;
}
