import { execFile } from 'node:child_process';
import type { AwsFault } from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { type Capture, canary, startCapture } from './support/canary.js';
import { startWorld, type World } from './support/world.js';

const CLI = new URL('../../../packages/cli/dist/bin.js', import.meta.url).pathname;

describe('canary keys', () => {
  describe('the check itself', () => {
    it('fails when a key reaches a log line, an error cause, an event or stdout', () => {
      const leaks: Array<(c: Capture, key: string) => void> = [
        (c, key) => c.observer.logger.warn?.(`using ${key}`),
        (c, key) => c.record(new Error('wrapped', { cause: new Error(`bad value ${key}`) })),
        (c, key) => c.observer.onEvent({ type: 'warning', source: 's', time: 0, message: key }),
        // Written with the capture's own hook only: the real stream is swapped for a silent one for this call.
        (_c, key) => silently(() => process.stdout.write(`key=${key}\n`)),
      ];
      for (const leak of leaks) {
        const capture = startCapture();
        try {
          leak(capture, canary.v2());
          expect(() => capture.expectNoCanary()).to.throw(/a key leaked/);
        } finally {
          capture.stop();
        }
      }
    });
  });

  describe('the tokenchain CLI, with its stores failing', () => {
    let world: World;
    let key: string;

    before(async () => {
      world = await startWorld();
      key = canary.v1(world.momento.endpoint);
      world.momento.allowKey(key);
    });
    after(() => world.close());
    afterEach(() => world.aws.clearFaults());

    const cases: ReadonlyArray<readonly [string, AwsFault | undefined, readonly string[], number]> = [
      ['a healthy store, with --ping', undefined, ['--ping'], 0],
      ['Secrets Manager answering with a body that is not JSON', { kind: 'malformed' }, ['--all'], 3],
      ['Secrets Manager throttling', { kind: 'throttle' }, ['--json'], 3],
      ['Secrets Manager denying access', { kind: 'access-denied' }, ['--json', '--all'], 3],
    ];
    for (const [label, fault, flags, exitCode] of cases) {
      it(`prints no key, given ${label} (exit ${exitCode})`, async function () {
        this.timeout(20_000);
        const secretId = world.unique('cli/momento-');
        // The secret holds the key inside JSON, with a broken neighbour in the chain holding a canary as well.
        world.aws.secretsManager.put(secretId, canary.value(JSON.stringify({ apiKey: key })));
        if (fault) world.aws.inject({ ...fault, operation: 'secretsmanager.GetSecretValue' });
        const run = await cli(
          [
            'doctor',
            '--sources',
            `secretsmanager:${secretId}?field=apiKey, env:OTHER_KEY`,
            '--connect',
            world.momento.endpoint,
            '--plaintext',
            '--timeout',
            '5000',
            ...flags,
          ],
          {
            AWS_ENDPOINT_URL: world.aws.url,
            AWS_REGION: world.aws.region,
            AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
            AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
            AWS_MAX_ATTEMPTS: '1',
            OTHER_KEY: canary.malformed(),
          },
        );
        expect(run.code, run.output).to.equal(exitCode);
        const capture = startCapture();
        capture.record(run.output);
        capture.expectNoCanary();
      });
    }
  });
});

function cli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...env }, timeout: 15_000 },
      (_e, stdout, stderr) => resolve({ code: child.exitCode, output: `${stdout}\n${stderr}` }),
    );
  });
}

/** Runs `write` with stdout's real writer swapped for one that drops the text (the capture's hook still sees it). */
function silently(write: () => void): void {
  const stream = process.stdout as unknown as { _write: (chunk: unknown, encoding: unknown, done: () => void) => void };
  const original = stream._write;
  stream._write = (_chunk, _encoding, done) => done();
  try {
    write();
  } finally {
    stream._write = original;
  }
}
