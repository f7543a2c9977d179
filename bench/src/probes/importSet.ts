// Run by importCost.ts in a fresh process: `node importSet.js [specifier...]` imports each specifier (none: the empty
// process it is compared with), then prints one JSON line: time since process start, RSS, the CommonJS files and the
// Node built-ins loaded.
import { createRequire } from 'node:module';

const builtinsBefore = new Set(loadedBuiltins());
for (const specifier of process.argv.slice(2)) await import(specifier);
const ms = performance.now();
const rss = process.memoryUsage().rss;
const files = Object.keys(createRequire(import.meta.url).cache).filter((path) => !path.startsWith('node:'));
console.log(
  JSON.stringify({
    ms,
    rss,
    files: files.length,
    ours: files.filter((path) => /\/packages\/[^/]+\/dist\//.test(path)).length,
    builtins: loadedBuiltins().filter((name) => !builtinsBefore.has(name)),
  }),
);

function loadedBuiltins(): string[] {
  const list = (process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [];
  return list.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
}
