import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { expect } from 'chai';
import pino from 'pino';
import { chain } from './chain.js';
import type { TokenLogger } from './events.js';
import { fromValue } from './fromValue.js';
import { TokenSourceError } from './TokenSourceError.js';
import { testSource } from './testing/testSource.js';

// The loggers users pass, for real: each must get every event's fields as structured data, and no key.
const KEY = `eyJ${'a'.repeat(40)}.${'b'.repeat(20)}`;

/** A chain whose first link fails quoting a key and whose second resolves with one: a fallback and a resolved event. */
async function logThrough(logger: TokenLogger): Promise<void> {
  const broken = testSource({ name: 'env:FIRST' });
  broken.failWith(new TokenSourceError(`the value ${KEY} is not a key`, { source: 'env:FIRST', code: 'MALFORMED' }));
  const source = chain({ fallThrough: 'any-error', observer: { logger } }, broken, fromValue(KEY, 'env:SECOND'));
  await source.getToken();
}

/** A stream that keeps what is written to it, as pino's destination. */
function lineStream(): { readonly lines: string[]; readonly stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

/** The JSON records a logger wrote, one a line. */
function records(lines: readonly string[]): Array<Record<string, unknown>> {
  return lines
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function expectStructured(written: Array<Record<string, unknown>>, messageKey: string): void {
  const events = written.map((record) => record.tokenchain as Record<string, unknown> | undefined);
  expect(events.map((e) => e?.type)).to.deep.equal(['fallback', 'resolved']);
  expect(events[0]).to.include({ source: 'chain(env:FIRST, env:SECOND)', from: 'env:FIRST', code: 'MALFORMED' });
  expect(events[1]).to.include({ winner: 'env:SECOND', cache: 'none' });
  expect(events[1]?.fingerprint).to.be.a('string').with.length.greaterThan(0);
  for (const record of written)
    expect(record[messageKey])
      .to.be.a('string')
      .that.matches(/^tokenchain: /);
}

describe('the observer’s logger, with the loggers users pass', () => {
  describe('having a pino logger', () => {
    it('gets each event as structured fields under tokenchain, and the line as msg, with no key', async () => {
      const { lines, stream } = lineStream();
      await logThrough(pino({ level: 'debug' }, stream));
      expectStructured(records(lines), 'msg');
      expect(lines.join('')).not.to.include(KEY);
    });

    it('does the same through a child logger', async () => {
      const { lines, stream } = lineStream();
      await logThrough(pino({ level: 'debug' }, stream).child({ requestId: 'r-1' }));
      const written = records(lines);
      expectStructured(written, 'msg');
      expect(written[0]).to.include({ requestId: 'r-1' });
    });
  });

  describe('having a Powertools Logger', () => {
    it('gets each event as structured fields under tokenchain, and the line as message, with no key', async () => {
      const lines: string[] = [];
      const logger = new Logger({ serviceName: 'tokenchain-test', logLevel: 'DEBUG' });
      const write = process.stdout.write;
      // Powertools writes to the process's stdout; it is captured for the two synchronous calls only.
      process.stdout.write = ((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0) as typeof write;
      try {
        await logThrough(logger);
      } finally {
        process.stdout.write = write;
      }
      expectStructured(records(lines), 'message');
      expect(lines.join('')).not.to.include(KEY);
    });
  });

  describe('having console', () => {
    it('gets the line first and the event second, as console prints them', async () => {
      const calls: unknown[][] = [];
      const record =
        () =>
        (...args: unknown[]) =>
          calls.push(args);
      await logThrough({ debug: record(), info: record(), warn: record(), error: record() });
      expect(calls.map((args) => typeof args[0])).to.deep.equal(['string', 'string']);
      expect(calls.map((args) => (args[1] as { tokenchain: { type: string } }).tokenchain.type)).to.deep.equal([
        'fallback',
        'resolved',
      ]);
      expect(JSON.stringify(calls)).not.to.include(KEY);
    });
  });
});
