import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { fromValue } from '../fromValue.js';
import { TokenNotFoundError } from '../TokenNotFoundError.js';
import type { TokenSource } from '../TokenSource.js';
import { TokenSourceError } from '../TokenSourceError.js';
import { describeTokenSourceContract } from './describeTokenSourceContract.js';
import { testSource } from './testSource.js';

const KEY = 'contract-key-0123456789';

describeTokenSourceContract('testSource', () => ({
  present: () => testSource({ name: 'memory:present', value: `${KEY}\n` }),
  expectedKey: KEY,
  absent: () => testSource({ name: 'memory:absent' }),
  slow: () => testSource({ name: 'memory:slow', value: KEY, latencyMs: Number.POSITIVE_INFINITY }),
  broken: {
    'access denied': () => {
      const s = testSource({ name: 'memory:denied', value: KEY });
      s.failWith(new TokenSourceError('access denied', { source: s.name, code: 'ACCESS_DENIED' }));
      return s;
    },
  },
}));

describeTokenSourceContract('fromValue', () => ({
  present: () => fromValue(KEY, 'value:present'),
  expectedKey: KEY,
  absent: (): TokenSource => ({
    name: 'value:absent',
    getToken: () => Promise.reject(new TokenNotFoundError('nothing', { source: 'value:absent' })),
  }),
}));

describe('testSource', () => {
  it('counts calls, forced calls and calls in flight', async () => {
    const source = testSource({ value: 'k', latencyMs: 5 });
    const pending = source.getToken({ forceRefresh: true });
    expect(source.inFlight).to.equal(1);
    await pending;
    expect([source.calls, source.forcedCalls, source.inFlight]).to.deep.equal([1, 1, 0]);
  });

  it('fails the next calls it is told to, then recovers', async () => {
    const source = testSource({ value: 'k' });
    source.failNext(new TokenSourceError('throttled', { source: 'test', code: 'THROTTLED' }), 2);
    await expect(source.getToken()).to.be.rejectedWith(/throttled/);
    await expect(source.getToken()).to.be.rejectedWith(/throttled/);
    expect((await source.getToken()).secret.reveal()).to.equal('k');
  });
});

describe('describeTokenSourceContract', () => {
  // The suite is only worth running if it catches a source that breaks the contract: run it in a child mocha
  // against sources that leak the key and that call "not found" a broken store, and expect it to fail for those reasons.
  it('fails a source whose errors quote the key or that hides a broken store as not found', function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'tokenchain-contract-'));
    const spec = join(dir, 'leaky.test.mjs');
    const testing = pathToFileURL(join(__dirname, 'index.mjs')).href;
    const core = pathToFileURL(join(__dirname, '..', 'index.mjs')).href;
    writeFileSync(
      spec,
      `import { describeTokenSourceContract } from '${testing}';
       import { TokenNotFoundError, TokenSourceError, fromValue } from '${core}';
       const KEY = 'leaky-key-0123456789';
       describeTokenSourceContract('leaky', () => ({
         present: () => fromValue(KEY, 'leaky'),
         expectedKey: KEY,
         absent: () => ({ name: 'leaky', getToken: () => Promise.reject(new TokenNotFoundError('no ' + KEY, { source: 'leaky' })) }),
         broken: { denied: () => ({ name: 'leaky', getToken: () => Promise.reject(new TokenNotFoundError('denied', { source: 'leaky' })) }) },
       }));`,
    );
    const mocha = require.resolve('mocha/bin/mocha.js');
    const run = spawnSync(process.execPath, [mocha, '--no-config', spec], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status, run.stdout + run.stderr).to.not.equal(0);
    expect(run.stdout).to.include('the error contains the key');
    expect(run.stdout).to.include('a broken store must stop a chain');
    expect(run.stdout).to.match(/4 passing/);
  });
});
