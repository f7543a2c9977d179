import { legacyKey } from '@tokenchain/fakes/keys';
import { startTcpFault, type TcpFaultServer } from '@tokenchain/fakes/momento';
import { expect } from 'chai';
import { type ChildResult, runChild } from './fixtures.testing.js';

// A legacy token, so that the SDK's own client (whose deprecated fromString refuses v2 keys) can use it too.
const KEY = legacyKey({ controlEndpoint: 'control.example.com', cacheEndpoint: 'cache.example.com' });

describe('close() while a call is pending on a Momento endpoint that accepts TCP and never answers', () => {
  let stuck: TcpFaultServer;
  before(async () => {
    stuck = await startTcpFault('hang');
  });
  after(() => stuck.close());

  const run = (mode: 'managed' | 'sdk'): Promise<ChildResult> =>
    runChild('closePending.test.child.js', { CHILD_MODE: mode, CHILD_ENDPOINT: stuck.endpoint, CHILD_KEY: KEY });

  it('the SDK\'s own client ends the process with an uncaught "Channel has been shut down" (what must not happen)', async () => {
    const result = await run('sdk');
    expect(result.code, result.output).to.equal(3);
    expect(result.output).to.include('uncaught: Channel has been shut down');
  });

  it("a managed client's pending call ends with the SDK's error response, and the process stays up, then exits on its own", async () => {
    const result = await run('managed');
    expect(result.signal, `killed: still running; ${result.output}`).to.equal(null);
    expect(result.code, result.output).to.equal(0);
    expect(result.output).not.to.include('uncaught');
    expect(result.report).to.include({ response: 'Error', errorCode: 'TIMEOUT_ERROR' });
    expect(result.output).not.to.include(KEY);
  });
});
