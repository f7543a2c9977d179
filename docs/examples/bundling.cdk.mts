// A code block of docs/bundling.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
// aws-cdk-lib is not a dependency of this repository: these declarations stand in for the types the snippet uses.
declare class NodejsFunction {
  constructor(
    scope: unknown,
    id: string,
    props: {
      entry: string;
      runtime: unknown;
      bundling?: {
        format?: unknown;
        mainFields?: string[];
        banner?: string;
        minify?: boolean;
        externalModules?: string[];
      };
    },
  );
}
declare const Runtime: { readonly NODEJS_22_X: unknown };
declare const OutputFormat: { readonly ESM: unknown; readonly CJS: unknown };

export class Stack {
  constructor() {
    new NodejsFunction(this, 'CacheFunction', {
      entry: 'src/handler.ts',
      runtime: Runtime.NODEJS_22_X,
      bundling: {
        format: OutputFormat.ESM, // or leave out for CommonJS, which needs neither mainFields nor banner
        mainFields: ['module', 'main'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        minify: true,
        // externalModules defaults to ['@aws-sdk/*'] (the runtime's SDK); [] bundles it.
      },
    });
  }
}
