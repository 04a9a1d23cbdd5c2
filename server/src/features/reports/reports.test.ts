import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { localToUtc } from '../checkout/local-time.js';
import { COURIER, CUSTOMER, FLORIST, MANAGER } from '../production/production-test-fixtures.js';

let app: TestApp;
let headers: Record<string, string>;
let ids: { courier: string; roses: string; tulips: string; vase: string; ribbon: string };
const ZONE = 'Asia/Vladivostok'; // UTC+10: a local day starts at 14:00 UTC of the day before

const SALES = `query ($period: ReportPeriodInput!) { salesReport(period: $period) { from to timeZone
  byDay { day orders revenue { amountMinor currency } cost { amountMinor } margin { amountMinor } }
  byProduct { productId productName quantity orders revenue { amountMinor } cost { amountMinor } margin { amountMinor } }
  byCourier { courierId courierName orders revenue { amountMinor } margin { amountMinor } }
  byChannel { source orders revenue { amountMinor } cost { amountMinor } } } }`;
const WRITE_OFFS = `query ($period: ReportPeriodInput!) { writeOffReport(period: $period) {
  byStockItem { stockItemId stockItemName unit quantity cost { amountMinor currency } } } }`;

/**
 * A shop in Vladivostok with orders on 1 and 2 March (local) and one just either side of the period, so
 * each figure below is worked out by hand.
 */
beforeAll(async () => {
  app = await startTestApp();
  const shop = await app.prisma.shop.create({
    data: { name: 'Report shop', slug: 'report-shop', timezone: ZONE, currency: 'EUR' },
  });
  const managerId = (await app.prisma.user.findUniqueOrThrow({ where: { email: MANAGER } })).id;
  await app.prisma.membership.create({ data: { userId: managerId, shopId: shop.id, role: 'MANAGER' } });
  const courier = (await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER } })).id;
  headers = { ...(await app.signIn(MANAGER)), 'x-shop-id': shop.id };
  const customer = await app.prisma.customer.create({ data: { shopId: shop.id, name: 'Rita' } });
  const product = (name: string, priceMinor: number) =>
    app.prisma.product.create({ data: { shopId: shop.id, name, priceMinor } });
  const roses = await product('Roses', 3000);
  const tulips = await product('Tulips', 1000);
  const at = (date: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return localToUtc(date, h * 60 + m, ZONE);
  };
  let number = 0;
  const order = async (
    createdAt: Date,
    lines: [typeof roses, number, number][],
    extra: Record<string, unknown> = {},
  ) => {
    const subtotal = lines.reduce((sum, [p, quantity]) => sum + p.priceMinor * quantity, 0);
    const deliveryFee = (extra.deliveryFeeMinor as number | undefined) ?? 0;
    await app.prisma.order.create({
      data: {
        shopId: shop.id,
        customerId: customer.id,
        number: ++number,
        currency: 'EUR',
        subtotalMinor: subtotal,
        totalMinor: subtotal + deliveryFee,
        createdAt,
        ...extra,
        items: {
          create: lines.map(([p, quantity, unitCostMinor]) => ({
            productId: p.id,
            productName: p.name,
            quantity,
            unitPriceMinor: p.priceMinor,
            unitCostMinor,
            totalMinor: p.priceMinor * quantity,
          })),
        },
      },
    });
  };
  // 1 March: 00:30 local is still 28 February in UTC.
  await order(at('2026-03-01', '00:30'), [[roses, 2, 1200]], {
    courierId: courier,
    deliveryFeeMinor: 500,
    source: 'TELEGRAM',
  });
  await order(
    at('2026-03-01', '18:00'),
    [
      [tulips, 3, 400],
      [roses, 1, 1200],
    ],
    { source: 'STAFF' },
  );
  // Cancelled: counted nowhere.
  await order(at('2026-03-01', '19:00'), [[roses, 10, 1200]], { status: 'CANCELLED', courierId: courier });
  // 2 March, 23:59 local (in UTC still 2 March, 13:59).
  await order(at('2026-03-02', '23:59'), [[tulips, 1, 400]], { courierId: courier, source: 'TELEGRAM' });
  // Outside [1 March, 3 March): 28 February 23:59 local, and 3 March 00:00 local.
  await order(at('2026-02-28', '23:59'), [[roses, 1, 1200]]);
  await order(at('2026-03-03', '00:00'), [[roses, 1, 1200]]);

  const item = (name: string, unitCostMinor: number) =>
    app.prisma.stockItem.create({ data: { shopId: shop.id, name, unit: 'STEM', unitCostMinor } });
  const vase = await item('Vase', 900);
  const ribbon = await item('Ribbon', 50);
  const batch = await app.prisma.stockBatch.create({
    data: { stockItemId: vase.id, quantityReceived: 10, quantityRemaining: 4, unitCostMinor: 700 },
  });
  const movement = (
    stockItemId: string,
    quantity: number,
    at: Date,
    kind = 'WRITE_OFF' as const,
    batchId?: string,
  ) =>
    app.prisma.stockMovement.create({ data: { shopId: shop.id, stockItemId, kind, quantity, at, batchId } });
  await movement(vase.id, -4, at('2026-03-01', '10:00'), 'WRITE_OFF', batch.id); // 4 × 700 (the batch's cost)
  await movement(vase.id, -2, at('2026-03-02', '10:00'), 'WRITE_OFF', batch.id); // 2 × 700
  await movement(ribbon.id, -30, at('2026-03-02', '11:00')); // no batch: 30 × 50, the item's cost
  await movement(ribbon.id, -100, at('2026-03-03', '00:00')); // after the period
  await app.prisma.stockMovement.create({
    data: {
      shopId: shop.id,
      stockItemId: ribbon.id,
      kind: 'CONSUMPTION',
      quantity: -7,
      at: at('2026-03-02', '12:00'),
    },
  });
  ids = { courier, roses: roses.id, tulips: tulips.id, vase: vase.id, ribbon: ribbon.id };
});
afterAll(() => app?.stop());

