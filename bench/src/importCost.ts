import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { median } from './measure.js';
import { fmt, type Row, times } from './Row.js';
import { BENCH_DIR, REPO_DIR } from './runInfo.js';

const run = promisify(execFile);
const RUNS = 5;
const PROBE = new URL('./probes/importProbe.js', import.meta.url).pathname;
const OUR_PACKAGES = ['core', 'env', 'file', 'aws-secrets-manager', 'aws-ssm', 'aws-kms', 'momento', 'inversify'];
const SET_PROBE = new URL('./probes/importSet.js', import.meta.url).pathname;
/** What the README's example imports. */
const README_SET = ['@tokenchain/core', '@tokenchain/aws-secrets-manager', '@tokenchain/env', '@tokenchain/momento'];
/** The names the README's example takes from each of them, for the same imports written as CommonJS. */
const README_NAMES: Readonly<Record<string, string>> = {
  '@tokenchain/core': 'chain',
  '@tokenchain/aws-secrets-manager': 'fromSecretsManager',
  '@tokenchain/env': 'fromEnv',
  '@tokenchain/momento': 'createCacheClient',
};
const SET_RUNS = 15;
const SET_TARGET_MS = 8;
const SET_TARGET_MIB = 3;

/**
 * How long `import` of each package takes in a fresh Node process (median of several), next to Powertools' secrets
 * module, and which SDK modules each one loads at import time: core must load none.
 */
export async function importCost(): Promise<Row[]> {
  const powertools = await timeImport('@aws-lambda-powertools/parameters/secrets');
  const sdk = await timeImport('@aws-sdk/client-secrets-manager');
  // The probe must see an SDK where there is one, or "none" below would prove nothing.
  const powertoolsLoads = await sdkLoadedBy('@aws-lambda-powertools/parameters/secrets');
  const rows: Row[] = [];
  for (const name of OUR_PACKAGES) {
    // What `import` of the package reaches: the ESM face of a CommonJS package (index.mjs), else its ESM build (index.js).
    const esm = `${REPO_DIR}packages/${name}/dist/index.mjs`;
    const entry = existsSync(esm) ? esm : `${REPO_DIR}packages/${name}/dist/index.js`;
    if (!existsSync(entry)) {
      rows.push({ section: 'Import cost', subject: `@tokenchain/${name}`, ours: 'not built', peer: '', ratio: '' });
      continue;
    }
    const url = new URL(`file://${entry}`).href;
    const ms = await timeImport(url);
    const loads = await sdkLoadedBy(url);
    const isCore = name === 'core';
    rows.push({
      section: 'Import cost',
      subject: `import @tokenchain/${name}`,
      ours: `${fmt(ms)} ms, SDK modules loaded: ${loads.length === 0 ? 'none' : loads.join(', ')}`,
      peer: `Powertools parameters/secrets: ${fmt(powertools)} ms`,
      ratio: `${times(ms / powertools)} Powertools' time`,
      ...(isCore && { target: 'core loads no SDK', met: loads.length === 0 }),
    });
  }
  rows.push(...(await readmeSet()));
  rows.push({
    section: 'Import cost',
    subject: 'for reference: import @aws-sdk/client-secrets-manager',
    ours: `${fmt(sdk)} ms (what our AWS adapters load on first use)`,
    peer: `the probe sees ${powertoolsLoads.length} SDK packages loaded by Powertools' import`,
    ratio: '',
  });
  return rows;
}

interface SetFigures {
  readonly ms: number;
  readonly rss: number;
  readonly anon: number;
  readonly file: number;
  readonly files: number;
  readonly ours: number;
  readonly builtins: readonly string[];
}

interface SetCost {
  readonly ms: number;
  readonly mib: number;
  readonly anonMib: number;
  readonly fileMib: number;
  readonly empty: SetFigures;
  readonly last: SetFigures;
  readonly alsoEmpty: ReadonlySet<string>;
}

/**
 * What the README's four imports add to a fresh Node process, installed as they are and as one esbuild bundle (what CDK's
 * NodejsFunction and SAM deploy), against the same probe importing nothing.
 */
