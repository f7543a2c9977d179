import { createServer, type Socket } from 'node:net';

/**
 * How a broken Momento endpoint behaves at the TCP level, below anything gRPC can answer:
 * - `hang`: accepts the connection and never sends a byte (a stuck proxy or load balancer);
 * - `drip`: answers with a valid HTTP/2 SETTINGS frame and then PING frames, one byte at a time, forever: alive, never an
 *   answer (a slow-loris peer);
 * - `reset`: resets the connection (TCP RST) as soon as the client sends anything.
 */
export type TcpFault = 'hang' | 'drip' | 'reset';

export interface TcpFaultServer extends AsyncDisposable {
  readonly fault: TcpFault;
  /** `127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Cache, control and token endpoints all here, without TLS, in the shape the SDK takes. */
  endpointOverrides(): {
    readonly cacheEndpoint: string;
    readonly controlEndpoint: string;
    readonly tokenEndpoint: string;
    readonly secureConnection: false;
  };
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

/** An empty SETTINGS frame (what an HTTP/2 server sends first), then an 8-byte PING frame, repeated for the drip. */
const SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
const PING = Buffer.from([0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
const DRIP_INTERVAL_MS = 50;

/**
 * Starts a TCP server on 127.0.0.1 that fails in the way `fault` says, for testing what a client does when Momento's
 * endpoint is broken below gRPC. Every connection it holds is destroyed by `close()`.
 *
 * @example
 * ```ts
 * const stuck = await startTcpFault('hang');
 * const client = createCacheClient({ source, defaultTtlSeconds: 60, endpointOverrides: stuck.endpointOverrides() });
 * ```
 */
export async function startTcpFault(fault: TcpFault): Promise<TcpFaultServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (fault === 'reset') socket.once('data', () => socket.resetAndDestroy());
    if (fault === 'drip') drip(socket);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
  const endpoint = `127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  const tcp: TcpFaultServer = {
    fault,
    endpoint,
    endpointOverrides: () => ({
      cacheEndpoint: endpoint,
      controlEndpoint: endpoint,
      tokenEndpoint: endpoint,
      secureConnection: false,
    }),
    get accepted() {
      return accepted;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
    [Symbol.asyncDispose]: () => tcp.close(),
  };
  return tcp;
}

function drip(socket: Socket): void {
  let bytes = SETTINGS;
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    socket.write(bytes.subarray(at, at + 1));
    at += 1;
    if (at === bytes.length) {
      bytes = PING;
      at = 0;
    }
  }, DRIP_INTERVAL_MS);
  socket.on('close', () => clearInterval(timer));
}
