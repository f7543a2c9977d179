import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { field } from './support/field.js';

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
}

describe('npm install of the packed tarballs in a fresh project outside the workspace', () => {
  it('installs exactly one copy of every package, each from its tarball (no registry copy, no nested duplicate)', async () => {
    const { consumer, packed } = field();
    const lock = JSON.parse(await readFile(join(consumer, 'package-lock.json'), 'utf8')) as {
      readonly packages: Readonly<Record<string, LockEntry>>;
    };
    const installed = Object.entries(lock.packages)
      .filter(([path]) => /(^|\/)node_modules\/@tokenchain\//.test(path))
      .map(([path, entry]) => ({ path, version: entry.version, resolved: entry.resolved }))
      .sort((a, b) => a.path.localeCompare(b.path));
    const expected = packed
      .map((p) => ({
        path: `node_modules/${p.name}`,
        version: p.version,
        resolved: `file:../tarballs/${p.tarball.split('/').pop()}`,
      }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(installed).to.deep.equal(expected);
  });
});
