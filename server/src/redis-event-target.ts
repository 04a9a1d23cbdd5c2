import type { PubSubEventTarget } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import type { PubSubEvents } from './pubsub.js';

/**
 * Yoga's pub/sub event target over Redis, as `@graphql-yoga/redis-event-target` (same channels, same
 * JSON, '' for no payload) but with every Redis command's failure caught. The library drops the
 * promises of PUBLISH, SUBSCRIBE and UNSUBSCRIBE; while Redis is away each rejects after
 * `maxRetriesPerRequest` reconnects (MaxRetriesPerRequestError), unhandled, and Node exits: on a logout,
 * a role change, or any WebSocket connecting (ws.ts subscribes to its session's revocations).
 * Here an event Redis could not take is logged with its topic and lost, and a topic whose SUBSCRIBE
 * failed is subscribed again when Redis is back (ioredis resubscribes only what it had subscribed).
 */
export function createRedisEventTarget(
  publishClient: Redis,
  subscribeClient: Redis,
  log: Pick<Logger, 'warn' | 'error'>,
): PubSubEventTarget<PubSubEvents> {
  const listenersOfTopic = new Map<string, Set<EventListenerOrEventListenerObject>>();
  const subscribe = (topics: string[]) => {
    subscribeClient.subscribe(...topics).catch((error: unknown) => {
      log.warn({ err: error, topics }, 'redis subscribe failed; subscribing again when redis is back');
    });
  };
  subscribeClient.on('message', (channel: string, message: string) => {
    const listeners = listenersOfTopic.get(channel);
    if (!listeners) return;
    let detail: unknown;
    try {
      detail = message === '' ? null : JSON.parse(message);
    } catch (error) {
      // Thrown here it would surface inside ioredis' reply parser; another publisher's mistake is not ours.
      log.error({ err: error, topic: channel }, 'event not understood: its payload is not JSON; dropped');
      return;
    }
    const event = new CustomEvent(channel, { detail });
    for (const listener of listeners)
      if (typeof listener === 'function') listener(event);
      else listener.handleEvent(event);
  });
  subscribeClient.on('ready', () => {
    if (listenersOfTopic.size) subscribe([...listenersOfTopic.keys()]);
  });
  // Typed loosely inside: createPubSub only ever passes its own events and listeners.
  const target = {
    addEventListener(topic: string, callback: EventListenerOrEventListenerObject | null) {
      if (!callback) return;
      let listeners = listenersOfTopic.get(topic);
      if (!listeners) {
        listeners = new Set();
        listenersOfTopic.set(topic, listeners);
        subscribe([topic]);
      }
      listeners.add(callback);
    },
    removeEventListener(topic: string, callback: EventListenerOrEventListenerObject | null) {
      const listeners = listenersOfTopic.get(topic);
      if (!callback || !listeners) return;
      listeners.delete(callback);
      if (listeners.size) return;
      listenersOfTopic.delete(topic);
      subscribeClient.unsubscribe(topic).catch((error: unknown) => {
        // Harmless: Redis forgot the subscription with the connection, or sends a message no one hears.
        log.warn({ err: error, topic }, 'redis unsubscribe failed');
      });
    },
    dispatchEvent(event: CustomEvent) {
      const message = event.detail === undefined ? '' : JSON.stringify(event.detail);
      publishClient.publish(event.type, message).catch((error: unknown) => {
        log.error({ err: error, topic: event.type }, 'event not published: redis unavailable; it is lost');
      });
      return true;
    },
  };
  return target as unknown as PubSubEventTarget<PubSubEvents>;
}
