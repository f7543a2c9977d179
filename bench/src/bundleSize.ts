import { build, type Metafile } from 'esbuild';
import { fmt, type Row, times } from './Row.js';

const OURS = new URL('./lambda/readmeLambda.js', import.meta.url).pathname;
const PEER = new URL('./lambda/handWrittenLambda.js', import.meta.url).pathname;

/**
 * The deployed size of a Lambda function: the Lambda handler of docs/lambda.md and the hand-written equivalent, each bundled with
 * esbuild as CDK's NodejsFunction does (minified, CommonJS, platform node, `@aws-sdk/*` left out since the runtime has it).
 * The Momento SDK is in both bundles; the row also says how many bytes of ours come from tokenchain itself.
 */
export async function bundleSize(): Promise<Row[]> {
  const ours = await bundle(OURS);
  const peer = await bundle(PEER);
  return [
    {
      section: 'Bundle size',
      subject: "docs/lambda.md's handler, esbuild --bundle --minify (CommonJS, node20, @aws-sdk/* external)",
      ours: `${kib(ours.bytes)} KiB, of which tokenchain ${kib(ours.tokenchain)} KiB`,
      peer: `hand-written (GetSecretValue, then new CacheClient): ${kib(peer.bytes)} KiB`,
      ratio: `${times(ours.bytes / peer.bytes)} the hand-written bundle (+${kib(ours.bytes - peer.bytes)} KiB)`,
    },
  ];
}

async function bundle(entry: string): Promise<{ bytes: number; tokenchain: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['@aws-sdk/*'],
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
  return { bytes, tokenchain: tokenchainBytes(result.metafile) };
}

function tokenchainBytes(metafile: Metafile): number {
  let total = 0;
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      if (/(^|\/)packages\/[^/]+\/dist\//.test(path)) total += input.bytesInOutput;
    }
  }
  return total;
}

function kib(bytes: number): string {
  return fmt(bytes / 1024);
}
