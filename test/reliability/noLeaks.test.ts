import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { canary } from './support/canary.js';
import { KMS_CONTEXT, startWorld, type World } from './support/world.js';

const CLOSE_CHILD = new URL('./children/closeEverything.js', import.meta.url).pathname;
const SOAK_CHILD = new URL('./children/soak.js', import.meta.url).pathname;
/** How long the child may take to build, use, close and then exit on its own. */
const EXIT_BOUND_MS = 20_000;
/** Heap growth that is not a leak: the engine's own caches and lazily compiled code. A leak per cycle would be far above. */
const FLAT_HEAP_BYTES = 8 * 1024 * 1024;

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a child of this suite and waits for it to exit by itself; kills it after `boundMs`. */
function runChild(args: readonly string[], boundMs: number, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  const started = performance.now();
  const options = { timeout: boundMs, killSignal: 'SIGKILL' as const, env: { ...process.env, ...env } };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, args, options, (error, stdout, stderr) =>
      resolve({
        code: child.exitCode,
        signal: child.signalCode ?? (error && 'signal' in error ? (error.signal as NodeJS.Signals | null) : null),
        stdout,
        stderr,
        ms: performance.now() - started,
      }),
    );
  });
}

describe('no leaks', () => {
  describe('having built every source and client against the fakes, used them and closed them', () => {
    let world: World;
    before(async () => {
      world = await startWorld();
    });
    after(() => world.close());

    it('the process exits on its own while the fakes stay up, with nothing left keeping it alive', async function () {
      this.timeout(EXIT_BOUND_MS + 5000);
      const key = canary.v1(world.momento.endpoint);
      world.momento.allowKey(key);
      world.aws.secretsManager.put('leaks/momento', key);
      world.aws.ssm.put('/leaks/momento', key, { type: 'SecureString' });
      const keyFile = join(world.dir, 'leaks-key');
      writeFileSync(keyFile, key, { mode: 0o600 });
      const result = await runChild([CLOSE_CHILD], EXIT_BOUND_MS, {
        RELIABILITY_AWS_CLIENT_CONFIG: JSON.stringify(world.aws.clientConfig()),
        RELIABILITY_MOMENTO_ENDPOINTS: JSON.stringify(world.momento.endpointOverrides()),
        RELIABILITY_SECRET_ID: 'leaks/momento',
        RELIABILITY_PARAMETER: '/leaks/momento',
        RELIABILITY_KEY_FILE: keyFile,
        RELIABILITY_ENCRYPTED_KEY: world.aws.kms.encrypt(world.kmsKeyId, key, KMS_CONTEXT),
      });
      expect(result.signal, `killed after ${EXIT_BOUND_MS} ms; still open: ${result.stderr}`).to.equal(null);
      expect(result.code, result.stderr).to.equal(0);
      expect(JSON.parse(result.stdout.trim())).to.deep.equal({ closed: true, received: 1 });
      expect(result.stderr).not.to.include('still open after close');
      expect(result.stdout + result.stderr, 'the child printed a key').not.to.include(key);
    });
  });

  describe('having soaked a cache through 2,000 refreshes and a client through 30 key rotations', () => {
    it('keeps the heap flat and fails no call', async function () {
      this.timeout(60_000);
      const result = await runChild(['--expose-gc', SOAK_CHILD, '2000', '30'], 55_000);
      expect(result.code, result.stderr).to.equal(0);
      const soak = JSON.parse(result.stdout.trim()) as Record<string, number>;
      expect(soak.failed, 'calls failed across rotations').to.equal(0);
      expect(soak.events, 'every call was a refresh').to.be.at.least(2000);
      expect(soak.cacheGrowth, 'heap growth over the refreshes, bytes').to.be.below(FLAT_HEAP_BYTES);
      expect(soak.clientGrowth, 'heap growth over the rotations, bytes').to.be.below(FLAT_HEAP_BYTES);
    });
  });
});
