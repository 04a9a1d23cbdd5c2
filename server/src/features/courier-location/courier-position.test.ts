import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  addCourier,
  addCustomer,
  bouquetOf,
  COURIER,
  deliveryOnTheWay,
  FLORIST,
  GIVE,
  MANAGER,
  POSITION,
  REPORT,
  report,
  rowIdOf,
  step,
  storedPositions,
  WITHDRAW,
} from './courier-location-test-fixtures.js';

// Location with consent (issue 10): the courier shares only after agreeing, only their own delivery while it
// is on the way and within its window; the customer of that order sees the last position while it is on the
// way, staff while it is kept, nobody else.
let app: TestApp;
let manager: Record<string, string>;
let courier: Record<string, string>;
let productId: string;
const MINUTE = 60_000;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  courier = await app.signIn(COURIER);
  ({ productId } = await bouquetOf(app, 'Travelling roses', 1, [[500, 72]]));
});
afterAll(() => app?.stop());

const given = async (headers: Record<string, string>) => {
  const answer = await app.gql(GIVE, {}, headers);
  expect(answer.errors).toBeUndefined();
  return answer.data!.giveLocationConsent;
};
const positionSeenBy = async (headers: Record<string, string>, orderId: string) => {
  const answer = await app.gql(POSITION, { id: orderId }, headers);
  expect(answer.errors).toBeUndefined();
  return answer.data!.order?.courierPosition;
};

