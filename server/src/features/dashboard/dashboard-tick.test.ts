import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { demoShopId, FLORIST, MANAGER } from '../production/production-test-fixtures.js';

// Coalescing and the clock, short enough for a test: changes tick at most once per 1.5 s, the clock every 4 s.
const COALESCE_MS = 1500;
const CLOCK_MS = 4000;
let app: TestApp;
let manager: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp({
    DASHBOARD_TICK_COALESCE_MS: String(COALESCE_MS),
    DASHBOARD_CLOCK_TICK_SECONDS: String(CLOCK_MS / 1000),
  });
  manager = await app.signIn(MANAGER);
});
afterAll(() => app?.stop());

const TICK =
  'subscription { dashboardTick { at reason dashboard(atRiskMinutes: 30) { date bookedOrders } } }';

interface Tick {
  receivedAt: number;
  /** When the server sent it, ms. */
  at: number;
  reason?: string;
  bookedOrders?: number;
  errors?: unknown;
}

/** Subscribes to dashboardTick as `authorization` over a real socket; `stop` ends it and answers what came. */
async function subscribe(authorization: string) {
  const ticks: Tick[] = [];
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
  });
  client.subscribe(
    { query: TICK },
    {
      next: (value) => {
        const tick = (
          value.data as {
            dashboardTick?: { at: string; reason: string; dashboard: { bookedOrders: number } };
          }
        )?.dashboardTick;
        ticks.push({
          receivedAt: Date.now(),
          at: Date.parse(tick?.at ?? ''),
          reason: tick?.reason,
          bookedOrders: tick?.dashboard.bookedOrders,
          errors: value.errors,
        });
      },
      error: (error) => void ticks.push({ receivedAt: Date.now(), at: Number.NaN, errors: error }),
      complete: () => {},
    },
  );
  await sleep(300); // the server starts listening
  return {
    ticks,
    stop: async () => {
      await client.dispose();
      return ticks;
    },
  };
}

/** `count` new orders of the demo shop, written straight to the database so only the edits below publish. */
async function newOrders(count: number) {
  const shopId = await demoShopId(app);
  const customer = await app.prisma.customer.findFirstOrThrow({ where: { shopId } });
  const shop = await app.prisma.shop.update({
    where: { id: shopId },
    data: { lastOrderNumber: { increment: count } },
  });
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      app.prisma.order.create({
        data: {
          shopId,
          customerId: customer.id,
          number: shop.lastOrderNumber - i,
          currency: shop.currency,
          subtotalMinor: 0,
          totalMinor: 0,
          fulfillment: 'PICKUP',
        },
      }),
    ),
  );
}

const EDIT = `mutation ($id: ID!, $version: Int!, $patch: OrderPatchInput!) {
  updateOrder(id: $id, version: $version, patch: $patch) { __typename } }`;

test('a burst of 40 order changes is at most one tick per coalescing gap, carrying the new dashboard', async () => {
  const orders = await newOrders(40);
  const subscription = await subscribe(manager.authorization!);
  const started = Date.now();
  const answers = await Promise.all(
    orders.map((order) =>
      app.gql(
        EDIT,
        { id: encodeGlobalId('Order', order.id), version: order.version, patch: { cardText: 'Live!' } },
        manager,
      ),
    ),
  );
  expect(answers.map((a) => a.errors ?? a.data!.updateOrder.__typename)).toEqual(
    orders.map(() => 'MutationUpdateOrderSuccess'),
  );
  const burst = Date.now() - started;
  await sleep(COALESCE_MS + 500); // the trailing tick of the burst
  const ticks = (await subscription.stop()).filter((tick) => tick.reason === 'CHANGE');
  expect(ticks.length).toBeGreaterThanOrEqual(1);
  // One at the start, then at most one per gap while the burst lasts, and one after it.
  expect(ticks.length).toBeLessThanOrEqual(2 + Math.floor(burst / COALESCE_MS));
  expect(ticks.length).toBeLessThan(orders.length / 4);
  // Spaced by when the server sent them (`at`), not when they arrived: reading the dashboard takes a while.
  for (let i = 1; i < ticks.length; i++)
    expect(ticks[i]!.at - ticks[i - 1]!.at).toBeGreaterThanOrEqual(COALESCE_MS - 5);
  expect(ticks.at(-1)!.errors).toBeUndefined();
  expect(typeof ticks.at(-1)!.bookedOrders).toBe('number');
});

test('with nothing changing, the clock ticks', async () => {
  const subscription = await subscribe(manager.authorization!);
  await sleep(CLOCK_MS * 2 + 500);
  const ticks = await subscription.stop();
  expect(ticks.map((tick) => tick.reason)).toEqual(['CLOCK', 'CLOCK']);
});

test('a florist may not subscribe', async () => {
  const florist = await app.signIn(FLORIST);
  const subscription = await subscribe(florist.authorization!);
  await sleep(300);
  const ticks = await subscription.stop();
  expect(ticks).toHaveLength(1);
  expect(JSON.stringify(ticks[0]!.errors)).toContain('FORBIDDEN');
});
