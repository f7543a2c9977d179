import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Where and on what the bench ran. */
export interface RunInfo {
  readonly date: string;
  readonly cpu: string;
  readonly cpuCount: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly commit: string;
  readonly versions: Readonly<Record<string, string>>;
}

/** The bench package's folder (bench/), from bench/dist/runInfo.js. */
export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The repository root. */
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));

const MEASURED_PACKAGES = [
  '@tokenchain/core',
  '@tokenchain/aws-secrets-manager',
  '@tokenchain/momento',
  '@aws-lambda-powertools/parameters',
  '@aws-sdk/client-secrets-manager',
  '@gomomento/sdk',
  'tinybench',
];

export function runInfo(): RunInfo {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCount: cpuList.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: gitCommit(),
    versions: Object.fromEntries(MEASURED_PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}

/** The version of a package as installed for the bench (pnpm links each dependency under bench/node_modules). */
export function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(`${BENCH_DIR}node_modules/${name}/package.json`, 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO_DIR,
      encoding: 'utf8',
    }).trim();
    return dirty.length > 0 ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}
