import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const MAIN = fileURLToPath(new URL('../demo/main.js', import.meta.url));
/** Generous: the demo takes well under a second; this only bounds a hang. */
const DEADLINE_MS = 20_000;
/** Any part of a JWT (a v2 key, or a v1 key's inner api_key) or of base64 JSON (a v1 key). */
const KEY_SHAPED = /eyJ[A-Za-z0-9_-]{8,}|eyJ[A-Za-z0-9+/=]{8,}/;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runDemo(args: readonly string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  // Nothing configured: the demo must choose the local stand-ins. TOKENCHAIN_DEMO_NO_FORCE_EXIT makes it end only by itself.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|MOMENTO_|TOKENCHAIN_)/.test(name)),
  ) as NodeJS.ProcessEnv;
  Object.assign(env, extraEnv);
  env.TOKENCHAIN_DEMO_NO_FORCE_EXIT = '1';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not exit within ${DEADLINE_MS} ms; output so far:\n${stdout}\n${stderr}`));
    }, DEADLINE_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run demo (test/demo/main.ts)', () => {
  let run: Run;
  before(async () => {
    run = await runDemo();
  });

  it('exits on its own, with status 0', () => {
    expect(run.code, run.stderr).to.equal(0);
  });

  it('says which source served the key and its fingerprint', () => {
    expect(run.stdout).to.match(/key served by secretsmanager:Momento_Auth_Token: fingerprint [0-9a-f]{8}/);
  });

  it('shows the set and the hit', () => {
    expect(run.stdout).to.include('set cache/code = 12345 -> Success');
    expect(run.stdout).to.include('get cache/code -> Hit: 12345');
  });

  it('shows the rotation and the client carrying on with the new key', () => {
    const first = /fingerprint ([0-9a-f]{8})/.exec(run.stdout)?.[1];
    const rotated = /key rotated ([0-9a-f]{8}) -> ([0-9a-f]{8})/.exec(run.stdout);
    expect(rotated?.[1]).to.equal(first);
    expect(run.stdout).to.include(`carried on with key ${rotated?.[2]}`);
    expect(run.stdout).to.include('20 hits, 0 errors');
    expect(run.stdout).to.include('GetSecretValue calls in all: 2');
  });

  it('runs a client on a disposable token scoped to the cache, and carries on once that token has expired', () => {
    const minted = /on a disposable token scoped to cache \(2 s\): disposable\(.+\) minted ([0-9a-f]{8})/.exec(
      run.stdout,
    );
    expect(minted, run.stdout).to.not.equal(null);
    expect(run.stdout).to.include('get another-cache/code -> PERMISSION_ERROR: outside the token scope');
    expect(run.stdout).to.include(`token ${minted?.[1]} has expired; Momento refuses it: yes`);
    const after =
      /get cache\/code -> Hit: 12345, on token ([0-9a-f]{8}) \(was ([0-9a-f]{8})\); (\d+) tokens minted, no call on cache failed/.exec(
        run.stdout,
      );
    expect(after?.[2]).to.equal(minted?.[1]);
    expect(after?.[1]).to.not.equal(minted?.[1]);
    expect(Number(after?.[3])).to.be.greaterThan(1);
  });

  it('never prints a key', () => {
    expect(run.stdout).not.to.match(KEY_SHAPED);
    expect(run.stderr).not.to.match(KEY_SHAPED);
  });

  it('prints its usage with --help', async () => {
    const help = await runDemo(['--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.include('TOKENCHAIN_SECRET_ID');
  });

  it('stays on the local stand-ins when a real MOMENTO_API_KEY and secret id happen to be set', async () => {
    // Were the demo to switch to a real account, it would reach for the AWS endpoint below and fail to connect.
    const local = await runDemo([], {
      MOMENTO_API_KEY: 'not-a-key-the-demo-may-use',
      TOKENCHAIN_SECRET_ID: 'prod/momento',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    });
    expect(local.code, local.stderr).to.equal(0);
    expect(local.stdout).to.include('get cache/code -> Hit: 12345');
  });

  it('refuses --real without a secret to read, before touching any account', async () => {
    const real = await runDemo(['--real']);
    expect(real.code).to.equal(2);
    expect(real.stderr).to.include('--real needs --secret-id');
  });
});
