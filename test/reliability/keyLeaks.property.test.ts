import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { kmsScheme } from '@tokenchain/aws-kms';
import { secretsExtensionScheme, secretsManagerScheme } from '@tokenchain/aws-secrets-manager';
import { ssmScheme } from '@tokenchain/aws-ssm';
import type { TokenObserver, TokenSource } from '@tokenchain/core';
import {
  createSchemeRegistry,
  defaultTokenSource,
  defineScheme,
  fromConfig,
  loadSources,
  parseSourceSpec,
} from '@tokenchain/core/config';
import { envScheme, fromEnv } from '@tokenchain/env';
import { fileScheme, fromFile } from '@tokenchain/file';
import { TOKEN_SOURCE, tokenchainModule } from '@tokenchain/inversify';
import { expect } from 'chai';
import fc from 'fast-check';
import { Container } from 'inversify';

/**
 * The class of bug, not one example of it: a Momento key pasted where configuration goes (the whole of
 * MOMENTO_TOKEN_SOURCES, a target, a scheme or option name, an option value, a variable name, a file path, a CLI argument)
 * must never come back out, whole or in part. For generated keys of all three formats, with and without surrounding
 * whitespace, every configuration entry point is fed the key and everything it produces is searched for any 12 characters
 * of it: error messages, `util.inspect` and `JSON.stringify` of each error in the cause chain, events, log lines, and the
 * CLI's stdout and stderr.
 */

/** Any run of this many characters of the key, found in an output, counts as a leak. */
const LEAK_LENGTH = 12;
const RUNS = 60;
const CLI_RUNS = 2;
const SCHEMES = [envScheme, fileScheme, secretsManagerScheme, secretsExtensionScheme, ssmScheme, kmsScheme];
// Under mocha the working directory is test/, whose node_modules links the workspace's CLI.
const CLI_BIN = resolve('node_modules', '@tokenchain', 'cli', 'dist', 'bin.js');

// Keys in the three formats, as test/fakes/keys.ts builds them, but from generated parts so that fast-check can shrink them.
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const jwt = (payload: Record<string, unknown>, signature: Uint8Array) =>
  `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.${Buffer.from(signature).toString('base64url')}`;
const id = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 16 });
const signature = fc.uint8Array({ minLength: 16, maxLength: 48 });
const exp = fc.option(fc.integer({ min: 1_700_000_000, max: 2_100_000_000 }), { nil: undefined });
const claims = fc.record({ id, exp, signature });
const expClaim = (seconds: number | undefined) => (seconds === undefined ? {} : { exp: seconds });

const v2Key = claims.map(({ id, exp, signature }) => jwt({ t: 'g', id, ...expClaim(exp) }, signature));
const v1Key = fc.record({ endpoint: fc.domain(), claims }).map(({ endpoint, claims: { id, exp, signature } }) => {
  const apiKey = jwt({ sub: 'tokenchain-test', id, ...expClaim(exp) }, signature);
  return Buffer.from(JSON.stringify({ endpoint, api_key: apiKey }), 'utf8').toString('base64');
});
const legacyKey = fc
  .record({ control: fc.domain(), cache: fc.domain(), claims })
  .map(({ control, cache, claims: { id, exp, signature } }) =>
    jwt({ sub: 'tokenchain-test', cp: control, c: cache, id, ...expClaim(exp) }, signature),
  );
const whitespace = fc.constantFrom('', ' ', '\n', '\t', '  ', '\r\n', ' \n ');

interface Pasted {
  /** The key itself: the text that must not come back out. */
  readonly key: string;
  /** What was pasted: the key with whatever whitespace came with it. */
  readonly text: string;
}

const pasted: fc.Arbitrary<Pasted> = fc
  .record({ key: fc.oneof(v2Key, v1Key, legacyKey), before: whitespace, after: whitespace })
  .map(({ key, before, after }) => ({ key, text: `${before}${key}${after}` }));

/** Every run of LEAK_LENGTH characters of `key` that appears in `output`, with where it was found. */
function leaksOf(key: string, outputs: readonly string[]): string[] {
  const pieces = new Set<string>();
  for (let i = 0; i + LEAK_LENGTH <= key.length; i++) pieces.add(key.slice(i, i + LEAK_LENGTH));
  const found: string[] = [];
  for (const output of outputs) {
    for (let i = 0; i + LEAK_LENGTH <= output.length; i++) {
      const window = output.slice(i, i + LEAK_LENGTH);
      if (pieces.has(window)) {
        found.push(`"${window}" in: ${output.slice(Math.max(0, i - 60), i + 60)}`);
        break;
      }
    }
  }
  return found;
}

