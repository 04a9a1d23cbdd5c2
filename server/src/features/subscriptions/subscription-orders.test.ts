import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Prisma } from '@posy/prisma';
import { createPrismaClient } from '@posy/prisma/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { createTokenSigner } from '../../auth/tokens.js';
import type { AppPrisma } from '../../context.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import type { SystemContextDeps } from '../../jobs/system-context.js';
import { createAppPubSub } from '../../pubsub.js';
import { LocalDiskStorage } from '../../storage/local-disk-storage.js';
import { localToUtc } from '../checkout/local-time.js';
import {
  GENERATE_SUBSCRIPTION_ORDERS_TASK,
  runSubscriptionJobs,
} from './generate-subscription-orders.task.js';
import { deliveryDate } from './subscription-schedule.js';

let app: TestApp;
let shopId: string;
let customerId: string;
let productId: string;
/** A second client with its own pool: the other worker of the race. */
let otherClient: AppPrisma;
let deps: SystemContextDeps;
let otherDeps: SystemContextDeps;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Deliveries are on whole minutes (the schedule keeps the local minute), so fixtures are too. */
const fromNow = (ms: number) => new Date(Math.floor((Date.now() + ms) / MINUTE) * MINUTE);

beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  customerId = (await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } })).id;
  productId = (
    await app.prisma.product.findFirstOrThrow({
      where: { shopId, active: true, archivedAt: null },
      orderBy: { name: 'asc' },
    })
  ).id;
  const log = pino({ level: 'silent' });
  const shared = {
    config: app.config,
    log,
    signer: await createTokenSigner(app.config),
    appUrl: app.appUrl,
    files: new LocalDiskStorage(path.join(app.config.dataDir, 'files')),
  };
  deps = { ...shared, prisma: app.prisma, pubsub: createAppPubSub(undefined, log) };
  otherClient = createPrismaClient(app.config.databaseUrl!, { log: [{ level: 'query', emit: 'event' }] });
  otherDeps = { ...shared, prisma: otherClient, pubsub: createAppPubSub(undefined, log) };
});
afterAll(async () => {
  await otherClient?.$disconnect();
  await Promise.all([deps?.pubsub.close(), otherDeps?.pubsub.close()]);
  await app?.stop();
});

/** An ACTIVE weekly subscription of Chris Customer's, next due in a day, valid for two months. */
const insert = (over: Partial<Prisma.SubscriptionUncheckedCreateInput> = {}) =>
  app.prisma.subscription.create({
    data: {
      shopId,
      customerId,
      productId,
      plan: 'Weekly test bouquet',
      frequency: 'WEEKLY',
      priceMinor: 150_000,
      quantity: 2,
      recipientName: 'Rita Recipient',
      recipientPhone: '+79990000000',
      deliveryAddress: 'Moscow, Arbat 10, apt 1',
      validFrom: fromNow(-10 * DAY),
      validUntil: fromNow(60 * DAY),
      termDays: 70,
      nextDeliveryAt: fromNow(DAY),
      windowMinutes: 120,
      ...over,
    },
  });

const run = (on = deps) => runSubscriptionJobs(on, { requestId: `test:${Math.random()}` });
const ordersOf = (subscriptionId: string) =>
  app.prisma.order.findMany({ where: { subscriptionId }, include: { items: true, events: true } });
const reread = (id: string) => app.prisma.subscription.findUniqueOrThrow({ where: { id } });

