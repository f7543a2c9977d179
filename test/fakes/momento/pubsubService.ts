import { pubsub } from '@gomomento/generated-types';
import { common } from '@gomomento/generated-types/dist/common.js';
import type {
  ServerUnaryCall,
  ServerWritableStream,
  ServiceError,
  sendUnaryData,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { Gate } from './gate.js';

const ps = pubsub.cache_client.pubsub;
/** Items kept per topic, so a stream the SDK restarts with `resume_at_topic_sequence_number` misses nothing. */
const HISTORY_LENGTH = 1000;

type SubscribeCall = ServerWritableStream<
  pubsub.cache_client.pubsub._SubscriptionRequest,
  pubsub.cache_client.pubsub._SubscriptionItem
>;

interface Subscriber {
  readonly call: SubscribeCall;
  readonly key: string;
  readonly topicId: string;
}

interface Topic {
  lastSequence: number;
  readonly history: pubsub.cache_client.pubsub._TopicItem[];
}

/** The live subscription streams, by topic and by key. */
export interface Topics {
  readonly active: number;
  /** Ends every stream of `key` with `error`; returns how many. */
  endForKey(key: string, error: ServiceError): number;
  /** Ends every stream: with `error`, or normally (status OK) when none is given. */
  endAll(error?: ServiceError): number;
}

export function pubsubService(gate: Gate): {
  readonly handlers: UntypedServiceImplementation;
  readonly topics: Topics;
} {
  const subscribers = new Set<Subscriber>();
  const topics = new Map<string, Topic>();
  const topicOf = (id: string): Topic => {
    let topic = topics.get(id);
    if (!topic) {
      topic = { lastSequence: 0, history: [] };
      topics.set(id, topic);
    }
    return topic;
  };

  const end = (subscriber: Subscriber, error: ServiceError | undefined) => {
    subscribers.delete(subscriber);
    if (subscriber.call.cancelled) return;
    if (error) subscriber.call.emit('error', error);
    else subscriber.call.end();
  };

  const Publish = (
    call: ServerUnaryCall<pubsub.cache_client.pubsub._PublishRequest, common._Empty>,
    callback: sendUnaryData<common._Empty>,
  ) => {
    const { cache_name: cacheName, topic: topicName, value } = call.request;
    void gate.admit('Publish', call.metadata, cacheName).then((admission) => {
      if (!admission.ok) return callback(admission.error);
      const topicId = `${cacheName}/${topicName}`;
      const topic = topicOf(topicId);
      topic.lastSequence += 1;
      const item = new ps._TopicItem({ topic_sequence_number: topic.lastSequence, value, publisher_id: '' });
      topic.history.push(item);
      if (topic.history.length > HISTORY_LENGTH) topic.history.shift();
      for (const subscriber of subscribers) {
        if (subscriber.topicId !== topicId) continue;
        // A key revoked after the stream opened no longer receives anything.
        if (!gate.isAllowed(subscriber.key)) continue;
        subscriber.call.write(new ps._SubscriptionItem({ item }));
      }
      callback(null, new common._Empty());
    });
  };

  const Subscribe = (call: SubscribeCall) => {
    const { cache_name: cacheName, topic: topicName, resume_at_topic_sequence_number: resumeAt } = call.request;
    void gate.admit('Subscribe', call.metadata, cacheName).then((admission) => {
      if (call.cancelled) return;
      if (!admission.ok) {
        call.emit('error', admission.error);
        return;
      }
      const topicId = `${cacheName}/${topicName}`;
      const subscriber: Subscriber = { call, key: admission.key, topicId };
      subscribers.add(subscriber);
      call.on('cancelled', () => subscribers.delete(subscriber));
      // Momento opens every stream with a heartbeat; the SDK resolves `subscribe()` on the first message.
      call.write(new ps._SubscriptionItem({ heartbeat: new ps._Heartbeat() }));
      if (resumeAt > 0) {
        for (const item of topicOf(topicId).history) {
          if (item.topic_sequence_number >= resumeAt) call.write(new ps._SubscriptionItem({ item }));
        }
      }
    });
  };

  return {
    handlers: { Publish, Subscribe } as unknown as UntypedServiceImplementation,
    topics: {
      get active() {
        return subscribers.size;
      },
      endForKey(key, error) {
        const ending = [...subscribers].filter((s) => s.key === key);
        for (const subscriber of ending) end(subscriber, error);
        return ending.length;
      },
      endAll(error) {
        const ending = [...subscribers];
        for (const subscriber of ending) end(subscriber, error);
        return ending.length;
      },
    },
  };
}
