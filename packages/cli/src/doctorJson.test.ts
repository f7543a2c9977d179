import { v2Key } from '@tokenchain/fakes/keys';
import { expect } from 'chai';
import { doctorJson, runTokenchain, writeModule } from './fixtures.testing.js';

/**
 * `doctor --json` is for scripts, so its promise is total: whatever happens, stdout is exactly one JSON object (the report),
 * and the exit code says what kind of ending it was. Each case runs the built binary with a misbehaving source of its own.
 */
describe('tokenchain doctor --json, whatever happens', () => {
  const key = v2Key();
  const env = { MOMENTO_API_KEY: key, MOMENTO_ENDPOINT: 'cell-1.example.test' };
  let module: string;

  before(async () => {
    module = await writeModule(
      'misbehaving.mjs',
      `export const oddScheme = core.defineScheme({
  scheme: 'odd', kind: 'source', summary: 'misbehaves as its target says',
  target: { description: 'nan-expiry, range-error or crash', required: true },
  create: (ctx) => ({
    name: 'odd:' + ctx.target,
    async getToken() {
      if (ctx.target === 'nan-expiry') {
        // A literal, not createToken (which refuses an Invalid Date): a hand-written source can still return one.
        return { source: 'odd:nan-expiry', secret: core.Secret.from(process.env.MOMENTO_API_KEY), expiresAt: new Date(NaN) };
      }
      if (ctx.target === 'range-error') throw new RangeError('Invalid time value');
      setImmediate(() => { throw new RangeError('a timer of the source crashed'); });
      return new Promise(() => {});
    },
  }),
});
export const unbuildableScheme = core.defineScheme({
  scheme: 'unbuildable', kind: 'source', summary: 'throws a RangeError when built',
  target: { description: 'anything', required: false },
  create: () => { throw new RangeError('Maximum call stack size exceeded'); },
});`,
    );
  });

  const doctor = (...args: string[]) => doctorJson(['--import', module, ...args], env);

  describe('having a source whose token expires at an Invalid Date', () => {
    it('reports the key as unusable, saying why, exit 3', async () => {
      const { run, report } = await doctor('--sources', 'odd:nan-expiry');
      expect(run.code).to.equal(3);
      expect(report.status).to.equal('no-key');
      // The chain refuses such a token (MALFORMED), so there is no key to describe, only the reason.
      expect(report.key).to.equal(null);
      expect(report.error).to.deep.include({ code: 'MALFORMED' });
      expect(report.error?.message).to.include('expiresAt is not a valid date');
    });

    it('prints the same verdict as text without --json', async () => {
      const run = await runTokenchain(['doctor', '--import', module, '--sources', 'odd:nan-expiry'], env);
      expect(run.code, run.output).to.equal(3);
      expect(run.stdout).to.include(
        'Result: no usable key (exit 3): returned a token whose expiresAt is not a valid date',
      );
    });
  });

  describe('having a source that throws a RangeError', () => {
    it('reports that link as failed and the chain stopped there, exit 3', async () => {
      const { run, report } = await doctor('--sources', 'odd:range-error, env:MOMENTO_API_KEY');
      expect(run.code).to.equal(3);
      expect(report.links.map((l) => l.outcome)).to.deep.equal(['failed', 'skipped']);
      expect(report.links[0]?.reason).to.equal('threw an error that is not a TokenSourceError (RangeError)');
    });
  });

  describe('having a scheme that throws a RangeError when it builds its source', () => {
    it('reports a configuration error naming the entry, exit 2', async () => {
      const { run, report } = await doctor('--sources', 'unbuildable:x');
      expect(run.code).to.equal(2);
      expect(report.status).to.equal('configuration-error');
      expect(report.error?.message).to.include('entry 1 "unbuildable:x": could not be built (RangeError');
    });
  });

  describe('having a source that crashes the process', () => {
    it('still prints one report, of an internal error, exit 1', async () => {
      const { run, report } = await doctor('--sources', 'odd:crash');
      expect(run.code).to.equal(1);
      expect(report).to.include({ status: 'internal-error', exitCode: 1 });
      expect(report.error?.message).to.equal('internal error (RangeError): a timer of the source crashed');
      expect(report.sources).to.deep.equal({ spec: 'odd:crash', origin: '--sources' });
      expect(run.stderr).to.match(/^tokenchain: internal error \(RangeError\): a timer of the source crashed\n/);
    });
  });

  describe('having a mistake on the command line', () => {
    it('reports it as a configuration error, exit 2', async () => {
      const { run, report } = await doctorJson(['--pingg']);
      expect(run.code).to.equal(2);
      expect(report.status).to.equal('configuration-error');
      expect(report.error).to.deep.equal({ code: 'USAGE', message: 'unknown option --pingg. Did you mean --ping?' });
    });

    it('reports a module --import cannot load, exit 2', async () => {
      const { run, report } = await doctorJson(['--import', './no-such-module.mjs']);
      expect(run.code).to.equal(2);
      expect(report.error?.code).to.equal('INVALID_CONFIGURATION');
      expect(report.error?.message).to.match(/^--import: could not import \.\/no-such-module\.mjs/);
    });
  });
});
