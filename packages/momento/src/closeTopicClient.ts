import type { TopicClient } from '@gomomento/sdk';

interface Closable {
  close(): void;
}

/**
 * Closes the gRPC channels of an SDK `TopicClient`, which has no `close()` of its own (SDK 1.118). The channels sit in
 * private fields (`pubsubStreamClients[].client.client`, `pubsubUnaryClients[].client`, `webhookClient.webhookClient`); if a
 * later SDK adds `close()`, that is used instead. Anything not found is left alone: an idle channel does not keep the
 * process alive, it only holds a socket until the server drops it.
 */
export function closeTopicClient(client: TopicClient): void {
  const closable = client as unknown as Partial<Closable>;
  if (typeof closable.close === 'function') {
    closable.close();
    return;
  }
  const internals = client as unknown as {
    pubsubStreamClients?: { client?: { client?: Partial<Closable> } }[];
    pubsubUnaryClients?: { client?: Partial<Closable> }[];
    webhookClient?: { webhookClient?: Partial<Closable> };
  };
  const channels = [
    ...(internals.pubsubStreamClients ?? []).map((c) => c.client?.client),
    ...(internals.pubsubUnaryClients ?? []).map((c) => c.client),
    internals.webhookClient?.webhookClient,
  ];
  for (const channel of channels) {
    if (typeof channel?.close === 'function') channel.close();
  }
}
