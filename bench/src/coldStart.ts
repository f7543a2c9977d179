import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { legacyKey } from '@tokenchain/fakes/keys';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';
import { median } from './measure.js';
import { fmt, type Row, times } from './Row.js';
import { BENCH_DIR, REPO_DIR } from './runInfo.js';
import { startTlsFront, type TlsFront } from './tlsFront.js';

const run = promisify(execFile);
/** Pairs per Node version and latency: ours and the peer back to back, the order alternating. */
const PAIRS = Number(process.env.BENCH_COLD_PAIRS ?? 15);
/** How long Secrets Manager takes to answer, in ms: a far region or a slow day, and a local endpoint. */
const LATENCIES = [40, 0] as const;
const TARGETS: Readonly<Record<(typeof LATENCIES)[number], number>> = { 40: 0.9, 0: 1.0 };
const SECRET_ID = 'Momento_Auth_Token';
const HAND_WRITTEN = new URL('./probes/coldHandWritten.js', import.meta.url).pathname;
const HAND_WRITTEN_CJS = new URL('./probes/coldHandWritten.generated.cjs', import.meta.url).pathname;
const README_PROBE = new URL('./probes/coldReadme.generated.mjs', import.meta.url).pathname;
const README_PROBE_CJS = new URL('./probes/coldReadme.generated.cjs', import.meta.url).pathname;
/** The README's example, as the README writes it: the bench refuses to run anything else under its name. */
const README_SOURCE = "source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),";
const README_FIRST_CALL = "await client.set('cache', 'code', '12345');";

/** What each child prints: times since its process started, and its peak memory. */
interface ColdFigures {
  readonly firstCallMs: number;
  readonly hitMs: number;
  readonly hit: string;
  readonly maxRssKiB: number;
}

/** The README code and the hand-written code, each as an ES module and as CommonJS. */
const CONTENDERS = ['ours', 'esm', 'oursCjs', 'cjs'] as const;
type Contender = (typeof CONTENDERS)[number];

interface NodeBinary {
  readonly label: string;
  readonly path: string;
}

/**
 * Cold start: a fresh process running the README's code exactly as written (`createCacheClient` over
 * `chain(fromSecretsManager(...), fromEnv())`, no `configuration`, no import of the Momento SDK) against one running the
 * seed guide's hand-written code (`GetSecretValue`, then `new CacheClient` with `Laptop.v1()`), both from process start to
 * their first successful call (the README's `set`), with Secrets Manager answering after 40 ms and at once. Both reach the
 * same local fakes the way production code reaches AWS and Momento: the AWS SDK through `AWS_ENDPOINT_URL_SECRETS_MANAGER`,
 * Momento through the endpoints in the key, over TLS. Wall time and peak RSS of each child; the median of the per-pair
 * ratios of 15 alternating pairs, on Node 20, 22 and 24.
 *
 * The target rows run the children in Lambda's environment (`lambdaEnv`), the place the cold start is paid: there
 * the README's code picks Momento's Lambda preset (one channel) and the seed guide's code keeps its `Laptop.v1()` (six).
 * Rows outside Lambda, on the newest Node, show the same code where both open six channels.
 */
