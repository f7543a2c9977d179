// Writes a package's CommonJS code as one file, as aws-sdk-js-v3 ships one file per client: esbuild bundles tsc's per-file
// output of every `exports` entry into `dist/package.cjs`, and each entry's `require` file (`dist/index.cjs`,
// `dist/source-kit/index.cjs`...) is two lines that hand over that entry's exports from it. A process that imports the
// package then loads one file instead of one per source module (79 files for the README's four packages), which is most of
// what an import costs. tsc's per-file output stays as it is, for the tests.
//
// - One bundle for all the entries of a package, so that every entry shares one copy of every module, class and piece
//   of state. An entry's modules run when one of their exports is first read, not before: `const { chain } =
//   require('@tokenchain/core')` runs chain's modules only (see lazyEntries below).
// - Except `./testing`, which has a bundle of its own (`dist/testing/package.cjs`): an application never reads it, and
//   Node compiles every byte of a file it loads (~60 µs a KB on the slow machine), so it was a quarter of what
//   aws-shared's import compiled. The package's own modules it imports are not copied into it: it reaches each through a
//   hidden property of the main bundle (see ownModulesFromMain below), so there is still one copy of each.
// - Every bare import stays outside (other @tokenchain packages, the SDKs, Node's built-ins), so each package still exists
//   once in a process and the SDKs are still loaded lazily with a literal `require('<name>')`.
// - The entry files are too small for cjs-module-lexer to find anything to follow: Node lexes every CommonJS file an ES
//   module imports, and lexing the bundle itself cost ~8 MiB and ~25 ms for the README's imports.
// Run from the package's directory after tsc and before esmWrappers.mjs: `node ../../.ci/build/bundle.mjs`.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
if (entries.length === 0) process.exit(0);

const bundle = resolve(dir, 'dist/package.cjs');
const testingBundle = resolve(dir, 'dist/testing/package.cjs');
const isTesting = (entry) => entry === './testing';
const bundleOf = (entry) => (isTesting(entry) ? testingBundle : bundle);
const relativeTo = (from, to) => {
  const path = relative(from, to);
  return path.startsWith('.') ? path : `./${path}`;
};
// Each entry is a getter, so that its modules are evaluated on first use only.
const entryGetters = (group, file) =>
  group
    .map(
      ({ entry, from }) =>
        `Object.defineProperty(exports, ${JSON.stringify(entry)}, { enumerable: true, get: () => require(${JSON.stringify(relativeTo(dirname(file), from))}) });`,
    )
    .join('\n');
