import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { installConsumer, installRuntimeSdk, type PackedPackage, packAll } from './consumer.js';
import { type NodeRuntime, nodeRuntime } from './nodes.js';
import { FIXTURES, outsideTemp } from './paths.js';

/** The Node majors every run goes through: the machine's own, and the ones Lambda offers. */
export const NODE_MAJORS = [20, 22, 24] as const;
export const LAMBDA_NODE_MAJORS = [22, 24] as const;

/** What the root `before` prepares once for every test: nothing here is rebuilt per test. */
export interface Field {
  /** The temp folder (outside the workspace) that holds everything below. */
  readonly root: string;
  readonly packed: readonly PackedPackage[];
  /** The user's project: the tarballs and the SDKs installed with plain npm. */
  readonly consumer: string;
  /** The AWS SDK as Lambda's runtime has it: a node_modules reached only through NODE_PATH. */
  readonly runtimeNodeModules: string;
  /** The stand-in for Lambda's runtime interface client. */
  readonly runner: string;
  /** Where bundled functions go: a folder with no node_modules anywhere above it. */
  readonly functions: string;
  /** A HOME for the children, with no AWS profile in it. */
  readonly home: string;
  node(major: number): NodeRuntime;
}

let current: Field | undefined;
/** The temp folder of this run, known as soon as it exists, so that a failed preparation is cleaned up too. */
let createdRoot: string | undefined;

/** The prepared field; throws (failing the test with the reason) when the root `before` did not get that far. */
export function field(): Field {
  if (!current) throw new Error('the field was not prepared: see the failure of the root "before all" hook');
  return current;
}

/** Packs, installs and fetches the Node binaries, the independent parts at the same time. Logs how long each took. */
export async function prepareField(log: (line: string) => void): Promise<Field> {
  const root = await mkdtemp(join(outsideTemp(), 'tokenchain-field-'));
  createdRoot = root;
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const value = await work();
    log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return value;
  };
  const home = join(root, 'home');
  const functions = join(root, 'functions');
  const runtime = join(root, 'runtime');
  await Promise.all([mkdir(home), mkdir(functions), mkdir(runtime)]);
  const runner = join(runtime, 'runner.cjs');
  await copyFile(join(FIXTURES, 'lambda', 'runner.cjs'), runner);

  const consumer = join(root, 'consumer');
  // One Promise.all over the independent parts: whichever fails first fails the hook, and no rejection goes unhandled.
  const [nodes, runtimeNodeModules, packed] = await Promise.all([
    Promise.all(NODE_MAJORS.map((major) => timed(`Node ${major}`, () => nodeRuntime(major)))),
    timed('npm install of the runtime AWS SDK (NODE_PATH)', () => installRuntimeSdk(join(root, 'runtime-sdk'))),
    (async () => {
      const tarballs = await timed('pnpm pack', () => packAll(join(root, 'tarballs')));
      await timed('npm install of the tarballs and SDKs', () => installConsumer(consumer, tarballs));
      return tarballs;
    })(),
  ]);
  const byMajor = new Map(nodes.map((n) => [n.major, n]));
  current = {
    root,
    packed,
    consumer,
    runtimeNodeModules,
    runner,
    functions,
    home,
    node(major) {
      const runtimeOf = byMajor.get(major);
      if (!runtimeOf) throw new Error(`Node ${major} was not prepared (prepared: ${[...byMajor.keys()].join(', ')})`);
      return runtimeOf;
    },
  };
  return current;
}

/** Removes the temp folder, unless TOKENCHAIN_FIELD_KEEP is set (then says where it is). */
export async function disposeField(log: (line: string) => void): Promise<void> {
  const root = createdRoot;
  current = undefined;
  createdRoot = undefined;
  if (root === undefined) return;
  if (process.env.TOKENCHAIN_FIELD_KEEP) log(`kept ${root}`);
  else await rm(root, { recursive: true, force: true });
}
