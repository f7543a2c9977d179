import type { MomentoLoggerFactory, SubscribeCallOptions, TopicClient, TopicSubscribe } from '@gomomento/sdk';
import type { TokenEvent } from '@tokenchain/core';
import { clientClosedError } from './clientClosedError.js';
import type { ClientManager } from './clientManager.js';
import type { Generation } from './Generation.js';
import { isAuthenticationError } from './isAuthenticationError.js';
import type { MomentoSdk } from './loadSdk.js';
import { rotateAndRetry } from './rotateAndRetry.js';

/** One SDK subscription stream, on one SDK client. */
interface Stream {
  readonly generation: Generation<TopicClient>;
  subscription: TopicSubscribe.Subscription | undefined;
  closed: boolean;
}

interface Live {
  moveTo(next: Generation<TopicClient>, previous: Generation<TopicClient>): void;
  end(): void;
}

/** The topic subscriptions of one managed TopicClient. */
export interface ManagedSubscriptions {
  subscribe(cacheName: string, topicName: string, options: SubscribeCallOptions): Promise<TopicSubscribe.Response>;
  /** A new SDK client took over: move every stream on `previous` to it (open the new stream, then close the old). */
  moveAll(next: Generation<TopicClient>, previous: Generation<TopicClient>): void;
  /** Ends every subscription (each gets `onSubscriptionEnd`). */
  endAll(): void;
}

/**
 * Subscriptions that outlive the SDK client they started on. The user holds one `TopicSubscribe.Subscription` (a real one:
 * `instanceof` and `type` hold) whose stream underneath may be replaced:
 *
 * - when a new key arrives while the old one still works, a stream is opened with the new client and the old one closed;
 * - when Momento ends a stream because its key was revoked, the key is refreshed and a stream opened with the new one.
 *
 * Items carry the topic's sequence numbers, so an item seen on both streams while they overlap is delivered once. Items
 * published while no stream is open (between a revocation and the new stream) can be missed. A subscription that cannot be
 * moved ends clearly: `onError` with the SDK's error, then `onSubscriptionEnd`.
 */
