import { DEMO_LOGINS } from '@posy/prisma/seed';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertBulkOrders } from '../../../test/bulk-orders.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { COURIER, CUSTOMER, demoShopId, FLORIST, MANAGER } from '../production/production-test-fixtures.js';
import { localToday } from '../reports/local-days.js';

let app: TestApp;
let manager: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp();
  // The demo shop named: the manager also manages the shop the first test makes.
  manager = { ...(await app.signIn(MANAGER)), 'x-shop-id': await demoShopId(app) };
});
afterAll(() => app?.stop());

const DASHBOARD = `query ($atRiskMinutes: Int, $expiringHours: Int) {
  dashboard(atRiskMinutes: $atRiskMinutes, expiringHours: $expiringHours) {
    date timeZone ordersByStatus { status count } paidRevenue { amountMinor currency }
    bookedRevenue { amountMinor currency } bookedOrders lateDeliveries atRiskDeliveries
    productionWaiting productionInProgress expiringBatches expiringStockItems subscriptionsEnding } }`;

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/**
 * A zone where it is about noon now, so "today" reaches hours either side of the test's instants
 * whenever the test runs (Etc/GMT-N is UTC+N).
 */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/** A shop of its own with every kind of row the dashboard counts, and the demo manager managing it. */
async function dashboardShop() {
  const zone = zoneAtNoon();
  const shop = await app.prisma.shop.create({
    data: { name: 'Dashboard shop', slug: 'dashboard-shop', timezone: zone, currency: 'EUR' },
  });
  const managerId = (await app.prisma.user.findUniqueOrThrow({ where: { email: MANAGER } })).id;
  await app.prisma.membership.create({ data: { userId: managerId, shopId: shop.id, role: 'MANAGER' } });
  const customer = await app.prisma.customer.create({ data: { shopId: shop.id, name: 'Dora' } });
  const today = localToday(new Date(), zone);
  const yesterday = new Date(today.start.getTime() - 3_600_000);
  let number = 0;
  const order = (data: Record<string, unknown>) =>
    app.prisma.order.create({
      data: {
        shopId: shop.id,
        customerId: customer.id,
        number: ++number,
        currency: 'EUR',
        subtotalMinor: 0,
        totalMinor: 0,
        createdAt: yesterday,
        ...data,
      },
    });
  const late = await order({ status: 'NEW', windowStart: minutes(-180), windowEnd: minutes(-60) });
  const atRisk = await order({ status: 'READY', windowStart: minutes(-120), windowEnd: minutes(30) });
  const out = await order({ status: 'OUT_FOR_DELIVERY', windowStart: minutes(-60), windowEnd: minutes(20) });
  const delivered = await order({ status: 'DELIVERED', windowStart: minutes(-90), windowEnd: minutes(-30) });
  // Made and paid today, for tomorrow: booked and paid today, but not one of today's orders.
  await order({
    status: 'CONFIRMED',
    windowStart: new Date(today.end.getTime() + 3_600_000),
    windowEnd: new Date(today.end.getTime() + 7_200_000),
    createdAt: new Date(),
    paymentStatus: 'PAID',
    paidAt: new Date(),
    totalMinor: 5000,
  });
  await order({ status: 'CANCELLED', createdAt: new Date(), totalMinor: 7000 });
  // Yesterday's window, still open: not today's, so not late today.
  await order({ status: 'READY', windowStart: minutes(-60 * 30), windowEnd: yesterday });
  await order({ status: 'NEW', windowStart: minutes(60), windowEnd: minutes(180) });
  await order({ status: 'DELIVERED', paymentStatus: 'PAID', paidAt: yesterday, totalMinor: 900 });
  await order({
    status: 'CONFIRMED',
    createdAt: new Date(),
    paymentStatus: 'REFUNDED',
    paidAt: new Date(),
    totalMinor: 1000,
  });
  for (const [o, status] of [
    [late, 'PENDING'],
    [atRisk, 'PENDING'],
    [out, 'IN_PROGRESS'],
    [delivered, 'DONE'],
  ] as const)
    await app.prisma.productionTask.create({ data: { shopId: shop.id, orderId: o.id, status } });
  const roses = await app.prisma.stockItem.create({ data: { shopId: shop.id, name: 'Roses', unit: 'STEM' } });
  const tulips = await app.prisma.stockItem.create({
    data: { shopId: shop.id, name: 'Tulips', unit: 'STEM' },
  });
  const batch = (stockItemId: string, quantityRemaining: number, hours: number, writtenOff = false) =>
    app.prisma.stockBatch.create({
      data: {
        stockItemId,
        quantityReceived: 10,
        quantityRemaining,
        unitCostMinor: 10,
        expiresAt: minutes(hours * 60),
        writtenOffAt: writtenOff ? new Date() : null,
      },
    });
  await batch(roses.id, 10, 5);
  await batch(roses.id, 0, 5);
  await batch(roses.id, 5, 30);
  await batch(roses.id, 5, 3, true);
  await batch(tulips.id, 3, 2);
  const subscription = (status: 'ACTIVE' | 'PAUSED' | 'CANCELLED' | 'EXPIRED', days: number) =>
    app.prisma.subscription.create({
      data: {
        shopId: shop.id,
        customerId: customer.id,
        plan: 'Weekly roses',
        frequency: 'WEEKLY',
        priceMinor: 100,
        validFrom: minutes(-60 * 24 * 30),
        validUntil: minutes(days * 24 * 60),
        termDays: 30 + days,
        status,
      },
    });
  await subscription('ACTIVE', 3);
  await subscription('PAUSED', 6);
  await subscription('ACTIVE', 10);
  await subscription('CANCELLED', 2);
  await subscription('EXPIRED', -1);
  return { shop, today };
}