describe('the subscription order generator', () => {
  test("makes tomorrow's order once: linked, at the subscription's price, in its window; then a week on", async () => {
    const sub = await insert();
    const at = sub.nextDeliveryAt!;
    await run();
    await run();

    const orders = await ordersOf(sub.id);
    expect(orders).toHaveLength(1);
    const [order] = orders;
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(order).toMatchObject({
      customerId,
      source: 'SUBSCRIPTION',
      status: 'NEW',
      fulfillment: 'DELIVERY',
      recipientName: 'Rita Recipient',
      recipientPhone: '+79990000000',
      deliveryAddress: 'Moscow, Arbat 10, apt 1',
      windowStart: at,
      windowEnd: new Date(at.getTime() + 120 * MINUTE),
      subtotalMinor: 300_000,
      totalMinor: 300_000 + shop.deliveryFeeMinor,
      createdById: null,
    });
    expect(order!.idempotencyKey).toMatch(new RegExp(`^subscription:${sub.id}:\\d{4}-\\d{2}-\\d{2}$`));
    expect(order!.items).toMatchObject([
      { productId, quantity: 2, unitPriceMinor: 150_000, totalMinor: 300_000 },
    ]);
    // Made by the shop itself: no person or key on its first event.
    expect(order!.events).toMatchObject([{ actorId: null, actorApiKeyId: null, toStatus: 'NEW' }]);

    const after = await reread(sub.id);
    expect(after.nextDeliveryAt).toEqual(new Date(at.getTime() + 7 * DAY));
    expect(after).toMatchObject({ status: 'ACTIVE', version: sub.version + 1 });

    const entries = await app.prisma.auditLog.findMany({ where: { targetId: sub.id } });
    expect(entries).toMatchObject([
      {
        action: 'generateSubscriptionOrder',
        shopId,
        actorId: null,
        actorApiKeyId: null,
        changes: { job: GENERATE_SUBSCRIPTION_ORDERS_TASK, orderId: order!.id },
      },
    ]);
  });

  test('the order names its subscription to those who may see subscriptions', async () => {
    const sub = await insert({ plan: 'Linked plan' });
    await run();
    const [order] = await ordersOf(sub.id);
    const query = 'query ($id: ID!) { order(id: $id) { source subscription { plan } } }';
    const id = encodeGlobalId('Order', order!.id);
    const manager = await app.gql(query, { id }, await app.signIn('manager@posy.demo'));
    expect(manager.data?.order).toEqual({ source: 'SUBSCRIPTION', subscription: { plan: 'Linked plan' } });
    const florist = await app.gql(query, { id }, await app.signIn('florist@posy.demo'));
    expect(florist.data?.order).toEqual({ source: 'SUBSCRIPTION', subscription: null });
    expect(florist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test("the demo shop's seeded subscription due tomorrow becomes an order", async () => {
    const seeded = await app.prisma.subscription.findFirstOrThrow({
      where: { shopId, customer: { name: 'Olga Smirnova' } },
    });
    await run();
    expect(await ordersOf(seeded.id)).toHaveLength(1);
  });

  test('two workers at the same moment make exactly one order per subscription and date', async () => {
    const subs = await Promise.all(
      [1, 2, 3, 4].map((n) => insert({ nextDeliveryAt: fromNow(n * HOUR + DAY) })),
    );
    await Promise.all([run(deps), run(otherDeps), run(deps), run(otherDeps)]);
    for (const sub of subs) {
      const orders = await ordersOf(sub.id);
      expect(orders, sub.id).toHaveLength(1);
      // Generated once, not twice with the same answer: one advance, one audit entry.
      expect(await reread(sub.id)).toMatchObject({
        nextDeliveryAt: new Date(sub.nextDeliveryAt!.getTime() + 7 * DAY),
        version: sub.version + 1,
      });
      expect(await app.prisma.auditLog.count({ where: { targetId: sub.id } })).toBe(1);
    }
  });

  test('a schedule set back to a date that has its order (a resume, say) answers that order, not a second', async () => {
    // Tomorrow at noon on the shop's clock: moved by half an hour it stays on the same local day whatever the
    // hour the test runs (from a day ahead, late in the evening it crossed midnight and was another date).
    const { timezone } = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const sub = await insert({
      nextDeliveryAt: localToUtc(deliveryDate(fromNow(DAY), timezone), 12 * 60, timezone),
    });
    await run();
    // As if something recomputed the next delivery to the same day again, window a little moved.
    await app.prisma.subscription.update({
      where: { id: sub.id },
      data: { nextDeliveryAt: new Date(sub.nextDeliveryAt!.getTime() + 30 * MINUTE) },
    });
    await Promise.all([run(deps), run(otherDeps)]);
    expect(await ordersOf(sub.id)).toHaveLength(1);
    expect((await reread(sub.id)).nextDeliveryAt).toEqual(
      new Date(sub.nextDeliveryAt!.getTime() + 7 * DAY + 30 * MINUTE),
    );
  });

  test('a product archived or off sale pauses the subscription with the reason, audited, for managers to see', async () => {
    const archived = await app.prisma.product.create({
      data: { shopId, name: 'Discontinued', priceMinor: 100_000, archivedAt: new Date() },
    });
    const offSale = await app.prisma.product.create({
      data: { shopId, name: 'Off season', priceMinor: 100_000, active: false },
    });
    const gone = await insert({ productId: archived.id, nextDeliveryAt: fromNow(DAY - HOUR) });
    const resting = await insert({ productId: offSale.id, nextDeliveryAt: fromNow(DAY - HOUR) });
    const fine = await insert({ nextDeliveryAt: fromNow(DAY) });
    await run();
    await run(); // the second run finds them paused: nothing more is written
    for (const [sub, reason] of [
      [gone, "The subscription's product is archived"],
      [resting, "The subscription's product is off sale"],
    ] as const) {
      expect(await ordersOf(sub.id)).toHaveLength(0);
      expect(await reread(sub.id)).toMatchObject({
        status: 'PAUSED',
        pauseReason: reason,
        nextDeliveryAt: sub.nextDeliveryAt,
        version: sub.version + 1,
      });
      expect(await app.prisma.auditLog.findMany({ where: { targetId: sub.id } })).toMatchObject([
        { action: 'pauseSubscriptionForAttention', actorId: null, changes: { pauseReason: reason } },
      ]);
    }
    expect(await ordersOf(fine.id)).toHaveLength(1);

    const manager = await app.signIn('manager@posy.demo');
    const listed = await app.gql(
      `{ subscriptions(filter: { needsAttention: true }, first: 50) {
        edges { node { id status pauseReason needsAttention } } } }`,
      {},
      manager,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.subscriptions.edges.map((e: { node: unknown }) => e.node)).toEqual(
      expect.arrayContaining([
        {
          id: encodeGlobalId('CustomerSubscription', gone.id),
          status: 'PAUSED',
          pauseReason: "The subscription's product is archived",
          needsAttention: true,
        },
      ]),
    );
    const ids = listed.data!.subscriptions.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).not.toContain(encodeGlobalId('CustomerSubscription', fine.id));

    // Resuming (once the product is back on sale) clears the reason: it no longer needs attention.
    await app.prisma.product.update({ where: { id: offSale.id }, data: { active: true } });
    const resumed = await app.gql(
      `mutation($id: ID!, $version: Int!) { resumeSubscription(id: $id, version: $version) {
        __typename ... on MutationResumeSubscriptionSuccess { data { status pauseReason needsAttention } } } }`,
      { id: encodeGlobalId('CustomerSubscription', resting.id), version: resting.version + 1 },
      manager,
    );
    expect(resumed.data!.resumeSubscription.data).toEqual({
      status: 'ACTIVE',
      pauseReason: null,
      needsAttention: false,
    });
  });

  test('a delivery with the shop closed that day and the six after is skipped, audited, the schedule moved on', async () => {
    const sub = await insert({ nextDeliveryAt: fromNow(DAY) });
    const at = sub.nextDeliveryAt!;
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    await app.prisma.shopClosure.createMany({
      data: Array.from({ length: 7 }, (_, n) => ({
        shopId,
        date: new Date(`${deliveryDate(new Date(at.getTime() + n * DAY), shop.timezone)}T00:00:00Z`),
        reason: 'Holidays',
      })),
      skipDuplicates: true, // the seed may close one of these days already
    });
    await run();
    await app.prisma.shopClosure.deleteMany({ where: { shopId, reason: 'Holidays' } });
    expect(await ordersOf(sub.id)).toHaveLength(0);
    expect((await reread(sub.id)).nextDeliveryAt).toEqual(new Date(at.getTime() + 7 * DAY));
    expect(await app.prisma.auditLog.findMany({ where: { targetId: sub.id } })).toMatchObject([
      {
        action: 'skipSubscriptionDelivery',
        changes: { orderId: null, skipped: expect.stringContaining('closed') },
      },
    ]);
  });

  test('a product deleted since pauses the subscription too', async () => {
    const doomed = await app.prisma.product.create({ data: { shopId, name: 'Doomed', priceMinor: 100_000 } });
    const sub = await insert({ productId: doomed.id, nextDeliveryAt: fromNow(DAY - HOUR) });
    await app.prisma.product.delete({ where: { id: doomed.id } });
    await run();
    expect(await ordersOf(sub.id)).toHaveLength(0);
    expect(await reread(sub.id)).toMatchObject({
      status: 'PAUSED',
      pauseReason: "The subscription's product no longer exists",
    });
  });

  test('a delivery on a day the shop is closed moves to the next open day, same time; the schedule keeps its dates', async () => {
    const sub = await insert({ nextDeliveryAt: fromNow(DAY) });
    const at = sub.nextDeliveryAt!;
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const localDay = (d: Date) => new Date(`${deliveryDate(d, shop.timezone)}T00:00:00Z`);
    // Closed on the delivery day and the day after.
    await app.prisma.shopClosure.createMany({
      data: [
        { shopId, date: localDay(at), reason: 'Inventory' },
        { shopId, date: localDay(new Date(at.getTime() + DAY)), reason: 'Inventory' },
      ],
    });
    await run();
    const orders = await ordersOf(sub.id);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      windowStart: new Date(at.getTime() + 2 * DAY),
      windowEnd: new Date(at.getTime() + 2 * DAY + 120 * MINUTE),
    });
    expect((await reread(sub.id)).nextDeliveryAt).toEqual(new Date(at.getTime() + 7 * DAY));
    expect(await app.prisma.auditLog.findMany({ where: { targetId: sub.id } })).toMatchObject([
      {
        action: 'generateSubscriptionOrder',
        changes: {
          deliveryDate: deliveryDate(at, shop.timezone),
          movedTo: deliveryDate(new Date(at.getTime() + 2 * DAY), shop.timezone),
        },
      },
    ]);
    await app.prisma.shopClosure.deleteMany({ where: { shopId, reason: 'Inventory' } });
  });

  test('a paused subscription, and a delivery beyond the lead horizon, make nothing', async () => {
    const paused = await insert({ status: 'PAUSED' });
    const later = await insert({ nextDeliveryAt: fromNow(3 * DAY) });
    await run();
    for (const sub of [paused, later]) {
      expect(await ordersOf(sub.id)).toHaveLength(0);
      expect(await reread(sub.id)).toEqual(sub);
    }
  });

  test('past validUntil: EXPIRED and no order, paused ones too; a next delivery after the end waits', async () => {
    const ended = await insert({
      validFrom: fromNow(-30 * DAY),
      validUntil: fromNow(-HOUR),
      nextDeliveryAt: fromNow(DAY - HOUR),
    });
    const pausedEnded = await insert({
      status: 'PAUSED',
      validFrom: fromNow(-30 * DAY),
      validUntil: fromNow(-HOUR),
    });
    const endsFirst = await insert({ validUntil: fromNow(12 * HOUR), nextDeliveryAt: fromNow(DAY) });
    const report = await run();
    expect(report.expired).toEqual(expect.arrayContaining([ended.id, pausedEnded.id]));
    for (const sub of [ended, pausedEnded]) {
      expect(await ordersOf(sub.id)).toHaveLength(0);
      expect(await reread(sub.id)).toMatchObject({ status: 'EXPIRED', version: sub.version + 1 });
      expect(await app.prisma.auditLog.findMany({ where: { targetId: sub.id } })).toMatchObject([
        { action: 'expireSubscription', actorId: null, actorApiKeyId: null },
      ]);
    }
    expect(await ordersOf(endsFirst.id)).toHaveLength(0);
    expect(await reread(endsFirst.id)).toMatchObject({
      status: 'ACTIVE',
      nextDeliveryAt: endsFirst.nextDeliveryAt,
    });
  });

  test('a delivery whose window has passed (the worker was down) is skipped, not ordered late', async () => {
    const sub = await insert({ nextDeliveryAt: fromNow(-5 * HOUR) });
    await run();
    expect(await ordersOf(sub.id)).toHaveLength(0);
    expect((await reread(sub.id)).nextDeliveryAt).toEqual(new Date(sub.nextDeliveryAt!.getTime() + 7 * DAY));
    expect(await app.prisma.auditLog.findMany({ where: { targetId: sub.id } })).toMatchObject([
      { action: 'skipSubscriptionDelivery', changes: { orderId: null } },
    ]);
  });
});

describe('the job runner', () => {
  test('schedules the generator as a graphile-worker cron when SUBSCRIPTION_ORDERS_EVERY_MINUTES is set', async () => {
    const scheduled = await startTestApp({ SUBSCRIPTION_ORDERS_EVERY_MINUTES: '15' });
    try {
      // The runner records its cron items as it starts its scheduler, just after run() resolves.
      const known = async () =>
        (
          await scheduled.prisma.$queryRaw<{ identifier: string }[]>`
            SELECT identifier FROM graphile_worker._private_known_crontabs`
        ).map((k) => k.identifier);
      for (let tries = 0; tries < 100 && !(await known()).length; tries += 1) await sleep(100);
      expect(await known()).toContain(GENERATE_SUBSCRIPTION_ORDERS_TASK);
    } finally {
      await scheduled.stop();
    }
  });
});
