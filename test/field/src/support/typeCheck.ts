import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FIXTURES, readmeExample } from './paths.js';
import { describeRun, type RunResult, run } from './run.js';

/** How a user's project may resolve the packages: Node's own rules (as ESM or as CommonJS) or a bundler's. */
export type Resolution = 'node16-esm' | 'node16-cjs' | 'bundler';

const TSC_TIMEOUT_MS = 3 * 60_000;

const VARIANTS: Readonly<
  Record<Resolution, { readonly ext: string; readonly module: string; readonly moduleResolution: string }>
> = {
  // In a package without "type", .mts is an ES module and .cts a CommonJS one, whatever the rest of the project is.
  'node16-esm': { ext: '.mts', module: 'node16', moduleResolution: 'node16' },
  'node16-cjs': { ext: '.cts', module: 'node16', moduleResolution: 'node16' },
  bundler: { ext: '.ts', module: 'esnext', moduleResolution: 'bundler' },
};

/**
 * Type-checks the README's example (read from the repository now, so it cannot drift) in the consumer project with the
 * workspace's TypeScript, under one resolution. With `bundler`, the Lambda handler that the bundling tests build is
 * checked too. Library types are checked (no skipLibCheck): a broken .d.ts or .d.mts of a package fails here.
 */
export async function typeCheck(consumer: string, resolution: Resolution): Promise<{ ok: boolean; story: string }> {
  const variant = VARIANTS[resolution];
  const dir = join(consumer, 'typecheck', resolution);
  await mkdir(dir, { recursive: true });
  const files = [`readme.example${variant.ext}`];
  await copyFile(readmeExample(), join(dir, files[0]!));
  if (resolution === 'bundler') {
    await copyFile(join(FIXTURES, 'lambda', 'handler.ts'), join(dir, 'handler.ts'));
    files.push('handler.ts');
  }
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      lib: ['ES2023'],
      types: ['node'],
      module: variant.module,
      moduleResolution: variant.moduleResolution,
      skipLibCheck: false,
    },
    files,
  };
  await writeFile(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const result = await run(process.execPath, [tscPath(), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: dir,
    env: { PATH: process.env.PATH },
    timeoutMs: TSC_TIMEOUT_MS,
  });
  const ok = result.code === 0 && !result.timedOut;
  return { ok, story: ok ? `${result.command} passed` : describeRun(result, likelyCause(result)) };
}

function tscPath(): string {
  // The workspace's own TypeScript (this package pins it), not whatever tsc is on PATH.
  return join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
}

function likelyCause(result: RunResult): string | undefined {
  const output = result.stdout;
  if (/TS1479|TS1471/.test(output)) {
    return 'a CommonJS file cannot import the package: its exports have no "require" types (.d.ts) for a CommonJS build';
  }
  if (/TS2307|TS2792/.test(output))
    return 'a package or its types were not found under this resolution (check "exports" and "types")';
  if (/node_modules[\\/]@tokenchain/.test(output)) return "an error inside a package's published .d.ts/.d.mts files";
  return undefined;
}
