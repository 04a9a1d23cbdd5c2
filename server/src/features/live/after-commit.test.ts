import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { liveSubscriber, paramsOf } from '../../../test/live-subscriber.js';
import { requireShop } from '../../context.js';
import { runInTransaction } from '../../transaction.js';
import { StaleVersion } from '../orders/orders.errors.js';
import { publishOrderChange } from '../orders/orders.service.js';
import { addCustomer } from '../production/production-test-fixtures.js';
import { MANAGER, newOrder, rowIdOf, touchOrder } from './live-test-fixtures.js';

// Issue 10: events are "published after the transaction commits, never before". A subscriber that reads
// the order the moment its event arrives sees the change; a mutation that fails publishes nothing.
let app: TestApp;
let manager: Record<string, string>;
let fresh: pg.Client;
let second: pg.Client;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  // Not one of the app's pooled connections: what any other process would read.
  fresh = new pg.Client({ connectionString: app.config.databaseUrl });
  second = new pg.Client({ connectionString: app.config.databaseUrl });
  await Promise.all([fresh.connect(), second.connect()]);
});
afterAll(async () => {
  await Promise.all([fresh?.end(), second?.end()]);
  await app?.stop();
});

const versionInDatabase = async (orderId: string, client = fresh) =>
  (await client.query<{ version: number }>('SELECT version FROM "Order" WHERE id = $1', [orderId])).rows[0]!
    .version;

test('a subscriber reading the order when its event arrives sees the committed change', async () => {
  const customer = await addCustomer(app, 'Commit Reader');
  const order = await newOrder(app, manager, customer.id);
  // Closest to the publish: the raw event, as the server's subscriptions hear it, read at once.
  const ctx = await app.createContext({
    headers: new Headers(manager),
    requestId: 'after-commit-test',
    ip: null,
  });
  const readAtEvent: Promise<number>[] = [];
  const events = ctx.pubsub.subscribe('order:changed', requireShop(ctx))[Symbol.asyncIterator]();
  const listening = (async () => {
    for (let next = await events.next(); !next.done; next = await events.next())
      readAtEvent.push(versionInDatabase(rowIdOf(order), second));
  })();
  const readAtReceipt: Promise<number>[] = [];
  const board = await liveSubscriber(
    app.url,
    paramsOf(manager),
    'subscription { shopOrderChanged { id version } }',
    {
      onResult: () => readAtReceipt.push(versionInDatabase(rowIdOf(order))),
    },
  );
  try {
    const version = await touchOrder(app, manager, order);
    const [payload] = await board.until(1);
    // The server re-read the order for the payload, and another connection reads it, both after the commit.
    expect(payload!.data!.shopOrderChanged).toEqual({ id: order, version });
    expect(await readAtReceipt[0]).toBe(version);
    expect(await readAtEvent[0]).toBe(version);
  } finally {
    await events.return?.();
    await listening;
    await board.dispose();
  }
});

test('a mutation that fails, with a typed error or after queuing its event, publishes nothing', async () => {
  const customer = await addCustomer(app, 'Failed Change');
  const order = await newOrder(app, manager, customer.id);
  const orderId = rowIdOf(order);
  const ctx = await app.createContext({
    headers: new Headers(manager),
    requestId: 'after-commit-test',
    ip: null,
  });
  const heard: unknown[] = [];
  const events = ctx.pubsub.subscribe('order:changed', requireShop(ctx))[Symbol.asyncIterator]();
  const listening = (async () => {
    for (let next = await events.next(); !next.done; next = await events.next()) heard.push(next.value);
  })();
  await sleep(200); // Redis confirms the subscription

  // A stale version: StaleVersion, through the errors plugin.
  const stale = await app.gql(
    `mutation ($id: ID!) { updateOrder(id: $id, version: 0, patch: { cardText: "never" }) { __typename } }`,
    { id: order },
    manager,
  );
  expect(stale.data?.updateOrder.__typename).toBe('StaleVersion');
  // A change that queued its announcement, then failed: the transaction rolls back and drops it.
  await expect(
    runInTransaction(ctx, async (tx) => {
      await tx.prisma.order.update({ where: { id: orderId }, data: { cardText: 'rolled back' } });
      publishOrderChange(tx, requireShop(tx), orderId, 999);
      throw new StaleVersion(1);
    }),
  ).rejects.toBeInstanceOf(StaleVersion);

  // Events of one publisher arrive in order: once this one is heard, any earlier one would have been.
  const version = await touchOrder(app, manager, order);
  for (let waited = 0; heard.length === 0 && waited < 5000; waited += 20) await sleep(20);
  await events.return?.();
  await listening;
  expect(heard).toEqual([{ orderId, version }]);
  expect(await versionInDatabase(orderId)).toBe(version);
});
