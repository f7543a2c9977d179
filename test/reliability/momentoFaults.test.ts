import { execFile } from 'node:child_process';
import { join } from 'node:path';
import {
  CacheGet,
  Configurations,
  DefaultMomentoLoggerFactory,
  DefaultMomentoLoggerLevel,
  TopicConfigurations,
  TopicPublish,
} from '@gomomento/sdk';
import { fromValue } from '@tokenchain/core';
import { hasKeyShaped } from '@tokenchain/core/source-kit';
import { startTcpFault, type TcpFault, type TcpFaultServer } from '@tokenchain/fakes/momento';
import { createCacheClient, createTopicClient } from '@tokenchain/momento';
import { expect } from 'chai';
import { canary, startCapture } from './support/canary.js';
import { MOMENTO_TIMEOUT_MS } from './support/world.js';

// mocha runs from test/, where the compiled children are.
const FAULT_CHILD = join(process.cwd(), 'dist', 'reliability', 'children', 'momentoFault.js');
/** How long the child may take to call, close and then exit on its own. */
const EXIT_BOUND_MS = 20_000;
/** A generous bound on a call against a broken endpoint: its deadline, plus room for a loaded machine. */
const CALL_BOUND_MS = MOMENTO_TIMEOUT_MS + 4_500;

/** What each fault looks like to the SDK: no answer is a deadline; a reset connection is an unavailable server. */
const EXPECTED: Readonly<Record<TcpFault, string>> = {
  hang: 'TIMEOUT_ERROR',
  drip: 'TIMEOUT_ERROR',
  reset: 'SERVER_UNAVAILABLE',
};

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(env: NodeJS.ProcessEnv): Promise<ChildResult> {
  const options = { timeout: EXIT_BOUND_MS, killSignal: 'SIGKILL' as const, env: { ...process.env, ...env } };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [FAULT_CHILD], options, (error, stdout, stderr) =>
      resolve({
        code: child.exitCode,
        signal: child.signalCode ?? (error && 'signal' in error ? (error.signal as NodeJS.Signals | null) : null),
        stdout,
        stderr,
      }),
    );
  });
}

const quiet = () => new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR);

describe('Momento endpoints broken below gRPC', () => {
  for (const fault of ['hang', 'drip', 'reset'] as const) {
    describe(`having an endpoint that ${fault === 'hang' ? 'accepts TCP and never answers' : fault === 'drip' ? 'drips HTTP/2 frames and never answers' : 'resets every connection'}`, () => {
      let server: TcpFaultServer;
      before(async () => {
        server = await startTcpFault(fault);
      });
      after(() => server.close());

      it(`a cache call and a publish end with the SDK's ${EXPECTED[fault]} response within their deadline`, async function () {
        this.timeout(CALL_BOUND_MS + 5000);
        const key = canary.legacy();
        const capture = startCapture();
        const source = fromValue(key, `reliability:${fault}`);
        const cache = createCacheClient({
          source,
          configuration: Configurations.Laptop.v1(quiet()).withClientTimeoutMillis(MOMENTO_TIMEOUT_MS),
          defaultTtlSeconds: 60,
          endpointOverrides: server.endpointOverrides(),
          observer: capture.observer,
        });
        const topics = createTopicClient({
          source,
          configuration: TopicConfigurations.Default.latest(quiet()).withClientTimeoutMillis(MOMENTO_TIMEOUT_MS),
          endpointOverrides: server.endpointOverrides(),
          observer: capture.observer,
        });
        try {
          const started = performance.now();
          const [got, published] = await Promise.all([cache.get('cache', 'k'), topics.publish('cache', 'news', 'x')]);
          const ms = performance.now() - started;
          capture.record(got);
          capture.record(published);
          expect(got).to.be.instanceOf(CacheGet.Error);
          expect(published).to.be.instanceOf(TopicPublish.Error);
          expect((got as CacheGet.Error).errorCode()).to.equal(EXPECTED[fault]);
          expect((published as TopicPublish.Error).errorCode()).to.equal(EXPECTED[fault]);
          expect(ms, 'ms until both calls ended').to.be.below(CALL_BOUND_MS);
          expect(server.accepted, 'connections the endpoint saw').to.be.greaterThan(0);
        } finally {
          cache.close();
          topics.close();
          capture.expectNoCanary();
        }
      });

      it('close() while calls and a subscription are pending: no crash, every call ends, and the process exits on its own', async function () {
        this.timeout(EXIT_BOUND_MS + 5000);
        const key = canary.legacy();
        const result = await runChild({
          RELIABILITY_ENDPOINT: server.endpoint,
          RELIABILITY_KEY: key,
          RELIABILITY_TIMEOUT_MS: String(MOMENTO_TIMEOUT_MS),
        });
        const output = result.stdout + result.stderr;
        expect(result.signal, `killed after ${EXIT_BOUND_MS} ms; ${output}`).to.equal(null);
        expect(result.code, output).to.equal(0);
        expect(output).not.to.match(/uncaught|unhandled rejection|still open after close/);
        const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as Record<string, string>;
        for (const [call, ended] of Object.entries(report)) {
          expect(ended, call).to.be.oneOf([`Error: ${EXPECTED[fault]}`, 'rejected: ClientClosedError']);
        }
        expect(Object.keys(report)).to.have.members(['get', 'set', 'publish', 'subscribe']);
        expect(output, 'the child printed the key').not.to.include(key);
        expect(hasKeyShaped(output), `key-shaped text in: ${output.slice(0, 300)}`).to.equal(false);
      });
    });
  }
});
