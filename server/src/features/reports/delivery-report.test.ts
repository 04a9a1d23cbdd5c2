import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { localToUtc } from '../checkout/local-time.js';
import { CUSTOMER, FLORIST, MANAGER } from '../production/production-test-fixtures.js';

let app: TestApp;
let headers: Record<string, string>;
let shopId: string;
const ZONE = 'Asia/Vladivostok'; // UTC+10: a local day starts at 14:00 UTC of the day before

const REPORT = `query ($period: ReportPeriodInput!) { deliveryReport(period: $period) { from to timeZone
  byDay { day due onTime late undelivered averageLateMinutes } } }`;

const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return localToUtc(date, h * 60 + m, ZONE);
};
const minutes = (n: number) => n * 60_000;

/**
 * Deliveries of a shop in Vladivostok whose windows end on 1 and 2 March (local), one just either side of
 * the period, a pickup and a cancelled one, so each figure is worked out by hand.
 */
beforeAll(async () => {
  app = await startTestApp();
  const shop = await app.prisma.shop.create({
    data: { name: 'Delivery report shop', slug: 'delivery-report-shop', timezone: ZONE, currency: 'EUR' },
  });
  shopId = shop.id;
  const managerId = (await app.prisma.user.findUniqueOrThrow({ where: { email: MANAGER } })).id;
  await app.prisma.membership.create({ data: { userId: managerId, shopId, role: 'MANAGER' } });
  headers = { ...(await app.signIn(MANAGER)), 'x-shop-id': shopId };
  const customer = await app.prisma.customer.create({ data: { shopId, name: 'Rita' } });
  let number = 0;
  /** A delivery order whose window ends at `windowEnd`, handed over at `deliveredAt` (or not). */
  const delivery = async (
    windowEnd: Date,
    deliveredAt: Date | null,
    extra: { status?: 'CANCELLED' | 'DELIVERED'; fulfillment?: 'PICKUP' } = {},
  ) => {
    const order = await app.prisma.order.create({
      data: {
        shopId,
        customerId: customer.id,
        number: ++number,
        currency: 'EUR',
        subtotalMinor: 1000,
        totalMinor: 1000,
        windowStart: new Date(windowEnd.getTime() - minutes(120)),
        windowEnd,
        status: extra.status ?? (deliveredAt ? 'DELIVERED' : 'CONFIRMED'),
        fulfillment: extra.fulfillment ?? 'DELIVERY',
      },
    });
    await app.prisma.delivery.create({
      data: { shopId, orderId: order.id, status: deliveredAt ? 'DELIVERED' : 'PENDING', deliveredAt },
    });
  };
  // 1 March: the first window ends at 00:30 local (still 28 February in UTC). On time, on time to the
  // minute, 30 and 90 minutes late (60 on average), and one never handed over.
  const end1 = at('2026-03-01', '00:30');
  await delivery(end1, new Date(end1.getTime() - minutes(10)));
  const end2 = at('2026-03-01', '14:00');
  await delivery(end2, end2);
  await delivery(end2, new Date(end2.getTime() + minutes(30)));
  await delivery(end2, new Date(end2.getTime() + minutes(90)));
  await delivery(at('2026-03-01', '20:00'), null);
  // Counted nowhere: cancelled, and a pickup.
  await delivery(at('2026-03-01', '16:00'), null, { status: 'CANCELLED' });
  await delivery(at('2026-03-01', '16:00'), null, { fulfillment: 'PICKUP' });
  // 2 March, 23:59 local: one late by 15 minutes.
  const end3 = at('2026-03-02', '23:59');
  await delivery(end3, new Date(end3.getTime() + minutes(15)));
  // Outside [1 March, 3 March): 28 February 23:59 local, and 3 March 00:00 local.
  await delivery(at('2026-02-28', '23:59'), null);
  await delivery(at('2026-03-03', '00:00'), null);
  // Far ahead: its window is still to come, so it is neither late nor on time.
  await delivery(new Date(Date.now() + 86_400_000), null);
});
afterAll(() => app?.stop());

test('counts deliveries by the local day their window ended: on time, late, never handed over', async () => {
  const result = await app.gql(REPORT, { period: { from: '2026-03-01', to: '2026-03-03' } }, headers);
  expect(result.errors).toBeUndefined();
  expect(result.data?.deliveryReport).toEqual({
    from: '2026-03-01',
    to: '2026-03-03',
    timeZone: ZONE,
    byDay: [
      { day: '2026-03-01', due: 5, onTime: 2, late: 3, undelivered: 1, averageLateMinutes: 60 },
      { day: '2026-03-02', due: 1, onTime: 0, late: 1, undelivered: 0, averageLateMinutes: 15 },
    ],
  });
});

test('a window still open is due but neither on time nor late', async () => {
  const today = new Date();
  const from = today.toISOString().slice(0, 10);
  const to = new Date(today.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
  const result = await app.gql(REPORT, { period: { from, to } }, headers);
  expect(result.errors).toBeUndefined();
  const days = result.data?.deliveryReport.byDay as { due: number; onTime: number; late: number }[];
  expect(days.map(({ due, onTime, late }) => ({ due, onTime, late }))).toEqual([
    { due: 1, onTime: 0, late: 0 },
  ]);
});

test('a bad period is BAD_USER_INPUT on its field; florists and customers are refused', async () => {
  const bad = await app.gql(REPORT, { period: { from: '2026-03-03', to: '2026-03-01' } }, headers);
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
  for (const email of [FLORIST, CUSTOMER]) {
    const refused = await app.gql(
      REPORT,
      { period: { from: '2026-03-01', to: '2026-03-03' } },
      {
        ...(await app.signIn(email)),
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
});
