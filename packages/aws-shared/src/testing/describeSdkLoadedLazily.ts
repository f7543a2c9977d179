import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mochaHooks } from './mochaHooks.js';

const run = promisify(execFile);

/** What a lazily loading adapter is imported as, and the SDK it must not load until first use. */
export interface LazySdkCase {
  /** The package, as the suite's title names it. */
  readonly packageName: string;
  /** A file URL of the package's built ES entry. */
  readonly entry: string;
  /** The SDK package, e.g. `@aws-sdk/client-ssm`, resolved from `cwd`. */
  readonly sdk: string;
  /** The directory the probe runs in (the adapter's own, where its SDK is installed). */
  readonly cwd: string;
}

/** How many AWS SDK modules are loaded after a fresh Node process imports `specifier`. */
async function sdkModulesAfterImporting(specifier: string, cwd: string): Promise<number> {
  const script = [
    "import { createRequire } from 'node:module';",
    `await import(${JSON.stringify(specifier)});`,
    'const cache = createRequire(import.meta.url).cache;',
    "process.stdout.write(String(Object.keys(cache).filter((k) => k.includes('@aws-sdk')).length));",
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd });
  return Number(stdout);
}

/** Importing the adapter must cost no AWS SDK: it is loaded inside the first call that needs it. */
export function describeSdkLoadedLazily({ packageName, entry, sdk, cwd }: LazySdkCase): void {
  const { describe, it } = mochaHooks();
  describe(packageName, () => {
    describe('when imported', () => {
      it('does not load the AWS SDK (it is imported on first use)', async () => {
        assert.equal(await sdkModulesAfterImporting(entry, cwd), 0);
        // The probe sees the SDK when it is loaded, so the zero above means something.
        assert.ok((await sdkModulesAfterImporting(sdk, cwd)) > 0, `${sdk} did not show as loaded`);
      });
    });
  });
}
