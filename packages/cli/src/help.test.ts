import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runTokenchain } from './fixtures.testing.js';

describe('tokenchain --help and usage errors', () => {
  describe('when asked for help', () => {
    for (const args of [['--help'], ['-h'], ['help'], []]) {
      it(`prints a short usage with examples for "${args.join(' ')}", exit 0`, async () => {
        const run = await runTokenchain(args);
        expect(run.code).to.equal(0);
        expect(run.stdout).to.match(/^tokenchain - find out where your Momento API key comes from\n\nUsage:/);
        expect(run.stdout).to.include('Examples:\n  tokenchain doctor\n');
        expect(run.stdout).to.include("Run 'tokenchain help doctor'");
      });
    }

    it('prints every doctor option and the exit codes for "doctor --help"', async () => {
      const run = await runTokenchain(['doctor', '--help']);
      expect(run.code).to.equal(0);
      for (const option of [
        '--sources',
        '--all',
        '--ping',
        '--cache',
        '--endpoint',
        '--connect',
        '--plaintext',
        '--json',
      ]) {
        expect(run.stdout).to.include(option);
      }
      expect(run.stdout).to.match(/Exit codes:\n {2}0 {2}key found[\s\S]*\n {2}5 {2}Momento could not be asked/);
      expect((await runTokenchain(['help', 'doctor'])).stdout).to.equal(run.stdout);
    });

    it('prints what docs/cli.md shows', async () => {
      const page = readFileSync(join(__dirname, '../../../docs/cli.md'), 'utf8');
      const usage = (await runTokenchain(['--help'])).stdout.split('\n\nExamples:')[0] ?? '';
      expect(page).to.include(usage);
      const typo = await runTokenchain(['doctor', '--pingg']);
      expect(page).to.include(`$ tokenchain doctor --pingg\n${typo.stderr}`);
    });

    it('prints the version', async () => {
      const run = await runTokenchain(['--version']);
      expect(run.stdout).to.match(/^\d+\.\d+\.\d+\n$/);
    });
  });

  describe('when the command line is wrong', () => {
    const cases: ReadonlyArray<readonly [string[], string]> = [
      [['docter'], "tokenchain: unknown command 'docter'. Did you mean 'doctor'?\nSee 'tokenchain --help'.\n"],
      [
        ['doctor', '--pingg'],
        "tokenchain: unknown option --pingg. Did you mean --ping?\nSee 'tokenchain doctor --help'.\n",
      ],
      [['doctor', '--sources'], "tokenchain: --sources needs a value\nSee 'tokenchain doctor --help'.\n"],
      [
        ['doctor', 'env:MOMENTO_API_KEY'],
        "tokenchain: unexpected argument 'env:MOMENTO_API_KEY' (quote a --sources value that has spaces)\nSee 'tokenchain doctor --help'.\n",
      ],
      [
        ['doctor', '--timeout', 'soon'],
        "tokenchain: --timeout takes a whole number of milliseconds > 0, got 'soon'\nSee 'tokenchain doctor --help'.\n",
      ],
      [
        ['doctor', '--plaintext'],
        "tokenchain: --plaintext only applies with --connect HOST:PORT\nSee 'tokenchain doctor --help'.\n",
      ],
      [['doctor', '--import', './nothing-here.mjs'], 'tokenchain: --import: could not import ./nothing-here.mjs ('],
      [['help', 'nonsense'], "tokenchain: no help for 'nonsense'\nSee 'tokenchain --help'.\n"],
    ];
    for (const [args, message] of cases) {
      it(`says what is wrong and where to look for "${args.join(' ')}", exit 2`, async () => {
        const run = await runTokenchain(args);
        expect(run.code).to.equal(2);
        expect(run.stdout).to.equal('');
        expect(run.stderr.startsWith(message), run.stderr).to.equal(true);
      });
    }
  });
});

describe('tokenchain schemes', () => {
  it('lists every scheme with its package, target and options', async () => {
    const run = await runTokenchain(['schemes']);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.include(
      'secretsmanager  (source, @tokenchain/aws-secrets-manager)\n  a key from AWS Secrets Manager',
    );
    expect(run.stdout).to.include('kms  (wrapper, @tokenchain/aws-kms)');
    expect(run.stdout).to.match(/\n {2}\?context\.<key> +the encryption context/);
    expect(run.stdout).to.include('json  (wrapper, @tokenchain/core)');
  });

  it('prints JSON with --json', async () => {
    const run = await runTokenchain(['schemes', '--json']);
    const schemes = JSON.parse(run.stdout) as { scheme: string; packageName: string }[];
    expect(schemes.map((s) => s.scheme)).to.deep.equal([
      'base64',
      'disposable',
      'env',
      'file',
      'json',
      'kms',
      'secrets-extension',
      'secretsmanager',
      'ssm',
    ]);
    expect(schemes.find((s) => s.scheme === 'ssm')?.packageName).to.equal('@tokenchain/aws-ssm');
  });
});
