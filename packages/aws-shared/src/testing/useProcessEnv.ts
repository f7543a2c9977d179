import { mochaHooks } from './mochaHooks.js';

/**
 * Sets process.env for the enclosing suite (from its `before` hooks on, in the order they were declared) and puts every
 * variable back after it. A value `undefined` removes the variable. Schemes take no credentials (they do not belong in
 * configuration), so their tests hand the SDK's default chain what it reads this way.
 */
export function useProcessEnv(vars: () => Readonly<Record<string, string | undefined>>): void {
  const { before, after } = mochaHooks();
  const saved: Record<string, string | undefined> = {};
  before(() => {
    for (const [name, value] of Object.entries(vars())) {
      saved[name] = process.env[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
