import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';

/** A TLS front for a plaintext gRPC server, with a certificate of its own for 127.0.0.1. */
export interface TlsFront {
  /** `127.0.0.1:<port>`, the address a key's endpoint claims point at. */
  readonly endpoint: string;
  /** The PEM file to trust: set it as `GRPC_DEFAULT_SSL_ROOTS_FILE_PATH` for a child process. */
  readonly caFile: string;
  close(): Promise<void>;
}

/**
 * Real Momento endpoints speak TLS, and code written as the README writes it (no `endpointOverrides`) connects with TLS to
 * the endpoints its key names. This front lets such code reach the plaintext Momento fake unchanged: it terminates TLS
 * (ALPN h2, a throwaway self-signed certificate for 127.0.0.1 made with `openssl`) and pipes the bytes to the fake.
 * gRPC trusts the certificate through `GRPC_DEFAULT_SSL_ROOTS_FILE_PATH`, which grpc-js reads.
 */
export async function startTlsFront(target: { readonly host: string; readonly port: number }): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenchain-bench-tls-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const sockets = new Set<Socket>();
  const server = createServer(
    { key: readFileSync(keyFile), cert: readFileSync(caFile), ALPNProtocols: ['h2'] },
    (tls: TLSSocket) => {
      const upstream = connect(target.port, target.host);
      // As a real gRPC endpoint does: without it, Nagle's algorithm holds a response's last frames back until the
      // client's delayed ACK (~40 ms), a stall that no real Momento endpoint adds to a call.
      tls.setNoDelay(true);
      upstream.setNoDelay(true);
      sockets.add(tls).add(upstream);
      const end = () => {
        tls.destroy();
        upstream.destroy();
        sockets.delete(tls);
        sockets.delete(upstream);
      };
      tls.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      tls.pipe(upstream).pipe(tls);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the TLS front has no port');
  return {
    endpoint: `127.0.0.1:${address.port}`,
    caFile,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
