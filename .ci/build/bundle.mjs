// Writes the CommonJS entry points of a package as one file each, as aws-sdk-js-v3 does: for every `exports` entry whose
// `require` condition names a `.cjs` file, esbuild bundles tsc's per-file output of that entry (the same path with `.js`)
// into that file. A process that imports the package then loads one file instead of one per source module (64 files for
// the README's four packages), which is most of what an import costs. tsc's per-file output stays as it is, for the tests.
//
// What stays outside the bundle: every bare import (other @tokenchain packages, the SDKs, Node's built-ins), so each package
// still exists once in a process and the SDKs are still loaded lazily with a literal `require('<name>')`. A subpath entry
// (`./testing`) takes what it uses from the package's main entry through the package's own name, never a second copy.
// Run from the package's directory after tsc and before esmWrappers.mjs: `node ../../.ci/build/bundle.mjs`.
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const dir = process.cwd();
const pkg = createRequire(join(dir, 'package.json'))('./package.json');
// esbuild is a devDependency of the repository root, where it is installed once for every package.
const { build } = createRequire(new URL('../../package.json', import.meta.url))('esbuild');

const entries = Object.entries(pkg.exports)
  .filter(([, conditions]) => typeof conditions === 'object' && conditions.require?.default?.endsWith('.cjs'))
  .map(([entry, conditions]) => {
    const out = resolve(dir, conditions.require.default);
    return { entry, out, from: out.replace(/\.cjs$/, '.js') };
  });
const main = entries.find((e) => e.entry === '.');

for (const { entry, out, from } of entries) {
  const entryDir = dirname(from);
  await build({
    entryPoints: [from],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins:
      entry === '.' || main === undefined
        ? []
        : [
            {
              name: 'main-entry-by-name',
              setup(b) {
                // A relative import leaving the subpath's folder reaches the main entry's modules: take them from the
                // package itself (a self-reference), so both entries share one copy of every class and every piece of state.
                b.onResolve({ filter: /^\.\.?\// }, (args) => {
                  const target = resolve(args.resolveDir, args.path);
                  if (!relative(entryDir, target).startsWith('..')) return undefined;
                  return { path: pkg.name, external: true };
                });
              },
            },
          ],
  });
}
