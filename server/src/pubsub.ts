import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { ShopArea } from './features/live/shop-changes.js';
import type { Logger } from './logger.js';
import { createRedisEventTarget } from './redis-event-target.js';

/**
 * Every event the server publishes, keyed by topic, with its payload. One map so publishers and
 * subscribers cannot disagree about shapes.
 */
export type PubSubEvents = {
  /** An order of a shop changed (status, assignment, payment); payload is the order id. */
  'order:changed': [shopId: string, payload: { orderId: string; version: number }];
  /**
   * Something a back-office list shows changed (features/live/shop-changes.ts): a stock item's levels or
   * details, a product, a customer or a subscription; payload is which, by its row id, and whether the row
   * is gone (deleted, merged away).
   */
  'shop:changed': [shopId: string, payload: { area: ShopArea; id: string; gone?: true }];
  /** A production task of a shop changed (created, taken, released, finished, cancelled, approval). */
  'production:changed': [shopId: string, payload: { taskId: string }];
  /**
   * The position an order's courier shares changed (features/courier-location): a new one stored, or all
   * of them deleted when the courier withdrew their consent (positionId null). Keyed by order id.
   */
  'courier:position': [orderId: string, payload: { orderId: string; positionId: string | null }];
  /** A session was revoked; open sockets of it must close. */
  'session:revoked': [sessionId: string, payload: { sessionId: string }];
  /**
   * What a user (`user:<id>`) or an API key (`apiKey:<id>`) may do changed (role changed, removed from
   * staff, key revoked); their open sockets close so the client reconnects with fresh rights.
   */
  'access:changed': [principal: string, payload: { reason: string }];
  /**
   * A session ended, or a user's memberships or an API key changed: every process drops the credentials it
   * cached (auth/credential-cache.ts). One topic for all, since a process cannot subscribe to every id.
   */
  'credentials:changed': [payload: { principal: string }];
};

export type PubSub = ReturnType<typeof createPubSub<PubSubEvents>> & { close(): Promise<void> };

/**
 * In-process pub/sub for one instance, or Redis-backed so every instance sees every event.
 * Redis needs two connections: one in subscriber mode cannot publish (Yoga's redis-pub-sub example).
 * No Redis failure escapes (redis-event-target.ts): callers publish and forget, so an event Redis could
 * not take is logged (error, with its topic) and lost, and the operation that published it still answers;
 * a subscription made during an outage is logged and made again when Redis is back.
 * @param log where an outage (warn, once per outage) and each lost event (error) are reported; @default silent
 */
export function createAppPubSub(
  redisUrl: string | undefined,
  log: Pick<Logger, 'warn' | 'error'> = silent,
): PubSub {
  if (!redisUrl) {
    return Object.assign(createPubSub<PubSubEvents>(), { close: async () => {} });
  }
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  // Without a listener ioredis prints every failed reconnect as an unhandled error event; report an
  // outage once, and again only after Redis came back.
  for (const client of [publishClient, subscribeClient]) {
    let reported = false;
    client.on('error', (error) => {
      if (!reported)
        log.warn({ err: error }, 'redis pub/sub unavailable; events between instances are delayed');
      reported = true;
    });
    client.on('ready', () => {
      reported = false;
    });
  }
  const eventTarget = createRedisEventTarget(publishClient, subscribeClient, log);
  return Object.assign(createPubSub<PubSubEvents>({ eventTarget }), {
    close: async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  });
}

const silent: Pick<Logger, 'warn' | 'error'> = { warn: () => {}, error: () => {} };
