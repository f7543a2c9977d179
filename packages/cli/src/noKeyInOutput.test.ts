import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { v1Key, v2Key, wireKeyOfV1 } from '@tokenchain/fakes/keys';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';
import { expect } from 'chai';
import { awsEnv, type Run, runTokenchain, writeModule } from './fixtures.testing.js';

/**
 * The promise that matters most: whatever the mode and however it ends, nothing the CLI prints contains a key. Each case
 * runs the built binary and searches all of its output, stdout and stderr, for the key and for the part of it that
 * travels alone (a v1 key's inner api_key).
 */
describe('tokenchain never prints a key', () => {
  let aws: AwsFake;
  let momento: MomentoFake;
  const v2 = v2Key();
  const rejected = v2Key();
  let v1: string;
  let forbidden: string[];

  before(async () => {
    aws = await startAwsFake();
    momento = await startMomentoFake({ keys: [v2] });
    v1 = v1Key({ endpoint: momento.endpoint });
    momento.allowKey(v1);
    aws.secretsManager.put('momento', JSON.stringify({ apiKey: v1, endpoint: 'ignored.example.test' }));
    aws.secretsManager.put('plain', v2);
    forbidden = [v2, rejected, v1, wireKeyOfV1(v1)];
  });

  after(async () => {
    await aws.close();
    await momento.close();
  });

  function expectNoKey(run: Run): void {
    for (const key of forbidden)
      expect(run.output.includes(key), `output contains a key:\n${run.output}`).to.equal(false);
  }

  const env = () => ({
    ...awsEnv(aws.url),
    MOMENTO_API_KEY: v2,
    OTHER_KEY: rejected,
    MOMENTO_ENDPOINT: 'x.example.test',
  });
  const spec = () => 'secretsmanager:absent, secretsmanager:momento?field=apiKey, env:MOMENTO_API_KEY, env:OTHER_KEY';
  const connect = () => ['--connect', momento.endpoint, '--plaintext'];

  const modes: ReadonlyArray<readonly [string, () => string[], number]> = [
    ['text', () => ['doctor', '--sources', spec()], 0],
    ['--all', () => ['doctor', '--all', '--sources', spec()], 0],
    ['--json --all', () => ['doctor', '--json', '--all', '--sources', spec()], 0],
    ['--ping, accepted', () => ['doctor', '--ping', ...connect(), '--sources', spec()], 0],
    ['--ping --json, accepted', () => ['doctor', '--ping', '--json', ...connect()], 0],
    ['--ping, rejected', () => ['doctor', '--ping', ...connect(), '--sources', 'env:OTHER_KEY'], 4],
    ['--ping --json, rejected', () => ['doctor', '--ping', '--json', ...connect(), '--sources', 'env:OTHER_KEY'], 4],
    ['a malformed key', () => ['doctor', '--all', '--sources', 'env:MOMENTO_ENDPOINT, env:MOMENTO_API_KEY'], 3],
    ['a configuration error', () => ['doctor', '--sources', 'env:MOMENTO_API_KEY?x=1'], 2],
    ['schemes', () => ['schemes'], 0],
  ];
  for (const [mode, args, code] of modes) {
    it(`in ${mode} mode (exit ${code})`, async () => {
      const run = await runTokenchain(args(), env());
      expect(run.code, run.output).to.equal(code);
      expectNoKey(run);
    });
  }

  describe('when a source it runs crashes the process with a key in the message', () => {
    const crashModule = () =>
      writeModule(
        'crash.mjs',
        `export const crashScheme = core.defineScheme({
  scheme: 'crash', kind: 'source', summary: 'crashes the process quoting the key of a variable',
  target: { description: 'a variable', required: true },
  options: {
    how: { type: 'string', description: 'throw, reject, or none' },
    when: { type: 'string', description: 'before or after returning the key' },
    delayMs: { type: 'number', description: 'wait this long first' },
  },
  create: (ctx) => ({
    name: 'crash:' + ctx.target,
    async getToken() {
      const value = process.env[ctx.target];
      const how = ctx.string('how');
      const crash = () => how === 'throw'
        ? setImmediate(() => { throw new Error('boom: ' + value); })
        : how === 'reject' ? Promise.reject(new Error('boom: ' + value)) : undefined;
      if (ctx.string('when') === 'before') crash();
      else setTimeout(crash, 50);
      await new Promise((resolve) => setTimeout(resolve, ctx.number('delayMs') ?? 20));
      if (value === undefined) throw new core.TokenNotFoundError('not set', { source: 'crash:' + ctx.target });
      return core.createToken({ source: 'crash:' + ctx.target, value });
    },
  }),
});`,
      );
    // After the key is returned, the crash comes while a slow second link is asked (--all): the CLI is still running.
    const crashing = (variable: string, how: string, when: string) => [
      '--all',
      '--sources',
      `crash:${variable}?how=${how}&when=${when}, crash:UNSET?how=none&delayMs=2000`,
    ];

    const cases: ReadonlyArray<readonly [string, string, string, RegExp]> = [
      ['an uncaught exception after the key was read', 'throw', 'after', /boom: Secret\([0-9a-f]{8}\)/],
      ['an unhandled rejection after the key was read', 'reject', 'after', /boom: Secret\([0-9a-f]{8}\)/],
      ['an uncaught exception before the key was returned', 'throw', 'before', /boom: \[redacted key-shaped text\]/],
      ['an unhandled rejection before the key was returned', 'reject', 'before', /boom: \[redacted key-shaped text\]/],
    ];
    for (const [what, how, when, shown] of cases) {
      it(`prints a redacted one-line message for ${what}, exit 1`, async () => {
        const module = await crashModule();
        const run = await runTokenchain(
          ['doctor', '--import', module, ...crashing('MOMENTO_API_KEY', how, when)],
          env(),
        );
        expect(run.code, run.output).to.equal(1);
        expect(run.stderr).to.match(/^tokenchain: internal error \(Error\): boom: /);
        expect(run.stderr).to.match(shown);
        expectNoKey(run);
      });
    }

    it('redacts a key of no known shape once it has been read', async () => {
      const module = await crashModule();
      const plain = 'plain-secret-0123456789abcdef';
      const run = await runTokenchain(['doctor', '--import', module, ...crashing('PLAIN_KEY', 'throw', 'after')], {
        PLAIN_KEY: plain,
      });
      expect(run.code, run.output).to.equal(1);
      expect(run.stderr).to.match(/boom: Secret\([0-9a-f]{8}\)/);
      expect(run.output).to.not.include(plain);
    });
  });
});