/** What an error shows, for it and each error of its cause chain. */
function renderings(err: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    texts.push(
      String((current as { message?: unknown }).message),
      inspect(current, { depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(current) ?? '',
    );
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

/** Runs an entry point with `text`, asks a source it returns for a key, and returns everything it put out. */
async function outputsOf(attempt: Attempt, text: string): Promise<string[]> {
  const outputs: string[] = [];
  const line =
    (level: string) =>
    (...args: unknown[]) =>
      outputs.push(`${level} ${args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' ')}`);
  const observer: TokenObserver = {
    onEvent: (event) => outputs.push(JSON.stringify(event), inspect(event, { depth: 10 })),
    logger: { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') },
  };
  await Promise.resolve()
    .then(() => attempt(text, observer))
    .then((result) => {
      const source = result as Partial<TokenSource> | undefined;
      return typeof source?.getToken === 'function' ? source.getToken() : undefined;
    })
    .then(
      (result) => outputs.push(inspect(result, { depth: 10 }), JSON.stringify(result) ?? ''),
      (err: unknown) => outputs.push(...renderings(err)),
    );
  return outputs;
}

type Attempt = (text: string, observer: TokenObserver) => unknown;

const options = (observer: TokenObserver) => ({ schemes: SCHEMES, env: {}, ...observer });

const ENTRY_POINTS: ReadonlyArray<readonly [string, Attempt]> = [
  ['fromConfig(<key>)', (t, o) => fromConfig(t, options(o))],
  ['fromConfig("env:<key>")', (t, o) => fromConfig(`env:${t}`, options(o))],
  ['fromConfig("file:<key>")', (t, o) => fromConfig(`file:${t}`, options(o))],
  ['fromConfig("kms+env:<key>")', (t, o) => fromConfig(`kms+env:${t}`, options(o))],
  ['fromConfig("<key>:target")', (t, o) => fromConfig(`${t}:target`, options(o))],
  ['fromConfig("<key>+env:X")', (t, o) => fromConfig(`${t}+env:X`, options(o))],
  ['fromConfig("env:X?<key>=1")', (t, o) => fromConfig(`env:X?${t}=1`, options(o))],
  ['fromConfig("env:X?endpointName=<key>")', (t, o) => fromConfig(`env:X?endpointName=${t}`, options(o))],
  ['fromConfig("env:X, env:<key>")', (t, o) => fromConfig(`env:X, env:${t}`, options(o))],
  ['fromConfig with the key %-escaped', (t, o) => fromConfig(`env:${encodeURIComponent(t)}`, options(o))],
  ['fromConfig(\'["<key>"]\')', (t, o) => fromConfig(JSON.stringify([t]), options(o))],
  ['fromConfig(\'{"sources": "<key>"}\')', (t, o) => fromConfig(JSON.stringify({ sources: t }), options(o))],
  [
    'fromConfig(\'{"sources": [{"apiKey": "<key>"}]}\')',
    (t, o) => fromConfig(JSON.stringify({ sources: [{ apiKey: t }] }), options(o)),
  ],
  [
    'fromConfig with the key as a JSON option value',
    (t, o) => fromConfig(JSON.stringify([{ source: 'env:X', options: { endpointName: t } }]), options(o)),
  ],
  [
    'fromConfig with the key as a JSON option name',
    (t, o) => fromConfig(JSON.stringify([{ source: 'env:X', options: { [t]: 'x' } }]), options(o)),
  ],
  [
    'fromConfig with the key as the JSON chain name',
    (t, o) => fromConfig(JSON.stringify({ name: t, sources: 'env:X' }), options(o)),
  ],
  ['fromConfig with broken JSON around the key', (t, o) => fromConfig(`{"sources": ["${t}"`, options(o))],
  ['fromConfig("env:X", { name: <key> })', (t, o) => fromConfig('env:X', { ...options(o), name: t })],
  ['loadSources(<key>)', (t, o) => loadSources(t, options(o))],
  ['loadSources("file:<key>")', (t, o) => loadSources(`file:${t}`, options(o))],
  ['parseSourceSpec(<key>)', (t) => parseSourceSpec(t, 'MOMENTO_TOKEN_SOURCES')],
  ['a registry asked for <key>', (t) => createSchemeRegistry({ schemes: SCHEMES }).resolve(t)],
  ['defineScheme({ scheme: <key> })', (t) => defineScheme({ ...envScheme, scheme: t })],
  [
    'defineScheme with <key> as an option name',
    (t) => defineScheme({ ...envScheme, options: { [t]: { type: 'string', description: 'x' } } }),
  ],
  [
    'defaultTokenSource() with MOMENTO_TOKEN_SOURCES=<key>',
    (t, o) => defaultTokenSource({ ...options(o), env: { MOMENTO_TOKEN_SOURCES: t } }),
  ],
  [
    'defaultTokenSource() with MOMENTO_TOKEN_SOURCES="env:<key>"',
    (t, o) => defaultTokenSource({ ...options(o), env: { MOMENTO_TOKEN_SOURCES: `env:${t}` } }),
  ],
  ['fromEnv({ name: <key> })', (t) => fromEnv({ name: t, env: {} })],
  ['fromEnv({ endpointName: <key> })', (t) => fromEnv({ endpointName: t, env: {} })],
  ['fromEnv({ variable: <key> })', (t) => fromEnv({ variable: t, env: {} })],
  ['fromEnv({ endpointVariable: <key> })', (t) => fromEnv({ endpointVariable: t, env: {} })],
  ['fromFile({ path: <key> })', (t, o) => fromFile({ path: t, observer: o })],
  ['fromFile({ path: "/run/secrets/<key>" })', (t, o) => fromFile({ path: `/run/secrets/${t}`, observer: o })],
  [
    'tokenchainModule({ sources: [<key>] })',
    async (t, o) => {
      const container = new Container();
      await container.loadAsync(tokenchainModule({ sources: [t], schemes: SCHEMES, observer: o }));
      return container.getAsync(TOKEN_SOURCE);
    },
  ],
];

describe('a key pasted where configuration goes', () => {
  for (const [where, attempt] of ENTRY_POINTS) {
    it(`never comes back out of ${where}`, async () => {
      await fc.assert(
        fc.asyncProperty(pasted, async ({ key, text }) => {
          expect(leaksOf(key, await outputsOf(attempt, text))).to.deep.equal([]);
        }),
        { numRuns: RUNS },
      );
    });
  }

  // The control: the key where it belongs (the value of a variable), through a chain that falls back, events and logs on.
  it('never comes out of the events and log lines of a chain that reads it from where it belongs', async () => {
    await fc.assert(
      fc.asyncProperty(pasted, async ({ key, text }) => {
        // Falls back past ABSENT, then stops at the broken JSON link; the second chain moves past it to the key.
        const read = (_: string, o: TokenObserver) =>
          fromConfig('env:ABSENT, json+env:PRESENT?field=apiKey, env:PRESENT', {
            ...options(o),
            env: { PRESENT: text },
          });
        const chained = (_: string, o: TokenObserver) =>
          fromConfig(
            '{"fallThrough": "any-error", "sources": "env:ABSENT, json+env:PRESENT?field=apiKey, env:PRESENT"}',
            {
              ...options(o),
              env: { PRESENT: text },
            },
          );
        const outputs = [...(await outputsOf(read, text)), ...(await outputsOf(chained, text))];
        expect(leaksOf(key, outputs)).to.deep.equal([]);
      }),
      { numRuns: RUNS },
    );
  });
});

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI_BIN, ...args],
      { env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('a key pasted where the CLI takes configuration', () => {
  const cases: ReadonlyArray<readonly [string, (text: string) => readonly [string[], Record<string, string>]]> = [
    ['doctor --sources <key>', (t) => [['doctor', '--sources', t], {}]],
    ['doctor --json --sources <key>', (t) => [['doctor', '--json', '--sources', t], {}]],
    [
      'doctor --json --sources "env:MOMENTO_API_KEY, file:<key>"',
      (t) => [['doctor', '--json', '--sources', `env:MOMENTO_API_KEY, file:${t}`], {}],
    ],
    ['doctor with MOMENTO_TOKEN_SOURCES=<key>', (t) => [['doctor'], { MOMENTO_TOKEN_SOURCES: t }]],
    ['doctor --json with MOMENTO_TOKEN_SOURCES=<key>', (t) => [['doctor', '--json'], { MOMENTO_TOKEN_SOURCES: t }]],
    ['doctor <key> (an argument)', (t) => [['doctor', t], {}]],
    ['doctor --json <key> (an argument)', (t) => [['doctor', '--json', t], {}]],
    ['<key> (as the command)', (t) => [[t], {}]],
    ['doctor --json --import <key>', (t) => [['doctor', '--json', '--import', t], {}]],
    ['doctor --json --timeout <key>', (t) => [['doctor', '--json', '--timeout', t], {}]],
  ];
  for (const [what, invocation] of cases) {
    it(`never comes back out of ${what}`, async () => {
      await fc.assert(
        fc.asyncProperty(pasted, async ({ key, text }) => {
          const [args, env] = invocation(text);
          const run = await runCli(args, env);
          expect(leaksOf(key, [run.stdout, run.stderr]), `${run.stdout}\n${run.stderr}`).to.deep.equal([]);
          expect(run.code, run.stderr).to.equal(2);
          // The promise of --json: exactly one JSON object on stdout, whatever went wrong.
          if (args.includes('--json')) expect(JSON.parse(run.stdout)).to.be.an('object').and.not.an('array');
        }),
        { numRuns: CLI_RUNS },
      );
    });
  }
});
