import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** How a function is bundled: CommonJS (`index.js`) or ESM (`index.mjs`), the AWS SDK inside or left to the runtime. */
export interface BundleVariant {
  readonly format: 'cjs' | 'esm';
  /** `@aws-sdk/*` left out, as CDK's NodejsFunction does by default: the runtime's copy is found through NODE_PATH. */
  readonly externalAwsSdk: boolean;
}

export interface BuiltBundle {
  readonly variant: BundleVariant;
  /** The function's folder: the bundle alone, no node_modules. */
  readonly dir: string;
  readonly file: string;
  readonly bytes: number;
}

/** What CDK documents for ESM output: bundled CommonJS code (grpc-js, the AWS SDK) calls require, which ESM lacks. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export function variantName(variant: BundleVariant): string {
  return `${variant.format}-${variant.externalAwsSdk ? 'external-aws-sdk' : 'all-bundled'}`;
}

/**
 * Bundles `entry` (resolved from `consumer`, the project that installed the packed packages) as CDK's NodejsFunction
 * would, minified, for Node 22, into `<functions>/<variant>/`. Rejects with esbuild's messages when the bundle cannot be
 * built.
 */
export async function bundleFunction(
  consumer: string,
  entry: string,
  functions: string,
  variant: BundleVariant,
): Promise<BuiltBundle> {
  const dir = join(functions, variantName(variant));
  await mkdir(dir, { recursive: true });
  const file = join(dir, variant.format === 'esm' ? 'index.mjs' : 'index.js');
  await build({
    absWorkingDir: consumer,
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: variant.format,
    minify: true,
    sourcemap: false,
    logLevel: 'silent',
    external: variant.externalAwsSdk ? ['@aws-sdk/*'] : [],
    ...(variant.format === 'esm' && {
      // CDK's advice for ESM output: prefer packages' ESM entry points, and give bundled CommonJS a require.
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
    }),
  });
  return { variant, dir, file, bytes: (await stat(file)).size };
}
