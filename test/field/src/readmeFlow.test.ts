import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { expectFinished, expectOneKeyFetch } from './support/expectations.js';
import { field, NODE_MAJORS } from './support/field.js';
import { FIXTURES } from './support/paths.js';
import { runScript } from './support/script.js';
import { type FieldWorld, startFieldWorld } from './support/world.js';

const SCRIPT_TIMEOUT_MS = 60_000;

/** The README's result line: set answered, the value read back, and the managed client is a real CacheClient. */
interface FlowReport {
  readonly set: string;
  readonly value: string;
  readonly isCacheClient: boolean;
}

const FLAVOURS = [
  { script: 'flow.mjs', title: 'with import (an ES module)', flags: [] },
  {
    script: 'flow.cjs',
    title: 'with require() (CommonJS, --no-experimental-require-module)',
    flags: ['--no-experimental-require-module'],
  },
] as const;

describe('the README flow, from the installed tarballs, against the local fakes', () => {
  let world: FieldWorld;

  before(async () => {
    for (const { script } of FLAVOURS) await copyFile(join(FIXTURES, 'readme', script), join(field().consumer, script));
  });

  beforeEach(async () => {
    world = await startFieldWorld();
  });

  afterEach(() => world.close());

  for (const major of NODE_MAJORS) {
    describe(`on Node ${major}`, () => {
      for (const { script, title, flags } of FLAVOURS) {
        it(`sets and gets a hit ${title}, fetching the key once`, async () => {
          const { consumer, home, node } = field();
          const outcome = await runScript(node(major).bin, [...flags, script], {
            cwd: consumer,
            env: world.childEnv(home),
            timeoutMs: SCRIPT_TIMEOUT_MS,
          });
          expectFinished(outcome);
          const report = outcome.report as FlowReport;
          expect(report.value, outcome.story).to.equal('12345');
          expect(report.isCacheClient, 'client instanceof CacheClient').to.equal(true);
          expectOneKeyFetch(world, 1, outcome.story);
        });
      }
    });
  }
});
