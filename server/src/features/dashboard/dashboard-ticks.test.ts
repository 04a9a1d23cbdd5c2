import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { createAppPubSub } from '../../pubsub.js';
import { dashboardTicks } from './dashboard-ticks.js';

// The ticker on the app's in-process pub/sub; the socket path is dashboard-tick.test.ts.
const SHOP = 'shop-a';

test('a hundred changes at once are one tick at once and one after the coalescing gap', async () => {
  const pubsub = createAppPubSub(undefined);
  const ticks = dashboardTicks(pubsub, SHOP, { tickCoalesceMs: 300, clockTickMs: 60_000 });
  const received: { reason: string; at: number }[] = [];
  const reading = (async () => {
    for await (const tick of ticks) received.push({ reason: tick.reason, at: tick.at.getTime() });
  })();
  await sleep(20);
  for (let i = 0; i < 100; i++) pubsub.publish('order:changed', SHOP, { orderId: String(i), version: 1 });
  pubsub.publish('order:changed', 'shop-b', { orderId: 'other', version: 1 });
  await sleep(100);
  expect(received.map((t) => t.reason)).toEqual(['CHANGE']);
  for (let i = 0; i < 50; i++) pubsub.publish('production:changed', SHOP, { taskId: String(i) });
  await sleep(400);
  expect(received.map((t) => t.reason)).toEqual(['CHANGE', 'CHANGE']);
  expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(295);
  await sleep(400);
  expect(received).toHaveLength(2);
  await ticks.return?.();
  await reading;
});

test('ending the iteration between ticks stops it at once, not at the next tick', async () => {
  const pubsub = createAppPubSub(undefined);
  const ticks = dashboardTicks(pubsub, SHOP, { tickCoalesceMs: 300, clockTickMs: 60_000 });
  const next = ticks.next();
  await sleep(20);
  const started = Date.now();
  await ticks.return?.();
  expect(await next).toMatchObject({ done: true });
  expect(Date.now() - started).toBeLessThan(200);
});

test('stock and subscription changes tick (the dashboard counts them); product and customer changes do not', async () => {
  const pubsub = createAppPubSub(undefined);
  const ticks = dashboardTicks(pubsub, SHOP, { tickCoalesceMs: 50, clockTickMs: 60_000 });
  const received: string[] = [];
  const reading = (async () => {
    for await (const tick of ticks) received.push(tick.reason);
  })();
  await sleep(20);
  pubsub.publish('shop:changed', SHOP, { area: 'product', id: 'p' });
  pubsub.publish('shop:changed', SHOP, { area: 'customer', id: 'c' });
  await sleep(100);
  expect(received).toEqual([]);
  pubsub.publish('shop:changed', SHOP, { area: 'stockItem', id: 's' });
  await sleep(100);
  pubsub.publish('shop:changed', SHOP, { area: 'subscription', id: 'x' });
  await sleep(100);
  expect(received).toEqual(['CHANGE', 'CHANGE']);
  await ticks.return?.();
  await reading;
});
