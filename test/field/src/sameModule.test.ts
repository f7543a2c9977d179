import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { expectFinished } from './support/expectations.js';
import { field, NODE_MAJORS } from './support/field.js';
import { FIXTURES } from './support/paths.js';
import { runScript } from './support/script.js';

const SCRIPT = 'sameModule.cjs';
const SCRIPT_TIMEOUT_MS = 60_000;

/** Packages that stay ESM-only, and why: they are only imported. */
const ESM_ONLY: ReadonlySet<string> = new Set([
  '@tokenchain/inversify', // inversify 8 itself is ESM-only
]);

/** Every entry point (`@tokenchain/core`, `@tokenchain/core/testing`...) of every installed package. */
async function entryPoints(consumer: string, names: readonly string[]): Promise<string[]> {
  const entries: string[] = [];
  for (const name of names) {
    const manifest = JSON.parse(await readFile(join(consumer, 'node_modules', name, 'package.json'), 'utf8')) as {
      readonly exports?: Readonly<Record<string, unknown>>;
    };
    const subpaths = Object.keys(manifest.exports ?? { '.': true }).filter((s) => s !== './package.json');
    for (const subpath of subpaths) entries.push(subpath === '.' ? name : `${name}/${subpath.slice(2)}`);
  }
  return entries;
}

describe('require() and import() of an installed package reach one copy of it', () => {
  let dual: string[];
  let esmOnly: string[];

  before(async () => {
    const { consumer, packed } = field();
    await copyFile(join(FIXTURES, 'packages', SCRIPT), join(consumer, SCRIPT));
    const all = await entryPoints(
      consumer,
      packed.map((p) => p.name),
    );
    dual = all.filter((id) => !ESM_ONLY.has(id.split('/').slice(0, 2).join('/')));
    esmOnly = all.filter((id) => ESM_ONLY.has(id.split('/').slice(0, 2).join('/')));
  });

  for (const major of NODE_MAJORS) {
    it(`on Node ${major}: every export is the same value through both (ESM-only packages: import works)`, async () => {
      const { consumer, home, node } = field();
      const outcome = await runScript(
        node(major).bin,
        ['--no-experimental-require-module', SCRIPT, JSON.stringify({ dual, esmOnly })],
        { cwd: consumer, env: { PATH: process.env.PATH, HOME: home }, timeoutMs: SCRIPT_TIMEOUT_MS },
      );
      expectFinished(outcome);
      const expected = Object.fromEntries(
        [...dual, ...esmOnly].map((id) => [id, { exportsSomething: true, missingFromImport: [], notTheSameValue: [] }]),
      );
      expect(outcome.report, 'per entry point: what differs between require() and import()').to.deep.equal(expected);
    });
  }
});
