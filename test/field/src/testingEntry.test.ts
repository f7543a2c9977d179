import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { expectFinished } from './support/expectations.js';
import { field, NODE_MAJORS } from './support/field.js';
import { FIXTURES } from './support/paths.js';
import { runScript } from './support/script.js';

const SCRIPT = 'testingEntry.cjs';
const SCRIPT_TIMEOUT_MS = 60_000;
const TESTING = ['dist/testing/index.cjs', 'dist/testing/package.cjs'];

describe('the testing entries of the installed packages', () => {
  before(async () => {
    const { consumer } = field();
    await copyFile(join(FIXTURES, 'packages', SCRIPT), join(consumer, SCRIPT));
  });

  for (const major of NODE_MAJORS) {
    it(`on Node ${major}: an application loads no test helper, and the helpers throw the package's own classes`, async () => {
      const { consumer, home, node } = field();
      const outcome = await runScript(node(major).bin, [SCRIPT], {
        cwd: consumer,
        env: { PATH: process.env.PATH, HOME: home },
        timeoutMs: SCRIPT_TIMEOUT_MS,
      });
      expectFinished(outcome);
      expect(outcome.report, 'files loaded by the main entries, then with the testing entries').to.deep.equal({
        mainLoadsTesting: [],
        testingAdds: { core: TESTING, shared: TESTING },
        testingThrowsCoreClass: true,
        testingFilesShipped: ['index.cjs', 'package.cjs'],
      });
    });
  }
});
