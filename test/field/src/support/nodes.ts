import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { plainEnv } from './npm.js';
import { NPM_CACHE, TOOLS } from './paths.js';
import { run, runOk } from './run.js';

/** A Node.js binary the field tests run scripts with. */
export interface NodeRuntime {
  readonly major: number;
  /** e.g. `v22.23.5`. */
  readonly version: string;
  readonly bin: string;
}

const INSTALL_TIMEOUT_MS = 5 * 60_000;
const VERSION_TIMEOUT_MS = 30_000;

/**
 * The Node.js of a major version: this process's own when it is that major, else the `node-<platform>-<arch>` package of
 * the npm registry, installed once into `.tools/node-<major>` and reused by every later run.
 */
export async function nodeRuntime(major: number): Promise<NodeRuntime> {
  if (Number(process.versions.node.split('.')[0]) === major) {
    return { major, version: process.version, bin: process.execPath };
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(TOOLS, `node-${major}`);
  const bin = join(prefix, 'node_modules', pkg, 'bin', 'node');
  let version = existsSync(bin) ? await versionOf(bin) : undefined;
  if (!version?.startsWith(`v${major}.`)) {
    await runOk(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-fund',
        '--no-audit',
        '--loglevel=error',
        '--prefer-offline',
        '--cache',
        NPM_CACHE,
        '--prefix',
        prefix,
        `${pkg}@${major}`,
      ],
      { cwd: TOOLS, env: plainEnv(), timeoutMs: INSTALL_TIMEOUT_MS },
    );
    version = await versionOf(bin);
  }
  if (!version?.startsWith(`v${major}.`)) {
    throw new Error(
      `${bin} should be Node ${major} after installing ${pkg}@${major}, but reports ${version ?? 'nothing'}`,
    );
  }
  return { major, version, bin };
}

async function versionOf(bin: string): Promise<string | undefined> {
  const result = await run(bin, ['--version'], { cwd: TOOLS, env: {}, timeoutMs: VERSION_TIMEOUT_MS });
  return result.code === 0 ? result.stdout.trim() : undefined;
}
