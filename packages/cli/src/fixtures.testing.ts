// Helpers for this package's tests (no tests of its own): the BUILT binary, run as a subprocess.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DoctorReport } from './DoctorReport.js';

export const BIN = join(__dirname, 'bin.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr together: what a user sees, and what the no-key tests search. */
  readonly output: string;
}

/**
 * Runs `node dist/bin.js ...args` with only the variables given (plus PATH and AWS settings that keep the SDK local), so
 * nothing from the developer's own environment (a real MOMENTO_API_KEY) can change a test.
 */
export function runTokenchain(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  options: { readonly cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? __dirname,
        env: {
          PATH: process.env.PATH,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          ...env,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/**
 * Runs `tokenchain doctor --json ...args` (see {@link runTokenchain}). `report` is stdout parsed, which must be exactly one
 * JSON object, the promise `--json` makes to scripts: a second object or a stray line would not parse.
 */
export async function doctorJson(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<{ readonly run: Run; readonly report: DoctorReport }> {
  const run = await runTokenchain(['doctor', '--json', ...args], env);
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch (err) {
    throw new Error(`doctor --json printed something other than one JSON value:\n${run.output}`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`doctor --json printed a JSON value that is not an object:\n${run.output}`);
  }
  return { run, report: parsed as DoctorReport };
}

/** AWS SDK settings for the fake: its endpoint through AWS_ENDPOINT_URL, as a user would point the CLI at LocalStack. */
export function awsEnv(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
  };
}

/** Writes an ES module to a temporary directory, for `--import`; it imports core by absolute URL. */
export async function writeModule(name: string, body: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenchain-cli-'));
  const entry = (...path: string[]) =>
    JSON.stringify(pathToFileURL(join(__dirname, '..', '..', 'core', 'dist', ...path)).href);
  const path = join(dir, name);
  // One `core` namespace for the fixture, whichever entry point (root, /config, /source-kit) a name now lives in.
  const imports = [
    `import * as root from ${entry('index.mjs')};`,
    `import * as config from ${entry('config', 'index.mjs')};`,
    `import * as kit from ${entry('source-kit', 'index.mjs')};`,
    'const core = { ...root, ...config, ...kit };',
  ];
  await writeFile(path, `${imports.join('\n')}\n${body}\n`);
  return path;
}
