import { Repeater } from 'graphql-yoga';
import type { PubSub } from '../../pubsub.js';

export type DashboardTickReason = 'CHANGE' | 'CLOCK';

export interface DashboardTick {
  at: Date;
  reason: DashboardTickReason;
}

export interface DashboardTickOptions {
  /** Shortest gap between two ticks that changes caused. */
  tickCoalesceMs: number;
  /** Gap between the clock's ticks. */
  clockTickMs: number;
}

/**
 * When a staff dashboard of `shopId` should read itself again: after its orders, production tasks, stock or
 * subscriptions change (`order:changed`, `production:changed`, `shop:changed` of those areas: it counts
 * expiring stock and ending subscriptions), and on the clock, so late and at-risk counts move with time.
 * Changes are coalesced per subscriber: the first after a quiet spell ticks at once, later ones at most once
 * per `tickCoalesceMs`, so a burst of a hundred changes is two ticks. While a tick waits for a slow consumer
 * the next ones are dropped: it already says "read again". A Repeater, so ending the iteration (the client
 * unsubscribes or goes away) unsubscribes from every topic and stops the timers at once, even between ticks.
 */
export function dashboardTicks(
  pubsub: PubSub,
  shopId: string,
  options: DashboardTickOptions,
): AsyncIterableIterator<DashboardTick> {
  return new Repeater<DashboardTick>(async (push, stop) => {
    let waiting = false;
    let lastChangeTick = Number.NEGATIVE_INFINITY;
    let changeTimer: NodeJS.Timeout | null = null;
    const tick = (reason: DashboardTickReason) => {
      if (waiting) return;
      waiting = true;
      void push({ at: new Date(), reason }).then(() => {
        waiting = false;
      });
    };
    const changed = () => {
      if (changeTimer) return;
      const delay = Math.max(0, lastChangeTick + options.tickCoalesceMs - Date.now());
      changeTimer = setTimeout(() => {
        changeTimer = null;
        lastChangeTick = Date.now();
        tick('CHANGE');
      }, delay);
    };
    const clock = setInterval(() => tick('CLOCK'), options.clockTickMs);
    const listen = async <T>(events: AsyncIterable<T>, counts: (event: T) => boolean = () => true) => {
      for await (const event of events) if (counts(event)) changed();
    };
    const topics = [
      pubsub.subscribe('order:changed', shopId),
      pubsub.subscribe('production:changed', shopId),
      pubsub.subscribe('shop:changed', shopId),
    ] as const;
    const listening = [
      listen(topics[0]),
      listen(topics[1]),
      // It counts expiring stock and ending subscriptions, nothing of products or customers.
      listen(topics[2], (event) => event.area === 'stockItem' || event.area === 'subscription'),
    ];
    await stop;
    clearInterval(clock);
    if (changeTimer) clearTimeout(changeTimer);
    await Promise.all(topics.map((events) => events.return?.()));
    await Promise.allSettled(listening);
  });
}
