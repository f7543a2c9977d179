/** The mocha globals the suites use, read when a suite is defined, so that importing this entry needs no test runner. */
export interface MochaLike {
  describe(title: string, fn: () => void): void;
  it(title: string, fn: () => Promise<void> | void): void;
  before(fn: () => Promise<void> | void): void;
  beforeEach(fn: () => Promise<void> | void): void;
  after(fn: () => Promise<void> | void): void;
  afterEach(fn: () => Promise<void> | void): void;
}

export function mochaHooks(): MochaLike {
  return globalThis as unknown as MochaLike;
}

/** What a promise rejected with; fails the test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to reject, but it resolved');
}
