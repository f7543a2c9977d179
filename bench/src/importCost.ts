import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
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
  rows.push(await readmeSet());
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
  readonly files: number;
  readonly ours: number;
  readonly builtins: readonly string[];
}

/**
 * What the README's four imports add to a fresh Node process: time from process start to after the imports and RSS then,
 * against the same probe importing nothing, medians of alternating runs; and what got loaded.
 */
async function readmeSet(): Promise<Row> {
  const probe = async (specifiers: readonly string[]) => {
    const { stdout } = await run(process.execPath, [SET_PROBE, ...specifiers], { cwd: BENCH_DIR });
    return JSON.parse(stdout) as SetFigures;
  };
  const empty: SetFigures[] = [];
  const full: SetFigures[] = [];
  await probe(README_SET);
  for (let i = 0; i < SET_RUNS; i += 1) {
    if (i % 2 === 0) {
      empty.push(await probe([]));
      full.push(await probe(README_SET));
    } else {
      full.push(await probe(README_SET));
      empty.push(await probe([]));
    }
  }
  const addedMs = median(full.map((f) => f.ms)) - median(empty.map((f) => f.ms));
  const addedMiB = (median(full.map((f) => f.rss)) - median(empty.map((f) => f.rss))) / 2 ** 20;
  const last = full[full.length - 1]!;
  const alsoEmpty = new Set(empty[empty.length - 1]?.builtins);
  const publicBuiltins = last.builtins.filter((name) => !alsoEmpty.has(name) && !/^(internal\/|_)/.test(name));
  return {
    section: 'Import cost',
    subject: `import ${README_SET.join(' + ')} (the README's imports), over an empty Node process`,
    ours: `+${fmt(addedMs)} ms, +${fmt(addedMiB)} MiB RSS (median of ${SET_RUNS}); ${last.files} CommonJS files (${last.ours} of ours); built-ins loaded: ${publicBuiltins.length === 0 ? 'none' : publicBuiltins.join(', ')}`,
    peer: `empty process: ${fmt(median(empty.map((f) => f.ms)))} ms, ${fmt(median(empty.map((f) => f.rss)) / 2 ** 20)} MiB RSS`,
    ratio: '',
    target: `<= ${SET_TARGET_MS} ms and <= ${SET_TARGET_MIB} MiB`,
    met: addedMs <= SET_TARGET_MS && addedMiB <= SET_TARGET_MIB,
  };
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