export async function coldStart(): Promise<Row[]> {
  writeReadmeProbe();
  writeHandWrittenCommonJs();
  const world = await startColdWorld();
  const rows: Row[] = [];
  try {
    const nodes = nodeBinaries();
    for (const node of nodes) {
      const inLambda = lambdaEnv(world.env, node);
      const rss = Object.fromEntries(CONTENDERS.map((c) => [c, [] as number[]])) as Record<Contender, number[]>;
      // One discarded round: the first run after a build reads every file from disk.
      await round(node, inLambda);
      // In Lambda, on every Node; outside it (a container, a laptop) on the newest Node as well, where our margin is least.
      const places = node === nodes.at(-1) ? (['lambda', 'outside'] as const) : (['lambda'] as const);
      for (const place of places) {
        for (const latency of LATENCIES) {
          world.setLatency(latency);
          const env = place === 'lambda' ? inLambda : world.env;
          const ms = Object.fromEntries(CONTENDERS.map((c) => [c, [] as number[]])) as Record<Contender, number[]>;
          const esmRatios: number[] = [];
          const cjsRatios: number[] = [];
          for (let i = 0; i < PAIRS; i += 1) {
            const result = await round(node, env, i);
            for (const side of CONTENDERS) {
              ms[side].push(result[side].firstCallMs);
              if (place === 'lambda') rss[side].push(result[side].maxRssKiB);
            }
            esmRatios.push(result.ours.firstCallMs / result.esm.firstCallMs);
            cjsRatios.push(result.oursCjs.firstCallMs / result.cjs.firstCallMs);
          }
          const ratio = median(esmRatios);
          const target = TARGETS[latency];
          const answer = latency === 0 ? 'at once' : `after ${latency} ms`;
          rows.push({
            section: 'Cold start',
            subject:
              place === 'lambda'
                ? `${node.label}, in Lambda: process start to first call, Secrets Manager answering ${answer}`
                : `${node.label}, outside Lambda (ours: InRegion.Default, six channels, as the peer's Laptop.v1): same, answering ${answer}`,
            ours: `README code: ${fmt(median(ms.ours))} ms as written (ES module); ${fmt(median(ms.oursCjs))} ms as CommonJS`,
            peer: `hand-written (GetSecretValue, then new CacheClient): ${fmt(median(ms.esm))} ms as an ES module; ${fmt(median(ms.cjs))} ms as CommonJS`,
            ratio: `${times(ratio)} as ES modules; ${times(median(cjsRatios))} as CommonJS (medians of ${PAIRS} rounds' ratios)`,
            target: place === 'lambda' ? `<= ${target}x` : '',
            ...(place === 'lambda' ? { met: ratio <= target } : {}),
          });
        }
      }
      const mib = (side: Contender) => median(rss[side]) / 1024;
      rows.push({
        section: 'Cold start',
        subject: `${node.label}, in Lambda: peak memory (maxRSS) of the same children, median`,
        ours: `${fmt(mib('ours'))} MiB as written; ${fmt(mib('oursCjs'))} MiB as CommonJS`,
        peer: `hand-written: ${fmt(mib('esm'))} MiB as an ES module; ${fmt(mib('cjs'))} MiB as CommonJS`,
        ratio: `${times(mib('ours') / mib('esm'))} as ES modules; ${times(mib('oursCjs') / mib('cjs'))} as CommonJS`,
        target: '<= 1x',
        met: mib('ours') <= mib('esm'),
      });
    }
  } finally {
    await world.close();
  }
  return rows;
}

/** The hand-written code of coldHandWritten.ts as CommonJS (no top-level await there), which Lambda code often is. */
export function writeHandWrittenCommonJs(): void {
  writeFileSync(
    HAND_WRITTEN_CJS,
    `// Generated by bench/src/coldStart.ts: probes/coldHandWritten.ts as CommonJS.
const { GetSecretValueCommand, SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');
const { CacheClient, Configurations, CredentialProvider } = require('@gomomento/sdk');

async function main() {
  const secrets = new SecretsManagerClient({});
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: 'Momento_Auth_Token' }));
  const client = new CacheClient({
    credentialProvider: CredentialProvider.fromString({ apiKey: secret.SecretString ?? '' }),
    configuration: Configurations.Laptop.v1(),
    defaultTtlSeconds: 600,
  });

  await client.set('cache', 'code', '12345');
  const firstCallMs = performance.now();
  const hit = await client.get('cache', 'code');
  const hitMs = performance.now();
  console.log(JSON.stringify({ firstCallMs, hitMs, hit: hit.toString(), maxRssKiB: process.resourceUsage().maxRSS }));
  process.exit(0);
}
main();
`,
  );
}

/** The README's first code example that builds a client, with two timing lines around it, as an ES module. */
export function writeReadmeProbe(): void {
  const readme = readFileSync(`${REPO_DIR}README.md`, 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const code = blocks.find((block) => block.includes('createCacheClient('));
  if (code === undefined) throw new Error('README.md has no example with createCacheClient');
  if (!code.includes(README_SOURCE) || !code.includes('defaultTtlSeconds: 600') || /configuration:/.test(code)) {
    throw new Error(`README.md's example is not the one this part measures (${README_SOURCE} defaultTtlSeconds: 600)`);
  }
  if (/from '@gomomento\/sdk'/.test(code)) throw new Error("README.md's example imports the Momento SDK itself");
  const firstCall = code.includes(README_FIRST_CALL)
    ? code.replace(README_FIRST_CALL, `${README_FIRST_CALL}\nconst __firstCallMs = performance.now();`)
    : `${code}\nconst __firstCallMs = performance.now();`;
  const epilogue = [
    'const __hitMs = performance.now();',
    'console.log(JSON.stringify({ firstCallMs: __firstCallMs, hitMs: __hitMs, hit: String(hit), maxRssKiB: process.resourceUsage().maxRSS }));',
    'process.exit(0);',
  ];
  const header =
    '// Generated by bench/src/coldStart.ts from README.md: the example as written, plus the lines marked __.';
  writeFileSync(README_PROBE, [header, firstCall, ...epilogue, ''].join('\n'));
  // The same code as CommonJS, for the like-for-like comparison with the hand-written CommonJS: each import becomes a
  // require, the rest runs in an async function (CommonJS has no top-level await).
  const imports: string[] = [];
  const body = firstCall.replace(/^import \{([^}]*)\} from '([^']+)';\n/gm, (_, names: string, from: string) => {
    imports.push(`const {${names}} = require('${from}');`);
    return '';
  });
  writeFileSync(
    README_PROBE_CJS,
    [
      '// Generated by bench/src/coldStart.ts from README.md: the example with its imports as requires (CommonJS).',
      ...imports,
      '(async () => {',
      body,
      ...epilogue,
      '})();',
      '',
    ].join('\n'),
  );
}

