import { connect, type Socket } from 'node:net';
import { expect } from 'chai';
import { startTcpFault, type TcpFaultServer } from './startTcpFault.js';

/** Connects, sends a few bytes, and gathers what comes back until the connection ends or `bytes` have arrived. */
function probe(server: TcpFaultServer, bytes: number): Promise<{ received: Buffer; error?: string }> {
  const [host, port] = server.endpoint.split(':') as [string, string];
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect(Number(port), host, () => socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
    const done = (error?: string) => {
      socket.destroy();
      resolve({ received: Buffer.concat(chunks), ...(error !== undefined && { error }) });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).length >= bytes) done();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    socket.on('close', () => done());
  });
}

describe(startTcpFault.name, () => {
  it('hang: accepts the connection and sends nothing, until closed', async () => {
    const server = await startTcpFault('hang');
    const probed = probe(server, 1);
    while (server.accepted === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    const { received } = await probed;
    expect(received.length).to.equal(0);
  });

  it('drip: sends an HTTP/2 SETTINGS frame, then PING frames, one byte at a time', async () => {
    const server = await startTcpFault('drip');
    try {
      const { received } = await probe(server, 10);
      expect([...received.subarray(0, 9)]).to.deep.equal([0, 0, 0, 4, 0, 0, 0, 0, 0]);
      expect(received[9]).to.equal(0);
    } finally {
      await server.close();
    }
  });

  it('reset: resets the connection once the client sends anything', async () => {
    const server = await startTcpFault('reset');
    try {
      const { received, error } = await probe(server, 1);
      expect(received.length).to.equal(0);
      expect(error).to.equal('ECONNRESET');
    } finally {
      await server.close();
    }
  });
});