// tsc writes a `require('@tokenchain/core')` in every module that imports it, and esbuild keeps each one: momento's bundle
// made 20 of them. Each is a trip through Node's resolver, and together they made Node's path functions hot enough for
// TurboFan to compile them during the import (~4 MiB of the node binary paged in; see decisions.md). Sibling packages
// are therefore reached through one small module per specifier, which runs its `require` once. The SDKs are not: their
// literal `require`s stay where they are, inside the functions that need them, for bundlers and NODE_PATH.
const SIBLING = /^@tokenchain\//;
const oneRequirePerPackage = {
  name: 'one-require-per-package',
  setup(build) {
    build.onResolve({ filter: SIBLING }, (args) =>
      args.namespace === 'sibling' ? { path: args.path, external: true } : { path: args.path, namespace: 'sibling' },
    );
    build.onLoad({ filter: /.*/, namespace: 'sibling' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

// tsc writes an entry's `export { x } from './x.js'` as a `require` at the top and a getter per name, so requiring the
// entry ran every module it exports. Each such `require` is made lazy here: a module runs when one of its exports is
// first read. `const { chain } = require('@tokenchain/core')` then runs chain's modules only, and a sibling that reads
// `defineScheme` from `@tokenchain/core/config` no longer runs the configuration grammar. (An ES module import reads
// every name, so it still runs them all.) tsc's output has exactly this shape; anything else in an entry fails the build.
const entryFiles = new Set(entries.map(({ from }) => from));
const REQUIRE_LINE = /^var (\w+) = require\(("[^"]+")\);$/;
const lazyEntries = {
  name: 'lazy-entries',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!entryFiles.has(args.path)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const lazy = new Set();
      const lines = source.split('\n').map((line) => {
        const match = REQUIRE_LINE.exec(line);
        if (match === null) {
          if (/\brequire\(|__exportStar/.test(line))
            throw new Error(`${args.path}: an entry line this build cannot make lazy: ${line}`);
          return line;
        }
        const [, name, path] = match;
        lazy.add(name);
        return `var ${name}_loaded; function ${name}() { return ${name}_loaded ??= require(${path}); }`;
      });
      const contents = lines
        .join('\n')
        .replace(/return (\w+)\.(\w+); \}/g, (whole, name, member) =>
          lazy.has(name) ? `return ${name}().${member}; }` : whole,
        );
      // A module read any other way than through a getter would now read a property of the function: refuse the build.
      for (const name of lazy) {
        if (new RegExp(`\\b${name}\\.`).test(contents)) {
          throw new Error(
            `${args.path}: ${name} is read other than through an export getter; this build cannot make it lazy`,
          );
        }
      }
      return { contents, loader: 'js' };
    });
  },
};

// The testing bundle's imports of the package's other modules (`../createToken.js` from `dist/testing/testSource.js`)
// become reads of a property of the main bundle, `module:./createToken.js`, which the main bundle defines (not
// enumerable) as a getter requiring that module: its one copy, shared with every other entry.
const testingDir = dirname(testingBundle);
const ownModules = new Set();
const ownModulesFromMain = {
  name: 'own-modules-from-main',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      // The main bundle itself, required at run time from next to this one.
      if (args.namespace === 'own-module') return { path: args.path, external: true };
      if (args.namespace !== 'file') return undefined;
      const path = resolve(args.resolveDir, args.path);
      if (relative(testingDir, path).startsWith('..')) {
        const key = `module:${relativeTo(dirname(bundle), path)}`;
        ownModules.add(key);
        return { path: key, namespace: 'own-module' };
      }
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'own-module' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(relativeTo(testingDir, bundle))})[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

// Whitespace and syntax are minified (names are kept, so stack traces read as the source; the linked map has the rest):
// compiling momento's bundle held 181 KiB of heap before, 140 KiB after.
const bundleTo = (outfile, contents, plugins) =>
  build({
    stdin: { contents, resolveDir: dirname(outfile), sourcefile: 'entries.js', loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // tsc's output is plain JavaScript: no tsconfig.json applies, not even one in a folder above the checkout.
    tsconfigRaw: {},
    plugins,
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });

const testing = entries.filter(({ entry }) => isTesting(entry));
if (testing.length > 0) {
  await bundleTo(testingBundle, entryGetters(testing, testingBundle), [
    ownModulesFromMain,
    oneRequirePerPackage,
    lazyEntries,
  ]);
}
const ownModuleGetters = [...ownModules].map(
  (key) =>
    `Object.defineProperty(exports, ${JSON.stringify(key)}, { get: () => require(${JSON.stringify(key.slice('module:'.length))}) });`,
);
const main = await bundleTo(
  bundle,
  [
    entryGetters(
      entries.filter(({ entry }) => !isTesting(entry)),
      bundle,
    ),
    ...ownModuleGetters,
  ].join('\n'),
  [oneRequirePerPackage, lazyEntries],
);
// One copy of each module: a testing module that the other entries import too would now be in both bundles.
const copied = Object.keys(main.metafile.inputs).filter(
  (input) => !relative(testingDir, resolve(input)).startsWith('..'),
);
if (copied.length > 0) throw new Error(`the main bundle includes testing modules, which are bundled apart: ${copied}`);

for (const { entry, out } of entries) {
  const name = `${pkg.name}${entry === '.' ? '' : entry.slice(1)}`;
  writeFileSync(
    out,
    `// Generated by .ci/build/bundle.mjs: ${name}, from the package's ${isTesting(entry) ? 'testing' : 'one-file'} bundle.\n` +
      `const entry = require(${JSON.stringify(relativeTo(dirname(out), bundleOf(entry)))})[${JSON.stringify(entry)}];\n` +
      'module.exports = entry;\n',
  );
}
