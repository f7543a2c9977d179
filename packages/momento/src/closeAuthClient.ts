import type { AuthClient } from '@gomomento/sdk';

interface Closable {
  close?: () => void;
}

/**
 * Closes an SDK `AuthClient`, which has no `close()` of its own in SDK 1.118: its two gRPC clients (token and control) are
 * closed through the fields the SDK keeps them in. Without those fields (another SDK version) this does nothing, and the
 * channels are left to the SDK: idle gRPC channels do not keep the process alive.
 */
export function closeAuthClient(client: AuthClient): void {
  const internal = (client as unknown as { authClient?: { tokenClient?: Closable; authClient?: Closable } }).authClient;
  for (const grpcClient of [internal?.tokenClient, internal?.authClient]) {
    if (typeof grpcClient?.close === 'function') grpcClient.close();
  }
}
