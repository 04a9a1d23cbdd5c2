import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import type { Context } from '../../context.js';
import type { Database } from '../../transaction.js';
import { assertSlotAvailable, availableSlots, SlotUnavailableError } from './slot-availability.service.js';

let app: TestApp;
let shopId: string;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  const shop = await app.prisma.shop.create({
    data: {
      name: 'Checkout shop',
      slug: 'checkout-shop',
      timezone: 'Europe/Berlin',
      sameDayCutoffMinutes: 14 * 60,
    },
  });
  shopId = shop.id;
  customerId = (await app.prisma.customer.create({ data: { shopId, name: 'Slot customer' } })).id;
});
afterAll(() => app?.stop());

/** The context a request of this shop's staff would have, on `db` (the caller's transaction). */
function contextOn(db: Database): Context {
  return { prisma: db, rootPrisma: app.prisma, shopId, shopRole: 'MANAGER' } as unknown as Context;
}

let orderNumber = 0;
function createOrder(db: Database, window: { windowStart: Date; windowEnd: Date }) {
  orderNumber += 1;
  return db.order.create({
    data: {
      shopId,
      customerId,
      number: orderNumber,
      currency: 'EUR',
      subtotalMinor: 0,
      totalMinor: 0,
      ...window,
    },
  });
}

describe('slot availability', () => {
  test('windows follow the shop time zone across the DST change (Berlin, 29 March 2026)', async () => {
    // Sunday 29 March 2026: clocks go from 02:00 CET to 03:00 CEST. ISO weekday 7.
    await app.prisma.deliverySlot.createMany({
      data: [
        { shopId, weekday: 7, startMinutes: 60, endMinutes: 4 * 60, capacity: 1 },
        { shopId, weekday: 7, startMinutes: 10 * 60, endMinutes: 12 * 60, capacity: 1 },
      ],
    });
    const now = new Date('2026-03-20T08:00:00Z');
    const slots = await availableSlots(
      contextOn(app.prisma),
      { date: '2026-03-29', leadTimeMinutes: 0 },
      now,
    );
    expect(slots.map((s) => [s.windowStart.toISOString(), s.windowEnd.toISOString()])).toEqual([
      ['2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z'],
      ['2026-03-29T08:00:00.000Z', '2026-03-29T10:00:00.000Z'],
    ]);
    expect(slots.map((s) => s.reason)).toEqual([null, null]);
  });

  test('answers every reason: PAST, CUT_OFF, LEAD_TIME, FULL, CLOSED, INACTIVE', async () => {
    // Monday 6 April 2026 (ISO 1), CEST (UTC+2).
    const [morning, evening, inactive] = await Promise.all(
      [
        { startMinutes: 9 * 60, endMinutes: 11 * 60, active: true },
        { startMinutes: 18 * 60, endMinutes: 20 * 60, active: true },
        { startMinutes: 20 * 60, endMinutes: 21 * 60, active: false },
      ].map((s) => app.prisma.deliverySlot.create({ data: { shopId, weekday: 1, capacity: 1, ...s } })),
    );
    const ctx = contextOn(app.prisma);
    const reasons = async (date: string, now: Date, leadTimeMinutes = 0) =>
      Object.fromEntries(
        (await availableSlots(ctx, { date, leadTimeMinutes }, now)).map((s) => [s.slotId, s.reason]),
      );
    // 12:00 local on the day: the morning is past, the evening still open before the 14:00 cut-off.
    expect(await reasons('2026-04-06', new Date('2026-04-06T10:00:00Z'))).toEqual({
      [morning!.id]: 'PAST',
      [evening!.id]: null,
      [inactive!.id]: 'INACTIVE',
    });
    // 15:00 local: after the cut-off.
    expect((await reasons('2026-04-06', new Date('2026-04-06T13:00:00Z')))[evening!.id]).toBe('CUT_OFF');
    // The day before at 20:00 local with a 14-hour lead time: 10:00 is too soon for the 09:00 slot.
    const dayBefore = new Date('2026-04-05T18:00:00Z');
    expect((await reasons('2026-04-06', dayBefore, 14 * 60))[morning!.id]).toBe('LEAD_TIME');
    await createOrder(app.prisma, {
      windowStart: new Date('2026-04-06T16:00:00Z'),
      windowEnd: new Date('2026-04-06T18:00:00Z'),
    });
    const slots = await availableSlots(ctx, { date: '2026-04-06', leadTimeMinutes: 0 }, dayBefore);
    expect(slots.find((s) => s.slotId === evening!.id)).toMatchObject({
      taken: 1,
      remaining: 0,
      reason: 'FULL',
    });
    await app.prisma.shopClosure.create({
      data: { shopId, date: new Date('2026-04-13T00:00:00Z'), reason: 'Holiday' },
    });
    expect((await reasons('2026-04-13', dayBefore))[morning!.id]).toBe('CLOSED');
  });

  test('two orders racing for the last place of a slot: exactly one gets it', async () => {
    // Monday 20 April 2026, one place from 12:00 to 13:00 local.
    const slot = await app.prisma.deliverySlot.create({
      data: { shopId, weekday: 1, startMinutes: 12 * 60, endMinutes: 13 * 60, capacity: 1 },
    });
    const now = new Date('2026-04-10T08:00:00Z');
    const attempt = () =>
      app.prisma.$transaction(async (tx) => {
        const { windowStart, windowEnd } = await assertSlotAvailable(
          contextOn(tx),
          { slotId: slot.id, date: '2026-04-20', leadTimeMinutes: 0 },
          now,
        );
        return createOrder(tx, { windowStart, windowEnd });
      });
    const results = await Promise.allSettled([attempt(), attempt()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SlotUnavailableError);
    expect(refused.reason.reason).toBe('FULL');
    expect(
      await app.prisma.order.count({ where: { shopId, windowStart: new Date('2026-04-20T10:00:00Z') } }),
    ).toBe(1);
  });
});
