import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { median } from './measure.js';
import { fmt, type Row, times } from './Row.js';
import { REPO_DIR } from './runInfo.js';

const run = promisify(execFile);
const RUNS = 5;
const PROBE = new URL('./probes/importProbe.js', import.meta.url).pathname;
const OUR_PACKAGES = ['core', 'env', 'file', 'aws-secrets-manager', 'aws-ssm', 'aws-kms', 'momento', 'inversify'];

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
    const entry = `${REPO_DIR}packages/${name}/dist/index.js`;
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
  rows.push({
    section: 'Import cost',
    subject: 'for reference: import @aws-sdk/client-secrets-manager',
    ours: `${fmt(sdk)} ms (what our AWS adapters load on first use)`,
    peer: `the probe sees ${powertoolsLoads.length} SDK packages loaded by Powertools' import`,
    ratio: '',
  });
  return rows;
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