describe('dashboard', () => {
  test('counts today in the shop’s zone: orders by status, revenue, deliveries, production, stock, subscriptions', async () => {
    const { shop, today } = await dashboardShop();
    const headers = { ...manager, 'x-shop-id': shop.id };
    const result = await app.gql(DASHBOARD, {}, headers);
    expect(result.errors).toBeUndefined();
    const counts = Object.fromEntries(
      result.data!.dashboard.ordersByStatus.map((row: { status: string; count: number }) => [
        row.status,
        row.count,
      ]),
    );
    expect(counts).toEqual({
      NEW: 2,
      CONFIRMED: 1,
      IN_PRODUCTION: 0,
      READY: 1,
      OUT_FOR_DELIVERY: 1,
      DELIVERED: 1,
      PICKED_UP: 0,
      CANCELLED: 1,
    });
    expect(result.data!.dashboard).toMatchObject({
      date: today.date,
      timeZone: shop.timezone,
      paidRevenue: { amountMinor: 5000, currency: 'EUR' },
      bookedRevenue: { amountMinor: 6000, currency: 'EUR' },
      bookedOrders: 2,
      lateDeliveries: 1,
      atRiskDeliveries: 1,
      productionWaiting: 2,
      productionInProgress: 1,
      expiringBatches: 2,
      expiringStockItems: 2,
      subscriptionsEnding: 2,
    });
    const wider = await app.gql(DASHBOARD, { atRiskMinutes: 240, expiringHours: 48 }, headers);
    expect(wider.data!.dashboard).toMatchObject({
      atRiskDeliveries: 2,
      expiringBatches: 3,
      expiringStockItems: 2,
    });
  });

  test('bounds on its arguments answer BAD_USER_INPUT naming the argument', async () => {
    for (const variables of [{ atRiskMinutes: 0 }, { expiringHours: 24 * 8 }]) {
      const result = await app.gql(DASHBOARD, variables, manager);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: Object.keys(variables)[0],
      });
    }
  });

  test('admins, managers and reports:read keys read it; florists, couriers, customers and other keys do not', async () => {
    const admin = await app.signIn(DEMO_LOGINS.find((login) => login.role === 'ADMIN')!.email);
    const reportsKey = await app.insertApiKey({ scopes: ['reports:read'] });
    for (const headers of [admin, manager, reportsKey.headers]) {
      const result = await app.gql(DASHBOARD, {}, headers);
      expect(result.errors).toBeUndefined();
      expect(result.data!.dashboard.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const email of [FLORIST, COURIER, CUSTOMER]) {
      const result = await app.gql(DASHBOARD, {}, await app.signIn(email));
      expect(result.errors?.[0]?.extensions?.code, email).toBe('FORBIDDEN');
    }
    const ordersKey = await app.insertApiKey({ scopes: ['orders:read', 'stock:read'] });
    const refused = await app.gql(DASHBOARD, {}, ordersKey.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(DASHBOARD)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('dashboard statements', () => {
  /** Where the query listener records statements; null while not counting (Prisma has no $off). */
  let recording: string[] | null = null;
  beforeAll(() => app.prisma.$on('query', (event) => recording?.push(event.query)));

  async function countStatements() {
    const statements: string[] = [];
    recording = statements;
    const result = await app.gql(DASHBOARD, {}, manager);
    recording = null;
    expect(result.errors).toBeUndefined();
    return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim()));
  }

  test('the dashboard of a shop with 3,000 more orders, tasks and batches runs the same statements', async () => {
    await countStatements(); // warm-up
    const small = await countStatements();
    const shopId = await demoShopId(app);
    await insertBulkOrders(app.prisma, { shopId, count: 3000, from: minutes(-60 * 24), spacingSeconds: 30 });
    await app.prisma.$executeRaw`
      INSERT INTO "ProductionTask" (id, "shopId", "orderId", status, "updatedAt")
      SELECT gen_random_uuid(), o."shopId", o.id, 'PENDING', now() FROM "Order" o
      WHERE o."shopId" = ${shopId}::uuid AND NOT EXISTS (SELECT 1 FROM "ProductionTask" t WHERE t."orderId" = o.id)`;
    await app.prisma.$executeRaw`
      INSERT INTO "StockBatch" (id, "stockItemId", "quantityReceived", "quantityRemaining", "unitCostMinor", "expiresAt")
      SELECT gen_random_uuid(), s.id, 10, 10, 5, now() + interval '3 hours' FROM "StockItem" s, generate_series(1, 50)
      WHERE s."shopId" = ${shopId}::uuid`;
    const large = await countStatements();
    const dashboard = (await app.gql(DASHBOARD, {}, manager)).data!.dashboard;
    expect(dashboard.productionWaiting).toBeGreaterThan(1000);
    expect(large).toHaveLength(small.length);
    // Past the viewer's own lookups (session, user, memberships): the shop, then eight aggregates.
    expect(small.filter((sql) => !/"public"\."(Session|User|Membership)"/.test(sql))).toHaveLength(9);
  });
});
