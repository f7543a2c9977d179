// docs/ja/bundling.md の CDK のコードの日本語版: コメントだけを日本語にしたもので、コードは bundling.cdk.mts と同じです (docsSync.test.ts が
// コメントを除いて比べます)。CI で型検査されます。
// aws-cdk-lib はこのリポジトリの依存関係ではないため、例が使う型をこの宣言で代用します。
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
        format: OutputFormat.ESM, // CommonJS なら省略します (mainFields も banner も不要)
        mainFields: ['module', 'main'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        minify: true,
        // externalModules の既定値は ['@aws-sdk/*'] (ランタイムの SDK)。[] にすると SDK もバンドルします。
      },
    });
  }
}
