import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);

/** How many AWS SDK modules are loaded after the child imports `specifier`. */
async function sdkModulesAfterImporting(specifier: string): Promise<number> {
  const script = [
    "import { createRequire } from 'node:module';",
    `await import(${JSON.stringify(specifier)});`,
    'const cache = createRequire(import.meta.url).cache;',
    "process.stdout.write(String(Object.keys(cache).filter((k) => k.includes('@aws-sdk')).length));",
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: __dirname,
  });
  return Number(stdout);
}

describe('@tokenchain/aws-ssm', () => {
  describe('when imported', () => {
    it('does not load the AWS SDK (it is imported on first use)', async () => {
      expect(await sdkModulesAfterImporting(pathToFileURL(join(__dirname, 'index.mjs')).href)).to.equal(0);
      // The probe sees the SDK when it is loaded, so the zero above means something.
      expect(await sdkModulesAfterImporting('@aws-sdk/client-ssm')).to.be.above(0);
    });
  });
});
