import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';

/**
 * Every event the server publishes, keyed by topic, with its payload. One map so publishers and
 * subscribers cannot disagree about shapes.
 */
export type PubSubEvents = {
  /** An order of a shop changed (status, assignment, payment); payload is the order id. */
  'order:changed': [shopId: string, payload: { orderId: string; version: number }];
  /** A session was revoked; open sockets of it must close. */
  'session:revoked': [sessionId: string, payload: { sessionId: string }];
};

export type PubSub = ReturnType<typeof createPubSub<PubSubEvents>> & { close(): Promise<void> };

/**
 * In-process pub/sub for one instance, or Redis-backed so every instance sees every event.
 * Redis needs two connections: one in subscriber mode cannot publish (Yoga's redis-pub-sub example).
 */
export function createAppPubSub(redisUrl: string | undefined): PubSub {
  if (!redisUrl) {
    return Object.assign(createPubSub<PubSubEvents>(), { close: async () => {} });
  }
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return Object.assign(createPubSub<PubSubEvents>({ eventTarget }), {
    close: async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  });
}