describe('consent', () => {
  test('a report without consent answers LocationConsentRequired and stores nothing; with it, it is stored', async () => {
    const fresh = await addCourier(app, 'Nina New');
    const customer = await addCustomer(app, 'Olga Waiting');
    const order = await deliveryOnTheWay(app, manager, {
      productId,
      customerId: customer.id,
      courierId: fresh.id,
    });

    const refused = (await report(app, fresh.headers, order.id)).data!.reportCourierPosition;
    expect(refused.__typename).toBe('LocationConsentRequired');
    expect(await storedPositions(app, order.id)).toHaveLength(0);
    expect(await app.gql('{ myLocationConsent { active } }', {}, fresh.headers)).toMatchObject({
      data: { myLocationConsent: null },
    });

    const consent = await given(fresh.headers);
    expect(consent).toMatchObject({ active: true, withdrawnAt: null });
    const stored = (await report(app, fresh.headers, order.id, { accuracyMeters: 12 })).data!
      .reportCourierPosition;
    expect(stored).toMatchObject({
      __typename: 'MutationReportCourierPositionSuccess',
      data: { latitude: 55.7558, longitude: 37.6173, accuracyMeters: 12 },
    });
    expect(await storedPositions(app, order.id)).toHaveLength(1);
    const audit = await app.prisma.auditLog.findMany({
      where: { action: { in: ['giveLocationConsent', 'reportCourierPosition'] }, actorId: fresh.id },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['giveLocationConsent', 'reportCourierPosition']);
    // The trail outlives the positions' day: it names the report, not where the courier was.
    expect(JSON.stringify(audit[1]!.changes)).not.toContain('55.7558');
  });

  test('withdrawing stops sharing at once: reports refused, the positions deleted, the customer sees none', async () => {
    const fresh = await addCourier(app, 'Wanda Withdraws');
    const customer = await addCustomer(app, 'Petra Patient');
    const order = await deliveryOnTheWay(app, manager, {
      productId,
      customerId: customer.id,
      courierId: fresh.id,
    });
    await given(fresh.headers);
    await report(app, fresh.headers, order.id);
    expect(await positionSeenBy(customer.headers, order.id)).toMatchObject({ latitude: 55.7558 });

    const withdrawn = (await app.gql(WITHDRAW, {}, fresh.headers)).data!.withdrawLocationConsent;
    expect(withdrawn).toMatchObject({ active: false });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(await storedPositions(app, order.id)).toHaveLength(0);
    expect(await positionSeenBy(customer.headers, order.id)).toBeNull();
    const again = (await report(app, fresh.headers, order.id)).data!.reportCourierPosition;
    expect(again.__typename).toBe('LocationConsentRequired');
    // Withdrawing twice keeps the first time and writes no second entry.
    expect((await app.gql(WITHDRAW, {}, fresh.headers)).data!.withdrawLocationConsent).toEqual(withdrawn);
    expect(
      await app.prisma.auditLog.count({ where: { action: 'withdrawLocationConsent', actorId: fresh.id } }),
    ).toBe(1);
    // The order itself is untouched.
    expect((await app.gql(POSITION, { id: order.id }, manager)).data!.order.status).toBe('OUT_FOR_DELIVERY');
  });

  test('customers and florists cannot give consent', async () => {
    const customer = await addCustomer(app, 'Cora Curious');
    for (const headers of [customer.headers, await app.signIn(FLORIST)]) {
      const answer = await app.gql(GIVE, {}, headers);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('who may report', () => {
  test('another courier, a manager who is not the courier, a florist and the customer are refused', async () => {
    const customer = await addCustomer(app, 'Rita Refused');
    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
    const other = await addCourier(app, 'Oscar Other');
    await given(other.headers);
    await given(manager);

    expect((await report(app, other.headers, order.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await report(app, manager, order.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await report(app, await app.signIn(FLORIST), order.id)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await report(app, customer.headers, order.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await report(app, app.demoKey, order.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await storedPositions(app, order.id)).toHaveLength(0);
  });

  test('bad coordinates and times are BAD_USER_INPUT naming the field', async () => {
    const customer = await addCustomer(app, 'Vera Validated');
    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
    await given(courier);
    const cases: [Parameters<typeof report>[3], string][] = [
      [{ latitude: 90.5 }, 'latitude'],
      [{ longitude: -181 }, 'longitude'],
      [{ accuracyMeters: -1 }, 'accuracyMeters'],
      [{ recordedAt: new Date(Date.now() + 10 * MINUTE) }, 'recordedAt'],
      // Before the window started (30 minutes ago).
      [{ recordedAt: new Date(Date.now() - 45 * MINUTE) }, 'recordedAt'],
    ];
    for (const [fix, field] of cases) {
      const answer = await report(app, courier, order.id, fix);
      expect(answer.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await storedPositions(app, order.id)).toHaveLength(0);
  });
});

describe('sharing stops by itself', () => {
  test('before pickup and after DELIVERED reports answer DeliveryNotOnTheWay; the customer sees nothing', async () => {
    const customer = await addCustomer(app, 'Dora Delivered');
    await given(courier);
    const ready = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id, out: false });
    expect((await report(app, courier, ready.id)).data!.reportCourierPosition).toMatchObject({
      __typename: 'DeliveryNotOnTheWay',
      status: 'READY',
    });

    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
    await report(app, courier, order.id);
    expect(await positionSeenBy(customer.headers, order.id)).not.toBeNull();
    const delivered = await step(app, courier, order, 'DELIVERED');
    expect(delivered.__typename).toBe('MutationChangeOrderStatusSuccess');

    const late = (await report(app, courier, order.id, { recordedAt: new Date(Date.now() + 30_000) })).data!
      .reportCourierPosition;
    expect(late).toMatchObject({ __typename: 'DeliveryNotOnTheWay', status: 'DELIVERED' });
    expect(await storedPositions(app, order.id)).toHaveLength(1);
    expect(await positionSeenBy(customer.headers, order.id)).toBeNull();
    // The shop still sees where the delivery ended, until the retention job deletes it.
    expect(await positionSeenBy(manager, order.id)).toMatchObject({ latitude: 55.7558 });
  });

  test('past the window and its grace, reports answer LocationSharingEnded and the customer sees nothing', async () => {
    const customer = await addCustomer(app, 'Lena Late');
    await given(courier);
    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
    await report(app, courier, order.id);
    expect(await positionSeenBy(customer.headers, order.id)).not.toBeNull();

    // The window ended longer ago than the grace (COURIER_POSITION_GRACE_MINUTES, 60 by default).
    const end = new Date(Date.now() - (app.config.courierPositions.graceMinutes + 1) * MINUTE);
    await app.prisma.order.update({
      where: { id: rowIdOf(order.id) },
      data: { windowStart: new Date(end.getTime() - 60 * MINUTE), windowEnd: end },
    });
    const refused = (await report(app, courier, order.id)).data!.reportCourierPosition;
    expect(refused.__typename).toBe('LocationSharingEnded');
    expect(new Date(refused.endedAt).getTime()).toBe(
      end.getTime() + app.config.courierPositions.graceMinutes * MINUTE,
    );
    expect(await positionSeenBy(customer.headers, order.id)).toBeNull();
    expect(await positionSeenBy(courier, order.id)).not.toBeNull();
  });

  test('a courier who leaves before the window opens shares from when they went out', async () => {
    const customer = await addCustomer(app, 'Erin Early');
    await given(courier);
    const window = { start: new Date(Date.now() + 40 * MINUTE), end: new Date(Date.now() + 100 * MINUTE) };
    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id, window });
    const stored = (await report(app, courier, order.id)).data!.reportCourierPosition;
    expect(stored.__typename).toBe('MutationReportCourierPositionSuccess');
    expect(await positionSeenBy(customer.headers, order.id)).not.toBeNull();
    // A fix from before it went out is not of this delivery.
    const before = await report(app, courier, order.id, { recordedAt: new Date(Date.now() - 5 * MINUTE) });
    expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recordedAt' });
  });

  test('an order without a window shares for a while after it went out', async () => {
    const customer = await addCustomer(app, 'Una Unscheduled');
    await given(courier);
    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id, window: null });
    const stored = (await report(app, courier, order.id)).data!.reportCourierPosition;
    expect(stored.__typename).toBe('MutationReportCourierPositionSuccess');
    expect(await positionSeenBy(customer.headers, order.id)).not.toBeNull();
  });
});

describe('who sees the position', () => {
  test('the customer sees position and age while on the way; other customers, florists and keys do not', async () => {
    const customer = await addCustomer(app, 'Sara Seeing');
    await given(courier);
    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
    expect(await positionSeenBy(customer.headers, order.id)).toBeNull();
    await report(app, courier, order.id, {
      latitude: 55.75,
      longitude: 37.62,
      accuracyMeters: 8,
      recordedAt: new Date(Date.now() - 40_000),
    });

    const seen = await positionSeenBy(customer.headers, order.id);
    expect(seen).toMatchObject({ latitude: 55.75, longitude: 37.62, accuracyMeters: 8 });
    expect(seen.ageSeconds).toBeGreaterThanOrEqual(40);
    expect(seen.ageSeconds).toBeLessThan(100);
    for (const staff of [manager, await app.signIn('admin@posy.demo'), courier])
      expect(await positionSeenBy(staff, order.id)).toMatchObject({ latitude: 55.75 });

    const stranger = await addCustomer(app, 'Stan Stranger');
    expect((await app.gql(POSITION, { id: order.id }, stranger.headers)).data!.order).toBeNull();
    expect(await positionSeenBy(await app.signIn(FLORIST), order.id)).toBeNull();
    expect(await positionSeenBy(app.demoKey, order.id)).toBeNull();
    const other = await addCourier(app, 'Ivan Idle');
    expect((await app.gql(POSITION, { id: order.id }, other.headers)).data!.order).toBeNull();
  });
});

describe('throttle', () => {
  test('reports closer than the interval are answered with the stored one and write nothing', async () => {
    const customer = await addCustomer(app, 'Tina Throttled');
    await given(courier);
    const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
    const interval = app.config.courierPositions.minIntervalSeconds * 1000;
    const start = Date.now() - 10 * MINUTE;
    const at = (ms: number) => new Date(start + ms);
    const auditCount = () =>
      app.prisma.auditLog.count({ where: { action: 'reportCourierPosition', targetId: rowIdOf(order.id) } });

    const first = (await report(app, courier, order.id, { recordedAt: at(0) })).data!.reportCourierPosition;
    for (const ms of [1000, 2000, interval - 1]) {
      const dropped = (await report(app, courier, order.id, { latitude: 56, recordedAt: at(ms) })).data!
        .reportCourierPosition;
      expect(dropped.data).toEqual(first.data);
    }
    // Sent out of order: older than the stored one.
    await report(app, courier, order.id, { recordedAt: at(-1000) });
    expect(await storedPositions(app, order.id)).toHaveLength(1);
    expect(await auditCount()).toBe(1);

    const next = (await report(app, courier, order.id, { latitude: 56, recordedAt: at(interval) })).data!
      .reportCourierPosition;
    expect(next.data).toMatchObject({ latitude: 56 });
    expect((await storedPositions(app, order.id)).map((p) => p.latitude)).toEqual([55.7558, 56]);
    expect(await auditCount()).toBe(2);
  });
});

test('the report mutation is listed with its typed errors', async () => {
  const answer = await app.gql(
    '{ __type(name: "MutationReportCourierPositionResult") { possibleTypes { name } } }',
    {},
    manager,
  );
  expect(answer.data!.__type.possibleTypes.map((t: { name: string }) => t.name).sort()).toEqual([
    'DeliveryNotOnTheWay',
    'LocationConsentRequired',
    'LocationSharingEnded',
    'MutationReportCourierPositionSuccess',
  ]);
  expect(REPORT).toContain('reportCourierPosition');
});

test('a list of orders reads the latest position of each in one query', async () => {
  const customer = await addCustomer(app, 'Lisa Listed');
  const orders = [
    await deliveryOnTheWay(app, manager, { productId, customerId: customer.id }),
    await deliveryOnTheWay(app, manager, { productId, customerId: customer.id }),
  ];
  const courierId = (await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER } })).id;
  const shopId = (await app.prisma.order.findUniqueOrThrow({ where: { id: rowIdOf(orders[0]!.id) } })).shopId;
  for (const [index, order] of orders.entries())
    await app.prisma.courierPosition.createMany({
      data: [3, 2, 1].map((minutesAgo) => ({
        shopId,
        orderId: rowIdOf(order.id),
        courierId,
        latitude: index * 10 + minutesAgo,
        longitude: 37,
        recordedAt: new Date(Date.now() - minutesAgo * MINUTE),
      })),
    });
  const statements: string[] = [];
  app.prisma.$on('query', (event) => void statements.push(event.query));
  const answer = await app.gql(
    '{ orders(first: 5) { edges { node { id courierPosition { latitude } } } } }',
    {},
    customer.headers,
  );
  const seen = new Map(
    answer.data!.orders.edges.map((e: { node: { id: string; courierPosition: unknown } }) => [
      e.node.id,
      e.node.courierPosition,
    ]),
  );
  expect(orders.map((o) => seen.get(o.id))).toEqual([{ latitude: 1 }, { latitude: 11 }]);
  expect(statements.filter((sql) => sql.includes('"CourierPosition"'))).toHaveLength(1);
});
