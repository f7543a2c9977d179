// Mocha root hooks (loaded through .mocharc.json's "require"): the packing, installs and Node binaries every field test
// shares are prepared once, before any test, and removed after the last.
import { disposeField, prepareField } from './support/field.js';

const PREPARE_TIMEOUT_MS = 10 * 60_000;

const log = (line: string): void => console.log(`      [field] ${line}`);

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(PREPARE_TIMEOUT_MS);
    const started = Date.now();
    await prepareField(log);
    log(`prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await disposeField(log);
  },
};
