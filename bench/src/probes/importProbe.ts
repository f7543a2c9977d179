// Run in a fresh process by importCost.ts: `node importProbe.js <module URL or specifier> [--loads]`.
// Prints one JSON line: how long the import took, and with --loads which SDK modules it pulled in.
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const [target, flag] = process.argv.slice(2);
if (target === undefined) throw new Error('usage: importProbe <module> [--loads]');

if (flag === '--loads') {
  // The hooks run on their own thread and see every module an import resolves.
  const { port1, port2 } = new MessageChannel();
  register(new URL('./recordLoads.js', import.meta.url), { data: { port: port2 }, transferList: [port2] });
  await import(target);
  port1.postMessage('report');
  const urls = await new Promise<string[]>((resolve) => port1.once('message', resolve));
  port1.close();
  // CommonJS modules required by CommonJS modules bypass the hooks in Node 20; they all land in the require cache.
  const required = Object.keys(createRequire(import.meta.url).cache);
  const sdk = [...urls, ...required].filter((url) => /\/(@aws-sdk|@smithy|@gomomento|@grpc)\//.test(url));
  console.log(JSON.stringify({ modules: urls.length + required.length, sdk: [...new Set(sdk.map(packageOf))].sort() }));
} else {
  const started = performance.now();
  await import(target);
  console.log(JSON.stringify({ ms: performance.now() - started }));
}

function packageOf(url: string): string {
  return /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? url;
}
