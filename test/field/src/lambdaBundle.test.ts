import { join } from 'node:path';
import { expect } from 'chai';
import { type BuiltBundle, type BundleVariant, bundleFunction, variantName } from './support/bundle.js';
import { expectFinished, expectOneKeyFetch } from './support/expectations.js';
import { field, LAMBDA_NODE_MAJORS } from './support/field.js';
import { FIXTURES, nodeModulesAbove } from './support/paths.js';
import { runScript } from './support/script.js';
import { type FieldWorld, startFieldWorld } from './support/world.js';

const RUN_TIMEOUT_MS = 60_000;

const VARIANTS: readonly BundleVariant[] = [
  { format: 'cjs', externalAwsSdk: false },
  { format: 'cjs', externalAwsSdk: true },
  { format: 'esm', externalAwsSdk: false },
  { format: 'esm', externalAwsSdk: true },
];

const HANDLERS = [
  { name: 'handler', title: 'the chain handler' },
  { name: 'configHandler', title: 'the configuration-string handler' },
] as const;

interface InvocationResult {
  readonly set: string;
  readonly value: string;
}

const sizes: string[] = [];

describe('a Lambda function bundled with esbuild as CDK NodejsFunction does, run from a folder without node_modules', () => {
  let world: FieldWorld;

  beforeEach(async () => {
    world = await startFieldWorld();
  });

  afterEach(() => world.close());

  after(() => {
    if (sizes.length > 0)
      console.log(`      [field] minified bundle sizes:\n${sizes.map((s) => `        ${s}`).join('\n')}`);
  });

  for (const variant of VARIANTS) {
    const name = variantName(variant);
    describe(`${name} (${describeVariant(variant)})`, () => {
      let bundle: BuiltBundle | undefined;
      const built = (): BuiltBundle => {
        if (!bundle) throw new Error(`the ${name} bundle was not built: see the failure of "bundles"`);
        return bundle;
      };

      it('bundles', async () => {
        const { consumer, functions } = field();
        bundle = await bundleFunction(consumer, join(FIXTURES, 'lambda', 'handler.ts'), functions, variant);
        sizes.push(`${name}: ${(bundle.bytes / 1024).toFixed(1)} KiB`);
        console.log(`      [field] ${name}: ${bundle.bytes} bytes minified`);
        expect(nodeModulesAbove(bundle.dir), 'node_modules folders the function could resolve from').to.deep.equal([]);
      });

      for (const major of LAMBDA_NODE_MAJORS) {
        for (const handler of HANDLERS) {
          it(`on Node ${major}: ${title(handler.title)} sets and gets a hit twice, one GetSecretValue`, async () => {
            const { home, node, runner, runtimeNodeModules } = field();
            const { dir, file } = built();
            const outcome = await runScript(node(major).bin, [runner, file, handler.name], {
              cwd: dir,
              env: world.childEnv(home, variant.externalAwsSdk ? { NODE_PATH: runtimeNodeModules } : {}),
              timeoutMs: RUN_TIMEOUT_MS,
            });
            expectFinished(outcome);
            const { results } = outcome.report as { readonly results: readonly InvocationResult[] };
            expect(
              results.map((r) => r.value),
              outcome.story,
            ).to.deep.equal(['value-of-first', 'value-of-second']);
            expectOneKeyFetch(world, 2, outcome.story);
          });
        }
      }
    });
  }
});

function describeVariant(variant: BundleVariant): string {
  const format = variant.format === 'esm' ? 'ESM index.mjs with the createRequire banner' : 'CommonJS index.js';
  const sdk = variant.externalAwsSdk ? '@aws-sdk/* external, from NODE_PATH' : 'everything bundled, no NODE_PATH';
  return `${format}, ${sdk}`;
}

function title(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
