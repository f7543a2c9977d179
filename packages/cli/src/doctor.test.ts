import { type AwsFake, startAwsFake } from '@tokenchain/fakes/aws';
import { legacyKey, v1Key, v2Key } from '@tokenchain/fakes/keys';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';
import { expect } from 'chai';
import { awsEnv, doctorJson, runTokenchain, writeModule } from './fixtures.testing.js';

const DAY_MS = 86_400_000;

describe('tokenchain doctor', () => {
  let aws: AwsFake;
  let momento: MomentoFake;
  const v2 = v2Key({ expiresAt: new Date(Date.now() + 30 * DAY_MS) });
  let v1: string;
  const legacy = legacyKey({ controlEndpoint: 'control.example.test', cacheEndpoint: 'cache.example.test' });
  const encrypted = v2Key();
  let ciphertext: string;

  before(async () => {
    aws = await startAwsFake();
    momento = await startMomentoFake({ keys: [v2] });
    v1 = v1Key({ endpoint: 'cell-9.example.test' });
    aws.secretsManager.put('momento', JSON.stringify({ apiKey: v1 }));
    aws.kms.createKey({ alias: 'momento' });
    ciphertext = aws.kms.encrypt('alias/momento', encrypted, { app: 'momento' });
    aws.ssm.put('/momento/encrypted', ciphertext);
  });

  after(async () => {
    await aws.close();
    await momento.close();
  });

  afterEach(() => {
    aws.clearFaults();
  });

  describe('having MOMENTO_API_KEY and MOMENTO_ENDPOINT, and no --sources', () => {
    it('reads them as the Momento SDK does and describes the key, exit 0', async () => {
      const run = await runTokenchain(['doctor'], { MOMENTO_API_KEY: v2, MOMENTO_ENDPOINT: 'cell-1.example.test' });
      expect(run.code).to.equal(0);
      expect(run.stdout).to.include('Sources (default: MOMENTO_API_KEY with MOMENTO_ENDPOINT');
      expect(run.stdout).to.match(/1\. env:MOMENTO_API_KEY\s+key\s+[\d.]+ ms\s+fingerprint [0-9a-f]{8}; used/);
      expect(run.stdout).to.include('kind         v2 API key');
      expect(run.stdout).to.match(/expires +\d{4}-\d\d-\d\dT.*Z \(in (29|30) days\)/);
      expect(run.stdout).to.include('endpoint     cell-1.example.test (from env:MOMENTO_API_KEY, with the key)');
      expect(run.stdout).to.include('Result: key found (exit 0)');
    });

    it('falls back to MOMENTO_ENDPOINT for a v2 key whose source carries no endpoint', async () => {
      const run = await runTokenchain(['doctor', '--sources', 'env:MOMENTO_API_KEY'], {
        MOMENTO_API_KEY: v2,
        MOMENTO_ENDPOINT: 'cell-2.example.test',
      });
      expect(run.stdout).to.include('endpoint     cell-2.example.test (from MOMENTO_ENDPOINT)');
    });

    it('prefers --endpoint to MOMENTO_ENDPOINT', async () => {
      const run = await runTokenchain(
        ['doctor', '--sources', 'env:MOMENTO_API_KEY', '--endpoint', 'cell-3.example.test'],
        {
          MOMENTO_API_KEY: v2,
          MOMENTO_ENDPOINT: 'cell-2.example.test',
        },
      );
      expect(run.stdout).to.include('endpoint     cell-3.example.test (from --endpoint)');
    });
  });

  describe('having MOMENTO_TOKEN_SOURCES', () => {
    it('walks the chain it describes', async () => {
      const { report } = await doctorJson([], {
        ...awsEnv(aws.url),
        MOMENTO_TOKEN_SOURCES: 'secretsmanager:momento?field=apiKey',
      });
      expect(report.sources.origin).to.equal('MOMENTO_TOKEN_SOURCES');
      expect(report.key?.source).to.equal('secretsmanager:momento');
    });
  });

  describe('having --sources with AWS sources, against the AWS fake', () => {
    const spec = 'secretsmanager:absent, secretsmanager:momento?field=apiKey, env:MOMENTO_API_KEY';

    it('shows each link with its outcome, and the winner’s key with the endpoint inside it', async () => {
      const run = await runTokenchain(['doctor', '--sources', spec], { ...awsEnv(aws.url), MOMENTO_API_KEY: v2 });
      expect(run.code).to.equal(0);
      expect(run.stdout).to.match(/1\. secretsmanager:absent\s+not found\s+[\d.]+ ms\s+\S.*absent/);
      expect(run.stdout).to.match(/2\. secretsmanager:momento\s+key\s+[\d.]+ ms\s+fingerprint [0-9a-f]{8}; used/);
      expect(run.stdout).to.match(/3\. env:MOMENTO_API_KEY\s+not tried/);
      expect(run.stdout).to.include('Key from secretsmanager:momento:');
      expect(run.stdout).to.include('kind         v1 API key');
      expect(run.stdout).to.include('expires      never');
      expect(run.stdout).to.include('endpoint     cell-9.example.test (inside the key)');
    });

    it('with --all, also asks the links after the winner and shows the keys they shadow', async () => {
      const { report } = await doctorJson(['--all', '--sources', spec], {
        ...awsEnv(aws.url),
        MOMENTO_API_KEY: v2,
      });
      expect(report.links.map((l) => [l.outcome, l.usedByChain])).to.deep.equal([
        ['not-found', true],
        ['resolved', true],
        ['resolved', false],
      ]);
      expect(report.links[2]?.fingerprint).to.match(/^[0-9a-f]{8}$/);
      expect(report.links[2]?.fingerprint).to.not.equal(report.key?.fingerprint);
      expect(report.key?.source).to.equal('secretsmanager:momento');
    });

    it('decrypts with kms+ssm and names the link after both', async () => {
      const { run, report } = await doctorJson(['--sources', 'kms+ssm:/momento/encrypted?context.app=momento'], {
        ...awsEnv(aws.url),
        MOMENTO_ENDPOINT: 'cell-1.example.test',
      });
      expect(run.code).to.equal(0);
      expect(report.key).to.include({ source: 'kms(ssm:/momento/encrypted)', kind: 'v2' });
    });

    it('stops at a source that is there but broken, saying which and what to do, exit 3', async () => {
      aws.inject({ kind: 'access-denied', operation: 'secretsmanager.GetSecretValue' });
      const run = await runTokenchain(['doctor', '--sources', spec], { ...awsEnv(aws.url), MOMENTO_API_KEY: v2 });
      expect(run.code).to.equal(3);
      expect(run.stdout).to.match(/1\. secretsmanager:absent\s+FAILED\s+[\d.]+ ms\s+ACCESS_DENIED: /);
      expect(run.stdout).to.match(/2\. secretsmanager:momento\s+not tried/);
      expect(run.stdout).to.include('Result: no usable key (exit 3)');
      expect(run.stdout).to.include('Next: fix secretsmanager:absent (ACCESS_DENIED)');
    });

    it('moves past a broken source when the JSON form says fallThrough any-error', async () => {
      aws.inject({ kind: 'access-denied', operation: 'secretsmanager.GetSecretValue', times: 1 });
      const json = JSON.stringify({ fallThrough: 'any-error', sources: spec });
      const { report } = await doctorJson(['--sources', json], {
        ...awsEnv(aws.url),
        MOMENTO_API_KEY: v2,
      });
      expect(report.fallThrough).to.equal('any-error');
      expect(report.links.map((l) => l.outcome)).to.deep.equal(['failed', 'resolved', 'skipped']);
      expect(report.exitCode).to.equal(0);
    });

    it('ends a hung source at --timeout with TIMEOUT, exit 3', async () => {
      aws.inject({ kind: 'hang' });
      const started = Date.now();
      const { run, report } = await doctorJson(['--timeout', '500', '--sources', 'ssm:/momento/encrypted'], {
        ...awsEnv(aws.url),
      });
      expect(run.code).to.equal(3);
      expect(report.links[0]).to.include({ outcome: 'failed', code: 'TIMEOUT' });
      expect(Date.now() - started).to.be.below(10_000);
    });
  });

  describe('having no key anywhere', () => {
    it('says so, lists every link and what to do next, exit 3', async () => {
      const run = await runTokenchain(['doctor']);
      expect(run.code).to.equal(3);
      expect(run.stdout).to.match(/1\. env:MOMENTO_API_KEY\s+not found\s+[\d.]+ ms\s+MOMENTO_API_KEY is not set/);
      expect(run.stdout).to.include('Result: no usable key (exit 3): no source produced a Momento API key (1 tried)');
      expect(run.stdout).to.include(
        'Next: set MOMENTO_API_KEY, or describe where your key lives in MOMENTO_TOKEN_SOURCES',
      );
    });
  });

  describe('having a key that cannot be used', () => {
    it('reports an expired key, exit 3', async () => {
      const expired = v2Key({ expiresAt: new Date(Date.now() - DAY_MS) });
      const { run, report } = await doctorJson([], { MOMENTO_API_KEY: expired, MOMENTO_ENDPOINT: 'x.test' });
      expect(run.code).to.equal(3);
      expect(report.key?.problem).to.match(/^the key expired at /);
    });

    it('reports a v2 key with no endpoint, saying where one may come from, exit 3', async () => {
      const run = await runTokenchain(['doctor'], { MOMENTO_API_KEY: v2 });
      expect(run.code).to.equal(3);
      expect(run.stdout).to.include('a v2 API key needs an endpoint: set MOMENTO_ENDPOINT, pass --endpoint');
    });

    it('reports a value of no known format, exit 3', async () => {
      const { run, report } = await doctorJson([], { MOMENTO_API_KEY: 'not-a-momento-key-at-all' });
      expect(run.code).to.equal(3);
      expect(report.key?.kind).to.equal(null);
      expect(report.error?.code).to.equal('MALFORMED');
    });

    it('describes a legacy token by its claims', async () => {
      const { report } = await doctorJson([], { MOMENTO_API_KEY: legacy });
      expect(report.key).to.include({ kind: 'legacy', endpoint: 'cache.example.test', endpointFrom: 'key' });
    });
  });

  describe('with --ping, against the Momento fake', () => {
    const connect = () => ['--connect', momento.endpoint, '--plaintext'];

    it('makes one call and reports the key accepted, exit 0', async () => {
      momento.resetCalls();
      const run = await runTokenchain(['doctor', '--ping', ...connect()], { MOMENTO_API_KEY: v2 });
      expect(run.code).to.equal(0);
      expect(run.stdout).to.match(
        /Ping:\n {2}accepted in [\d.]+ ms \(get on cache "tokenchain-doctor" at 127\.0\.0\.1:\d+/,
      );
      expect(run.stdout).to.include('Result: key found and accepted by Momento (exit 0)');
      expect(momento.callCount()).to.equal(1);
    });

    it('reads the cache given with --cache', async () => {
      const { report } = await doctorJson(['--ping', '--cache', 'orders', ...connect()], {
        MOMENTO_API_KEY: v2,
      });
      expect(report.ping).to.include({ outcome: 'accepted', cache: 'orders' });
    });

    it('reports a key Momento does not accept as rejected, exit 4', async () => {
      const other = v2Key();
      const run = await runTokenchain(['doctor', '--ping', ...connect()], { MOMENTO_API_KEY: other });
      expect(run.code).to.equal(4);
      expect(run.stdout).to.match(/rejected in [\d.]+ ms .*AUTHENTICATION_ERROR/);
      expect(run.stdout).to.include('Result: key rejected by Momento (exit 4)');
    });

    it('reports Momento unreachable, exit 5', async () => {
      const closed = await startMomentoFake();
      const endpoint = closed.endpoint;
      await closed.close();
      const run = await runTokenchain(['doctor', '--ping', '--timeout', '2000', '--connect', endpoint, '--plaintext'], {
        MOMENTO_API_KEY: v2,
      });
      expect(run.code).to.equal(5);
      expect(run.stdout).to.include('Result: key found, but Momento could not be asked about it (exit 5)');
    });
  });

  describe('having a disposable source, against the Momento fake’s token service', () => {
    const sources = () =>
      `disposable+env:MOMENTO_API_KEY?cache=sessions&access=readonly&validForSeconds=600&tokenEndpoint=${momento.endpoint}&secure=false`;

    it('mints one token and shows its scope, expiry and fingerprint, never the token or the long-lived key', async () => {
      const minted = momento.mintedTokens().length;
      const run = await runTokenchain(['doctor', '--sources', sources()], { MOMENTO_API_KEY: v2 });
      expect(run.code, run.output).to.equal(0);
      expect(run.stdout).to.include('Key from disposable(env:MOMENTO_API_KEY):');
      expect(run.stdout).to.include(
        'scope        readonly on cache sessions (a disposable token: this run minted one)',
      );
      // The minted token's own expiry, ten minutes out (validForSeconds=600).
      expect(run.stdout).to.match(/expires {6}\d{4}-\d\d-\d\dT[\d:.]+Z \(in less than a day\)/);
      expect(momento.mintedTokens().length).to.equal(minted + 1);
      const token = momento.mintedTokens().at(-1)?.apiKey ?? '';
      expect(run.output).not.to.include(token.slice(0, 24));
      expect(run.output).not.to.include(v2.slice(0, 24));
    });

    it('puts the scope in the JSON report', async () => {
      const { report } = await doctorJson(['--sources', sources()], { MOMENTO_API_KEY: v2 });
      expect(report.key).to.include({ source: 'disposable(env:MOMENTO_API_KEY)', scope: 'readonly on cache sessions' });
    });
  });

  /** The schemes the CLI registers, as its messages list them. */
  const REGISTERED = '(registered: base64, disposable, env, file, json, kms, secrets-extension, secretsmanager, ssm)';

  /** What `doctor --sources <sources>` prints; it must end with a configuration error, exit 2. */
  async function configurationErrorOf(sources: string): Promise<string> {
    const run = await runTokenchain(['doctor', '--sources', sources]);
    expect(run.code, run.output).to.equal(2);
    return run.stdout;
  }

  describe('having a configuration mistake', () => {
    it('names the entry and lists the known schemes, exit 2', async () => {
      const stdout = await configurationErrorOf('env:MOMENTO_API_KEY, secretmanager:momento');
      expect(stdout).to.include(
        `--sources: entry 2 "secretmanager:momento": unknown scheme "secretmanager": did you mean "secretsmanager"? ${REGISTERED}`,
      );
      expect(stdout).to.include('`tokenchain schemes` lists every scheme and its options');
    });

    it('refuses a key pasted as the configuration, repeating none of it, exit 2', async () => {
      const { run, report } = await doctorJson([], { MOMENTO_TOKEN_SOURCES: `${v2}\n` });
      expect(run.code).to.equal(2);
      expect(report.sources).to.deep.equal({ spec: '[redacted key-shaped text]', origin: 'MOMENTO_TOKEN_SOURCES' });
      expect(report.error?.message).to.match(
        /^MOMENTO_TOKEN_SOURCES: entry 1 holds text shaped like a Momento API key \(not shown\)/,
      );
      expect(run.stdout + run.stderr).to.not.include(v2.slice(-12));
    });

    it('reports it as JSON with --json, exit 2', async () => {
      const { run, report } = await doctorJson(['--sources', 'env:A?colour=blue']);
      expect(run.code).to.equal(2);
      expect(report.status).to.equal('configuration-error');
      expect(report.error?.message).to.include('unknown option "colour" (env accepts endpointVariable, endpointName)');
    });
  });

  describe('having a scheme no module registers', () => {
    it('says to --import a module that exports it, exit 2', async () => {
      expect(await configurationErrorOf('vault:momento')).to.include(
        `unknown scheme "vault": pass a scheme made by defineScheme in a module given to --import ${REGISTERED}`,
      );
    });
  });

  describe('having a scheme of your own, with --import', () => {
    it('uses it like a built-in one', async () => {
      const module = await writeModule(
        'vault.mjs',
        `export const vaultScheme = core.defineScheme({
  scheme: 'vault', kind: 'source', summary: 'a key from a pretend vault',
  target: { description: 'the path', required: true },
  create: (ctx) => core.fromValue(process.env.VAULT_VALUE, 'vault:' + ctx.target),
});`,
      );
      const { report } = await doctorJson(['--import', module, '--sources', 'vault:momento'], {
        VAULT_VALUE: v1,
      });
      expect(report.key).to.include({ source: 'vault:momento', kind: 'v1' });
    });
  });
});
