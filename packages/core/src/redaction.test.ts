import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, inspect } from 'node:util';
import { expect } from 'chai';
import { cached } from './cached.js';
import { chain } from './chain.js';
import type { TokenEvent } from './events.js';
import { fromValue } from './fromValue.js';
import { jsonField } from './jsonField.js';
import type { Token } from './TokenSource.js';
import { TokenSourceError } from './TokenSourceError.js';
import { testSource } from './testing/testSource.js';
import { validate } from './validate.js';

/** A canary: if this text shows up in any output, a key has leaked. */
const CANARY = 'CANARY-momento-key-7f3a9c1e';

describe('no key leaks out of core', () => {
  it('appears in no error, event, log line, inspect or JSON output across success, rotation and every failure', async () => {
    const events: TokenEvent[] = [];
    const lines: string[] = [];
    const logger = {
      debug: (...args: unknown[]) => lines.push(format(...args)),
      info: (...args: unknown[]) => lines.push(format(...args)),
      warn: (...args: unknown[]) => lines.push(format(...args)),
      error: (...args: unknown[]) => lines.push(format(...args)),
    };
    const observer = { onEvent: (e: TokenEvent) => events.push(e), logger };
    const errors: unknown[] = [];
    const tokens: Token[] = [];
    const keep = (p: Promise<Token>) =>
      p.then(
        (t) => tokens.push(t),
        (e: unknown) => errors.push(e),
      );

    const upstream = testSource({ name: 'memory', value: CANARY });
    const source = cached(chain({ observer }, testSource({ name: 'absent' }), upstream), { ...observer, ttlMs: 1 });
    await keep(source.getToken());
    upstream.setValue(`${CANARY}-rotated`);
    await keep(source.getToken({ forceRefresh: true }));
    upstream.failWith(new TokenSourceError('down', { source: 'memory', code: 'UNAVAILABLE' }));
    await new Promise((r) => setTimeout(r, 5));
    await keep(source.getToken());
    source.close();

    // Values that fail parsing or validation must not be quoted back either.
    await keep(jsonField(fromValue(CANARY, 'env:K'), 'apiKey').getToken());
    await keep(jsonField(fromValue(`{"apiKey": 5, "note": "${CANARY}"}`, 'env:K'), 'apiKey').getToken());
    await keep(validate(fromValue(CANARY, 'env:K'), (t) => `${t.secret.reveal()} is wrong`).getToken());
    await keep(
      chain(
        { observer },
        {
          name: 'custom',
          getToken: () => Promise.reject(new SyntaxError(`Unexpected token in ${CANARY}`)),
        },
      ).getToken(),
    );

    expect(tokens.length).to.be.at.least(2);
    expect(errors.length).to.be.at.least(4);
    const outputs = [
      ...errors.map((e) => (e instanceof Error ? e.message : String(e))),
      ...errors.map((e) => inspect(e, { depth: 0 })),
      ...errors.map((e) => JSON.stringify(e)),
      ...tokens.map((t) => JSON.stringify(t)),
      ...tokens.map((t) => inspect(t, { depth: 10, showHidden: true })),
      ...tokens.map((t) => format('%s %o %j', t, t, t)),
      ...events.map((e) => JSON.stringify(e)),
      ...lines,
    ];
    expect(events.map((e) => e.type)).to.include.members([
      'resolved',
      'fallback',
      'refreshed',
      'rotated',
      'refresh-failed',
    ]);
    for (const text of outputs) expect(text).not.to.include(CANARY);
  });
});

describe('timers started by core', () => {
  it('never keep the process alive: a cache with background refresh and a chain deadline let node exit at once', () => {
    const core = pathToFileURL(join(__dirname, 'index.mjs')).href;
    const kit = pathToFileURL(join(__dirname, 'source-kit', 'index.mjs')).href;
    const script = `
      import { cached, chain, fromValue } from '${core}';
      import { deadlineSignal } from '${kit}';
      const source = cached(chain({ timeoutMs: 3_600_000 }, fromValue('k')), { ttlMs: 3_600_000, backgroundRefresh: true });
      await source.getToken();
      deadlineSignal(undefined, 3_600_000);
      console.log('done');
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.signal, 'the process had to be killed: a timer kept it alive').to.equal(null);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout.trim()).to.equal('done');
  });
});
