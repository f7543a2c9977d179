/** The mocha globals core's test helpers use. */
export interface MochaGlobals {
  describe(title: string, fn: () => void): void;
  it(title: string, fn: () => Promise<void> | void): void;
  before(fn: () => Promise<void> | void): void;
  after(fn: () => Promise<void> | void): void;
}

/** Read when a helper is called, not when this entry is imported, so that importing it needs no test runner. */
export function mochaGlobals(): MochaGlobals {
  return globalThis as unknown as MochaGlobals;
}