/**
 * The variables AWS Lambda sets that code can see and the Node runtime's, for a cold start "in Lambda": the function's
 * name (which makes the README's code pick Momento's Lambda preset), version and memory, and the runtime the AWS SDK
 * names in its user agent. Credentials and region stay the fakes'.
 */
function lambdaEnv(env: NodeJS.ProcessEnv, node: NodeBinary): NodeJS.ProcessEnv {
  const major = node.label.replace(/^Node /, '').split('.')[0] ?? '';
  return {
    ...env,
    AWS_LAMBDA_FUNCTION_NAME: 'bench-cold-start',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${major}.x`,
  };
}

interface ColdWorld {
  readonly env: NodeJS.ProcessEnv;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startColdWorld(): Promise<ColdWorld> {
  const aws: AwsFake = await startAwsFake();
  const momento: MomentoFake = await startMomentoFake();
  const front: TlsFront = await startTlsFront({ host: momento.host, port: momento.port });
  // A legacy token names its endpoints itself, so neither side needs an override: both connect where the key says.
  const key = legacyKey({ controlEndpoint: front.endpoint, cacheEndpoint: front.endpoint, id: 'bench-cold' });
  momento.allowKey(key);
  aws.secretsManager.put(SECRET_ID, key);
  const config = aws.clientConfig();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: config.region,
    AWS_ACCESS_KEY_ID: config.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: config.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: config.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: front.caFile,
  };
  return {
    env,
    setLatency(ms) {
      aws.clearFaults();
      if (ms > 0) aws.inject({ kind: 'delay', ms, operation: 'secretsmanager.GetSecretValue' });
    },
    async close() {
      await front.close();
      await momento.close();
      await aws.close();
    },
  };
}

/** One run of each contender, in an order that rotates from one round to the next. */
async function round(node: NodeBinary, env: NodeJS.ProcessEnv, index = 0): Promise<Record<Contender, ColdFigures>> {
  const scripts: Record<Contender, string> = {
    ours: README_PROBE,
    esm: HAND_WRITTEN,
    oursCjs: README_PROBE_CJS,
    cjs: HAND_WRITTEN_CJS,
  };
  const order = [...CONTENDERS.slice(index % 4), ...CONTENDERS.slice(0, index % 4)];
  const out: Partial<Record<Contender, ColdFigures>> = {};
  for (const name of order) out[name] = await child(node, scripts[name], env);
  return out as Record<Contender, ColdFigures>;
}

async function child(node: NodeBinary, script: string, env: NodeJS.ProcessEnv): Promise<ColdFigures> {
  const { stdout } = await run(node.path, [script], { cwd: BENCH_DIR, env, timeout: 60_000 });
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (line === undefined) throw new Error(`${script} printed no figures: ${stdout}`);
  const figures = JSON.parse(line) as ColdFigures;
  if (!figures.hit.startsWith('Hit')) throw new Error(`${script} did not get its value back: ${figures.hit}`);
  return figures;
}

/** This Node, then 22 and 24 from .ci/node.sh (installed into .tools/ on first use). `BENCH_COLD_NODES=20` limits it. */
function nodeBinaries(): NodeBinary[] {
  const wanted = (process.env.BENCH_COLD_NODES ?? '20,22,24').split(',').map((v) => v.trim());
  const current = process.versions.node.split('.')[0] ?? '';
  const binaries: NodeBinary[] = [];
  if (wanted.includes(current)) binaries.push({ label: `Node ${process.versions.node}`, path: process.execPath });
  for (const major of wanted) {
    if (major === current) continue;
    try {
      const bin = execFileSync('sh', [`${REPO_DIR}.ci/node.sh`, major], { encoding: 'utf8' }).trim();
      const path = `${bin}/node`;
      const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim().slice(1);
      binaries.push({ label: `Node ${version}`, path });
    } catch (err) {
      console.error(`bench: no Node ${major} for the cold-start part: ${(err as Error).message}`);
    }
  }
  return binaries;
}
