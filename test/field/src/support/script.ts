import { describeRun, type RunOptions, type RunResult, run } from './run.js';

const RESULT_PREFIX = 'FIELD_RESULT ';

/** How a fixture script ended, and the JSON it printed on its `FIELD_RESULT` line, if any. */
export interface ScriptOutcome {
  readonly run: RunResult;
  readonly report: unknown;
  /** The run described for an assertion message, with the likely cause when the output shows a known one. */
  readonly story: string;
}

export async function runScript(node: string, args: readonly string[], options: RunOptions): Promise<ScriptOutcome> {
  const result = await run(node, args, options);
  const line = result.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(RESULT_PREFIX));
  const report: unknown = line === undefined ? undefined : JSON.parse(line.slice(RESULT_PREFIX.length));
  const ok = result.code === 0 && !result.timedOut && report !== undefined;
  return { run: result, report, story: ok ? `${result.command} ran` : describeRun(result, likelyCause(result)) };
}

/** Known ways the field runs fail, in words that say what to fix. */
const CAUSES: readonly { readonly test: RegExp; readonly cause: string }[] = [
  {
    test: /ERR_REQUIRE_ESM|ERR_REQUIRE_ASYNC_MODULE|require\(\) of ES Module/,
    cause:
      'require() reached an ES module: a package has no CommonJS build (its exports lack a "require" condition with a .js implementation)',
  },
  {
    test: /ERR_PACKAGE_PATH_NOT_EXPORTED|No "exports" main defined/,
    cause: 'a package\'s "exports" has no entry for this condition (import/require)',
  },
  {
    test: /must be a file URL object, file URL string, or absolute path string. Received undefined|import\.meta/,
    cause:
      'createRequire(import.meta.url) ran in CommonJS output, where esbuild empties import.meta: load the SDK with a literal require() instead',
  },
  {
    test: /(@gomomento\/sdk|@aws-sdk\/[\w-]+) could not be loaded|Cannot find (module|package) '(@gomomento\/sdk|@aws-sdk\/[\w-]+)'/,
    cause:
      'an SDK was not in the bundle and not on NODE_PATH: it is loaded with createRequire()/import() of a non-literal or ESM specifier that esbuild does not follow, or import() (which ignores NODE_PATH)',
  },
  {
    test: /Dynamic require of "[^"]+" is not supported/,
    cause: 'an ESM bundle reached require() without the createRequire banner',
  },
  {
    test: /unknown scheme|is not installed|INVALID_CONFIGURATION/,
    cause:
      'the configuration string could not load its schemes: fromConfig(..., { schemes }) must use the definitions passed and import nothing',
  },
];

function likelyCause(result: RunResult): string | undefined {
  if (result.timedOut)
    return 'the process did not end by itself: something (a socket, a timer) is still holding it open';
  const output = `${result.stderr}\n${result.stdout}`;
  return CAUSES.find((c) => c.test.test(output))?.cause;
}
