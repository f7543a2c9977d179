import { mochaGlobals } from './mochaGlobals.js';

/**
 * Sets `process.env` for the enclosing mocha suite (from its `before` hooks on, in the order they were declared) and puts
 * every variable back after it. A value `undefined` removes the variable. `vars` is read in the hook, so it may use what
 * an earlier `before` made (a temporary directory for `HOME`). It uses mocha's global `before`/`after`, so it adds no
 * dependency.
 *
 * @example
 * ```ts
 * describe('when MOMENTO_API_KEY is set', () => {
 *   useProcessEnv(() => ({ MOMENTO_API_KEY: 'a-test-key', MOMENTO_ENDPOINT: undefined }));
 *   it('reads it', async () => {
 *     expect((await fromEnv().getToken()).secret.reveal()).to.equal('a-test-key');
 *   });
 * });
 * ```
 */
export function useProcessEnv(vars: () => Readonly<Record<string, string | undefined>>): void {
  const { before, after } = mochaGlobals();
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
