// Builds the documentation site into docs/site/: typedoc writes the API reference into docs/api/, then VitePress builds every
// page. `--if-stale` skips the build when docs/site/ is newer than every input, so the browser test can run on each Node
// version of a CI run and build only once. Run by `npm run docs:build` (root) and by browser/site.test.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = fileURLToPath(new URL('..', import.meta.url));
const root = join(docs, '..');
const site = join(docs, 'site');
const stamp = join(site, '.built');
const require = createRequire(import.meta.url);

const SKIP = new Set(['node_modules', 'dist', 'site', 'api', 'cache', '.turbo', 'examples']);

function newest(dir, accept) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, accept));
    else if (accept(path)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function inputsChangedAt() {
  const packages = join(root, 'packages');
  return Math.max(
    newest(docs, (p) => /\.(md|mts|json)$/.test(p)),
    ...readdirSync(packages).map((name) =>
      newest(
        join(packages, name),
        (p) => (/\.ts$/.test(p) && !/\.test\./.test(p)) || /(package|typedoc)\.json$/.test(p),
      ),
    ),
  );
}

function run(bin, args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: docs, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`docs: ${args[0] ?? bin} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
  return Math.round(performance.now() - started);
}

if (process.argv.includes('--if-stale') && existsSync(stamp) && statSync(stamp).mtimeMs >= inputsChangedAt()) {
  process.stdout.write('docs: docs/site is up to date\n');
} else {
  const typedoc = join(dirname(require.resolve('typedoc/package.json')), 'bin', 'typedoc');
  const vitepress = join(dirname(require.resolve('vitepress/package.json')), 'bin', 'vitepress.js');
  rmSync(join(docs, 'api'), { recursive: true, force: true });
  rmSync(join(docs, 'ja', 'api'), { recursive: true, force: true });
  const apiMs = run(typedoc, ['--logLevel', 'Warn']);
  // The Japanese site links to the same (English) reference under its own prefix, so its language menu works on every page.
  cpSync(join(docs, 'api'), join(docs, 'ja', 'api'), { recursive: true });
  const siteMs = run(vitepress, ['build', '.', '--logLevel', 'warn']);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.stdout.write(`docs: API reference in ${apiMs} ms, site in ${siteMs} ms: docs/site\n`);
}
