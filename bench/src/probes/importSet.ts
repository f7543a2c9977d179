// Run by importCost.ts in a fresh process: `node importSet.js [specifier...]` imports each specifier (none: the empty
// process it is compared with), then prints one JSON line: time since process start, RSS, the CommonJS files and the
// Node built-ins loaded. RSS is split, where Linux tells, into anonymous memory (the process's own: heaps, compiled code)
// and file-backed pages (mostly the node binary's own machine code, paged in when first run and shared with every other
// Node process on the machine).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const builtinsBefore = new Set(loadedBuiltins());
for (const specifier of process.argv.slice(2)) await import(specifier);
const ms = performance.now();
const rss = process.memoryUsage().rss;
const { anon, file } = rssParts();
const files = Object.keys(createRequire(import.meta.url).cache).filter((path) => !path.startsWith('node:'));
console.log(
  JSON.stringify({
    ms,
    rss,
    anon,
    file,
    files: files.length,
    ours: files.filter((path) => /\/packages\/[^/]+\/dist\//.test(path)).length,
    builtins: loadedBuiltins().filter((name) => !builtinsBefore.has(name)),
  }),
);

function loadedBuiltins(): string[] {
  const list = (process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [];
  return list.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
}

/** RssAnon and RssFile from /proc/self/status, in bytes; NaN where there is none. */
function rssParts(): { anon: number; file: number } {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // Not Linux: the row then shows RSS only.
  }
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { anon: kib('RssAnon'), file: kib('RssFile') };
}
