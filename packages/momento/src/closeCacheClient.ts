import type { CacheClient } from '@gomomento/sdk';

interface IdleClientWrapper {
  isRecreating?: boolean;
}

/**
 * Closes an SDK `CacheClient` without opening a connection on the way out. In SDK 1.118, `close()` fetches each channel
 * through its idle wrapper, which asks the channel for its state with `tryToConnect`: a channel never used (the control
 * channel, in a client that only reads and writes) starts connecting as it is closed, and that socket outlives `close()`.
 * One such socket per rotated-out client adds up in a long-running service. Flagging the wrappers as busy recreating makes
 * them hand back the channel as it is, which `close()` then shuts. Without those private fields (another SDK version) this
 * is a plain `close()`.
 */
export function closeCacheClient(client: CacheClient): void {
  const internals = client as unknown as {
    controlClient?: { clientWrapper?: IdleClientWrapper };
    dataClients?: { clientWrapper?: IdleClientWrapper }[];
  };
  const wrappers = [
    internals.controlClient?.clientWrapper,
    ...(internals.dataClients ?? []).map((d) => d?.clientWrapper),
  ];
  for (const wrapper of wrappers) {
    if (typeof wrapper === 'object' && wrapper !== null && 'isRecreating' in wrapper) wrapper.isRecreating = true;
  }
  client.close();
}