export function managedSubscriptions(
  sdk: MomentoSdk,
  manager: ClientManager<TopicClient>,
  loggerFactory: MomentoLoggerFactory,
  report: (event: TokenEvent) => void,
  name: string,
): ManagedSubscriptions {
  const live = new Set<Live>();
  const warnCallbackThrew = (err: unknown) =>
    report({
      type: 'warning',
      source: name,
      time: Date.now(),
      message: `a subscription callback threw while its stream was being replaced (${err instanceof Error ? err.name : typeof err})`,
    });

  async function subscribe(
    cacheName: string,
    topicName: string,
    options: SubscribeCallOptions,
  ): Promise<TopicSubscribe.Response> {
    let stream: Stream | undefined;
    let ended = false;
    let lastSequence: number | undefined;

    const state = {
      get isSubscribed() {
        return !ended;
      },
      unsubscribe: () => end(undefined),
      toString: () => `managed subscription to ${topicName} in ${cacheName}`,
    };
    const subscription = new sdk.TopicSubscribe.Subscription(loggerFactory, state as never);

    const closeStream = (s: Stream) => {
      if (s.closed) return;
      s.closed = true;
      s.subscription?.unsubscribe();
      manager.release(s.generation);
    };

    const end = (error: TopicSubscribe.Error | undefined) => {
      if (ended) return;
      ended = true;
      live.delete(entry);
      if (stream) closeStream(stream);
      stream = undefined;
      if (error) options.onError?.(error, subscription);
      options.onSubscriptionEnd?.();
    };

    /** Makes `next` the stream, if `expected` is still the one it replaces; otherwise `next` is not needed. */
    const install = (next: Stream, expected: Stream | undefined) => {
      if (ended || stream !== expected) return closeStream(next);
      stream = next;
      if (expected) closeStream(expected);
    };

    /** Opens a stream on a generation already leased for it; on failure the lease is given back. */
    const open = async (generation: Generation<TopicClient>): Promise<Stream | TopicSubscribe.Error> => {
      const s: Stream = { generation, subscription: undefined, closed: false };
      const isCurrent = () => !s.closed && s === stream;
      let response: TopicSubscribe.Response;
      try {
        response = await generation.client.subscribe(cacheName, topicName, {
          onItem: (item) => {
            if (ended || s.closed) return;
            const sequence = item.sequenceNumber();
            if (lastSequence !== undefined && sequence <= lastSequence) return;
            lastSequence = sequence;
            options.onItem?.(item);
          },
          onDiscontinuity: (discontinuity) => {
            if (!isCurrent()) return;
            lastSequence = discontinuity.newSequenceNumber() - 1;
            options.onDiscontinuity?.(discontinuity);
          },
          onHeartbeat: (heartbeat) => {
            if (isCurrent()) options.onHeartbeat?.(heartbeat);
          },
          onConnectionLost: () => {
            if (isCurrent()) options.onConnectionLost?.();
          },
          onError: (error, sdkSubscription) => {
            if (!isCurrent()) return;
            if (sdkSubscription.isSubscribed) return void options.onError?.(error, subscription);
            if (isAuthenticationError(error)) {
              // Momento ended the stream because its key was revoked: carry on with a new key, or end clearly.
              stream = undefined;
              closeStream(s);
              reopen(s.generation, error).catch((err: unknown) => warnCallbackThrew(err));
              return;
            }
            end(error);
          },
          onSubscriptionEnd: () => {
            if (isCurrent()) end(undefined);
          },
        });
      } catch (err) {
        manager.release(generation);
        throw err;
      }
      if (response instanceof sdk.TopicSubscribe.Subscription) {
        s.subscription = response;
        return s;
      }
      s.closed = true;
      manager.release(generation);
      return response as TopicSubscribe.Error;
    };

    const reopen = async (rejected: Generation<TopicClient>, error: TopicSubscribe.Error) => {
      // A subscription that ended meanwhile needs no new stream; one that cannot open ends with the revocation's error.
      const rotation = {
        rotate: (g: Generation<TopicClient>) => manager.rotate(g),
        lease: (g: Generation<TopicClient>) => !ended && manager.lease(g),
      };
      const opened = await rotateAndRetry(
        rotation,
        rejected,
        error,
        (g) => open(g).catch(() => undefined),
        isAuthenticationError,
      );
      if (opened === undefined) return end(error);
      if (opened instanceof sdk.TopicSubscribe.Error) return end(opened);
      install(opened, undefined);
    };

    const entry: Live = {
      moveTo(next, previous) {
        const old = stream;
        if (old === undefined || old.generation !== previous || !manager.lease(next)) return;
        void open(next)
          .then((opened) => {
            if (opened instanceof sdk.TopicSubscribe.Error) {
              report({
                type: 'warning',
                source: name,
                time: Date.now(),
                message: `a subscription to ${topicName} stays on the previous key: the new key could not subscribe (${opened.errorCode()})`,
              });
              return;
            }
            install(opened, old);
          })
          .catch(warnCallbackThrew);
      },
      end: () => end(undefined),
    };

    const first = await manager.acquire();
    const opened = await rotateAndRetry(manager, first, await open(first), open, isAuthenticationError);
    if (opened instanceof sdk.TopicSubscribe.Error) return opened;
    if (manager.closed) {
      // close() ran while the stream was opening: endAll() could not see it, and an open stream would hold its client.
      closeStream(opened);
      throw clientClosedError(name);
    }
    stream = opened;
    live.add(entry);
    return subscription;
  }

  return {
    subscribe,
    moveAll(next, previous) {
      for (const entry of [...live]) entry.moveTo(next, previous);
    },
    endAll() {
      for (const entry of [...live]) entry.end();
    },
  };
}
