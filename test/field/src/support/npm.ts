import { NPM_CACHE } from './paths.js';
import { runOk } from './run.js';

const INSTALL_TIMEOUT_MS = 6 * 60_000;

/**
 * This process's environment without what pnpm and turbo add for their scripts (`npm_config_*`, `npm_package_*`...), so
 * that a child `npm` behaves as in a user's shell, not as a script of the workspace.
 */
export function plainEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'NODE_OPTIONS' && name !== 'NODE_PATH' && name !== 'INIT_CWD')
      env[name] = value;
  }
  return { ...env, ...extra };
}

/** `npm install` in `dir` as a user runs it (no pnpm, no workspace), served from the field tests' npm cache when it can. */
export async function npmInstall(dir: string): Promise<void> {
  await runOk(
    'npm',
    ['install', '--no-fund', '--no-audit', '--loglevel=error', '--prefer-offline', '--cache', NPM_CACHE],
    { cwd: dir, env: plainEnv(), timeoutMs: INSTALL_TIMEOUT_MS },
  );
}