const period = { from: '2026-03-01', to: '2026-03-03' };

describe('salesReport', () => {
  test('sums by local day, product, courier and channel, cancelled orders and other days excluded', async () => {
    const result = await app.gql(SALES, { period }, headers);
    expect(result.errors).toBeUndefined();
    const report = result.data!.salesReport;
    expect(report).toMatchObject({ from: '2026-03-01', to: '2026-03-03', timeZone: ZONE });
    expect(report.byDay).toEqual([
      // 6000 + 500 fee, 3000 + 3000; costs 2400, 1200 + 1200
      {
        day: '2026-03-01',
        orders: 2,
        revenue: { amountMinor: 12_500, currency: 'EUR' },
        cost: { amountMinor: 4800 },
        margin: { amountMinor: 7700 },
      },
      {
        day: '2026-03-02',
        orders: 1,
        revenue: { amountMinor: 1000, currency: 'EUR' },
        cost: { amountMinor: 400 },
        margin: { amountMinor: 600 },
      },
    ]);
    expect(report.byProduct).toEqual([
      {
        productId: encodeGlobalId('Product', ids.roses),
        productName: 'Roses',
        quantity: 3,
        orders: 2,
        revenue: { amountMinor: 9000 },
        cost: { amountMinor: 3600 },
        margin: { amountMinor: 5400 },
      },
      {
        productId: encodeGlobalId('Product', ids.tulips),
        productName: 'Tulips',
        quantity: 4,
        orders: 2,
        revenue: { amountMinor: 4000 },
        cost: { amountMinor: 1600 },
        margin: { amountMinor: 2400 },
      },
    ]);
    expect(report.byCourier).toEqual([
      {
        courierId: encodeGlobalId('User', ids.courier),
        courierName: expect.any(String),
        orders: 2,
        revenue: { amountMinor: 7500 },
        margin: { amountMinor: 4700 },
      },
      {
        courierId: null,
        courierName: null,
        orders: 1,
        revenue: { amountMinor: 6000 },
        margin: { amountMinor: 3600 },
      },
    ]);
    expect(report.byChannel).toEqual([
      { source: 'TELEGRAM', orders: 2, revenue: { amountMinor: 7500 }, cost: { amountMinor: 2800 } },
      { source: 'STAFF', orders: 1, revenue: { amountMinor: 6000 }, cost: { amountMinor: 2400 } },
    ]);
  });

  test('a period of no sales answers empty lists', async () => {
    const result = await app.gql(SALES, { period: { from: '2025-01-01', to: '2025-02-01' } }, headers);
    expect(result.data!.salesReport).toMatchObject({
      byDay: [],
      byProduct: [],
      byCourier: [],
      byChannel: [],
    });
  });

  test('a bad period is BAD_USER_INPUT on its field', async () => {
    for (const [bad, field] of [
      [{ from: '2026-03-03', to: '2026-03-03' }, 'period.to'],
      [{ from: '2026-03-05', to: '2026-03-01' }, 'period.to'],
      [{ from: '2025-01-01', to: '2026-01-03' }, 'period.to'],
      [{ from: '2026-02-30', to: '2026-03-03' }, 'period.from'],
      [{ from: '2026-03-01', to: 'tomorrow' }, 'period.to'],
    ] as const) {
      for (const query of [SALES, WRITE_OFFS]) {
        const result = await app.gql(query, { period: bad }, headers);
        expect(result.errors?.[0]?.extensions, JSON.stringify(bad)).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
        });
      }
    }
    // 366 days (a leap year) is allowed.
    const leap = await app.gql(SALES, { period: { from: '2028-01-01', to: '2029-01-01' } }, headers);
    expect(leap.errors).toBeUndefined();
  });

  test('florists, couriers, customers and keys without reports:read are refused', async () => {
    for (const email of [FLORIST, COURIER, CUSTOMER]) {
      const result = await app.gql(SALES, { period }, await app.signIn(email));
      expect(result.errors?.[0]?.extensions?.code, email).toBe('FORBIDDEN');
    }
    const refused = await app.gql(SALES, { period }, app.demoKey);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const key = await app.insertApiKey({ scopes: ['reports:read'] });
    const allowed = await app.gql(WRITE_OFFS, { period }, key.headers);
    expect(allowed.errors).toBeUndefined();
  });
});

describe('writeOffReport', () => {
  test('sums write-offs of the period by stock item at their batch’s cost, other movements excluded', async () => {
    const result = await app.gql(WRITE_OFFS, { period }, headers);
    expect(result.errors).toBeUndefined();
    expect(result.data!.writeOffReport.byStockItem).toEqual([
      {
        stockItemId: encodeGlobalId('StockItem', ids.vase),
        stockItemName: 'Vase',
        unit: 'STEM',
        quantity: 6,
        cost: { amountMinor: 4200, currency: 'EUR' },
      },
      {
        stockItemId: encodeGlobalId('StockItem', ids.ribbon),
        stockItemName: 'Ribbon',
        unit: 'STEM',
        quantity: 30,
        cost: { amountMinor: 1500, currency: 'EUR' },
      },
    ]);
  });
});
