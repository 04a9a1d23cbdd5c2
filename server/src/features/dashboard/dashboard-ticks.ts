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
 * When a staff dashboard of `shopId` should read itself again: after its orders or production tasks change
 * (`order:changed`, `production:changed`), and on the clock, so late and at-risk counts move with time.
 * Changes are coalesced per subscriber: the first after a quiet spell ticks at once, later ones at most once
 * per `tickCoalesceMs`, so a burst of a hundred changes is two ticks. A tick still waiting for a slow
 * consumer absorbs the next ones: at most one is ever queued. Ending the iteration (the client
 * unsubscribes or goes away) unsubscribes from both topics and stops the timers.
 */
export async function* dashboardTicks(
  pubsub: PubSub,
  shopId: string,
  options: DashboardTickOptions,
): AsyncGenerator<DashboardTick> {
  let queued: DashboardTick | null = null;
  let wake: (() => void) | null = null;
  let lastChangeTick = Number.NEGATIVE_INFINITY;
  let changeTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  const push = (reason: DashboardTickReason) => {
    // A change tick already waiting says everything a clock tick would; keep the first reason.
    queued ??= { at: new Date(), reason };
    wake?.();
  };
  const changed = () => {
    if (changeTimer || stopped) return;
    const delay = Math.max(0, lastChangeTick + options.tickCoalesceMs - Date.now());
    changeTimer = setTimeout(() => {
      changeTimer = null;
      lastChangeTick = Date.now();
      push('CHANGE');
    }, delay);
  };
  const clock = setInterval(() => push('CLOCK'), options.clockTickMs);
  const topics = [pubsub.subscribe('order:changed', shopId), pubsub.subscribe('production:changed', shopId)];
  const listening = topics.map(async (events) => {
    for await (const _event of events) changed();
  });

  try {
    for (;;) {
      if (!queued) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const tick = queued!;
      queued = null;
      yield tick;
    }
  } finally {
    stopped = true;
    clearInterval(clock);
    if (changeTimer) clearTimeout(changeTimer);
    await Promise.all(topics.map((events) => events.return?.()));
    await Promise.allSettled(listening);
  }
}