async function readmeSet(): Promise<Row[]> {
  const installed = await setCost(README_SET);
  const required = await setCost([writeReadmeRequires()]);
  const bundled = await setCost([await bundleReadmeImports()]);
  const mib = (cost: SetCost) =>
    Number.isNaN(cost.anonMib)
      ? `+${fmt(cost.mib)} MiB RSS`
      : `+${fmt(cost.mib)} MiB RSS (+${fmt(cost.anonMib)} anonymous, +${fmt(cost.fileMib)} file-backed)`;
  const publicBuiltins = installed.last.builtins.filter(
    (name) => !installed.alsoEmpty.has(name) && !/^(internal\/|_)/.test(name),
  );
  const empty = `empty process: ${fmt(installed.empty.ms)} ms, ${fmt(installed.empty.rss / 2 ** 20)} MiB RSS`;
  return [
    {
      section: 'Import cost',
      subject: `import ${README_SET.join(' + ')} (the README's imports), over an empty Node process`,
      ours: `+${fmt(installed.ms)} ms, ${mib(installed)} (median of ${SET_RUNS}); ${installed.last.files} CommonJS files (${installed.last.ours} of ours); built-ins loaded: ${publicBuiltins.length === 0 ? 'none' : publicBuiltins.join(', ')}`,
      peer: empty,
      ratio: '',
      target: `<= ${SET_TARGET_MS} ms and <= ${SET_TARGET_MIB} MiB`,
      met: installed.ms <= SET_TARGET_MS && installed.mib <= SET_TARGET_MIB,
    },
    {
      section: 'Import cost',
      subject:
        "same imports as CommonJS, each `require` taking the README's one name (`const { chain } = require('@tokenchain/core')`)",
      ours: `+${fmt(required.ms)} ms, ${mib(required)} (median of ${SET_RUNS})`,
      peer: empty,
      ratio: '',
    },
    {
      section: 'Import cost',
      subject:
        "same imports bundled with esbuild (ESM, the SDKs external), as CDK's NodejsFunction and SAM deploy them",
      ours: `+${fmt(bundled.ms)} ms, ${mib(bundled)} (median of ${SET_RUNS})`,
      peer: empty,
      ratio: '',
      target: `<= ${SET_TARGET_MS} ms and <= ${SET_TARGET_MIB} MiB`,
      met: bundled.ms <= SET_TARGET_MS && bundled.mib <= SET_TARGET_MIB,
    },
  ];
}

/** Medians of alternating runs of the probe importing `specifiers` and importing nothing. */
async function setCost(specifiers: readonly string[]): Promise<SetCost> {
  const probe = async (list: readonly string[]) => {
    const { stdout } = await run(process.execPath, [SET_PROBE, ...list], { cwd: BENCH_DIR });
    return JSON.parse(stdout) as SetFigures;
  };
  const empty: SetFigures[] = [];
  const full: SetFigures[] = [];
  await probe(specifiers);
  for (let i = 0; i < SET_RUNS; i += 1) {
    if (i % 2 === 0) {
      empty.push(await probe([]));
      full.push(await probe(specifiers));
    } else {
      full.push(await probe(specifiers));
      empty.push(await probe([]));
    }
  }
  const added = (pick: (f: SetFigures) => number) => median(full.map(pick)) - median(empty.map(pick));
  return {
    ms: added((f) => f.ms),
    mib: added((f) => f.rss) / 2 ** 20,
    anonMib: added((f) => f.anon) / 2 ** 20,
    fileMib: added((f) => f.file) / 2 ** 20,
    empty: { ...empty[0]!, ms: median(empty.map((f) => f.ms)), rss: median(empty.map((f) => f.rss)) },
    last: full[full.length - 1]!,
    alsoEmpty: new Set(empty[empty.length - 1]?.builtins),
  };
}

/** The README's imports as CommonJS, each `require` destructuring the one name the README takes from it. */
function writeReadmeRequires(): string {
  const file = new URL('./probes/readmeRequires.generated.cjs', import.meta.url).pathname;
  const lines = README_SET.map((specifier) => `const { ${README_NAMES[specifier]} } = require('${specifier}');`);
  writeFileSync(
    file,
    ["// Generated by bench/src/importCost.ts: the README's imports as CommonJS.", ...lines, ''].join('\n'),
  );
  return new URL(`file://${file}`).href;
}

/** The README's imports as one ES module bundle, with the `createRequire` banner docs/bundling.md gives for ESM bundles. */
async function bundleReadmeImports(): Promise<string> {
  const outfile = new URL('./probes/readmeImports.bundle.mjs', import.meta.url).pathname;
  await build({
    stdin: {
      contents: [
        "export { chain } from '@tokenchain/core';",
        "export { fromSecretsManager } from '@tokenchain/aws-secrets-manager';",
        "export { fromEnv } from '@tokenchain/env';",
        "export { createCacheClient } from '@tokenchain/momento';",
      ].join('\n'),
      resolveDir: BENCH_DIR,
      loader: 'js',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@aws-sdk/*', '@gomomento/*'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return new URL(`file://${outfile}`).href;
}

async function timeImport(specifier: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const { stdout } = await run(process.execPath, [PROBE, specifier], { cwd: REPO_DIR });
    samples.push((JSON.parse(stdout) as { ms: number }).ms);
  }
  return median(samples);
}

/** The SDK packages (AWS, Smithy, Momento, gRPC) a fresh process resolved while importing `specifier`. */
export async function sdkLoadedBy(specifier: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [PROBE, specifier, '--loads'], { cwd: REPO_DIR });
  return (JSON.parse(stdout) as { sdk: string[] }).sdk;
}
