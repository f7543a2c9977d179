/**
 * Brands let `X.is(err)` work when pnpm installs two copies of this package, where `instanceof` fails.
 * The brand is a registered symbol, so both copies agree on it.
 */
export function brandSymbol(name: string): symbol {
  return Symbol.for(`@tokenchain/core/${name}`);
}

export function setBrand(target: object, brand: symbol): void {
  Object.defineProperty(target, brand, { value: true, enumerable: false });
}

export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
