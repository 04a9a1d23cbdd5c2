import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';
import { receivePlenty } from '../orders/orders-test-stock.js';
import { dateAhead, midDayZone, openSlots } from './checkout-test-slots.js';
import { utcToLocal } from './local-time.js';

// createOrder and updateOrder through the checkout rules, over the app's GraphQL: slot, stock, card text,
// pickup point and zone. Each refusal writes nothing.
let app: TestApp;
let shopId: string;
let otherCustomerId: string;
let productId: string;
const who: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const other = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } });
  otherCustomerId = encodeGlobalId('Customer', other.id);
  const product = await app.prisma.product.findFirstOrThrow({
    where: { shopId, name: 'Spring tulips' },
  });
  productId = encodeGlobalId('Product', product.id);
  for (const role of ['admin', 'manager', 'florist', 'customer'])
    who[role] = await app.signIn(`${role}@posy.demo`);
  await receivePlenty(app, shopId, who.manager!);
});
afterAll(() => app?.stop());

const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrderInput!) {
    createOrder(input: $input) {
      __typename
      ... on MutationCreateOrderSuccess {
        data { id version windowStart windowEnd deliveryFee { amountMinor } total { amountMinor }
          subtotal { amountMinor } pickupPoint { name } deliveryZone { name } }
      }
      ... on SlotUnavailable { reason message }
      ... on InsufficientStock { shortages { stockItem { id } needed available } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!, $patch: OrderPatchInput!) {
    updateOrder(id: $id, version: $version, patch: $patch) {
      __typename
      ... on MutationUpdateOrderSuccess { data { version windowStart } }
      ... on SlotUnavailable { reason }
    }
  }
`;

type Slot = { slotId: string; date: string };
/** A customer's own delivery order for `slot`. */
const delivery = (slot: Slot, over: Record<string, unknown> = {}) => ({
  items: [{ productId, quantity: 1 }],
  fulfillment: 'DELIVERY',
  deliveryAddress: '1 Flower street',
  slot,
  ...over,
});

/** What a refused create must leave as it was. */
const written = async () => ({
  orders: await app.prisma.order.count({ where: { shopId } }),
  lastOrderNumber: (await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).lastOrderNumber,
});

async function expectSlotRefused(input: Record<string, unknown>, reason: string, headers = who.customer!) {
  const before = await written();
  const result = await app.gql(CREATE, { input }, headers);
  expect(result.errors).toBeUndefined();
  expect(result.data!.createOrder).toMatchObject({ __typename: 'SlotUnavailable', reason });
  expect(await written()).toEqual(before);
}

async function created(input: Record<string, unknown>, headers = who.customer!) {
  const result = await app.gql(CREATE, { input }, headers);
  expect(result.errors).toBeUndefined();
  expect(result.data!.createOrder.__typename).toBe('MutationCreateOrderSuccess');
  return result.data!.createOrder.data;
}

/**
 * Runs `check` with the demo shop in a zone where it is mid-day now (midDayZone), given today's local date
 * there, and puts the shop back in Moscow: tests of "today" then cannot meet local midnight.
 */
async function atLocalMidDay(check: (today: string) => Promise<void>) {
  const zone = midDayZone();
  await app.prisma.shop.update({ where: { id: shopId }, data: { timezone: zone } });
  try {
    await check(utcToLocal(new Date(), zone).date);
  } finally {
    await app.prisma.shop.update({ where: { id: shopId }, data: { timezone: 'Europe/Moscow' } });
  }
}

describe('createOrder checks the slot', () => {
  test('answers the slot’s window in the shop’s time zone', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 9 * 60, endMinutes: 9 * 60 + 30 });
    // Monday 7 January 2030, 09:00–09:30 Moscow (UTC+3).
    const order = await created(delivery(slotOn('2030-01-07')));
    expect(order).toMatchObject({
      windowStart: '2030-01-07T06:00:00.000Z',
      windowEnd: '2030-01-07T06:30:00.000Z',
    });
  });

  test('FULL: the last place taken, the next order is refused and nothing is written', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 8 * 60, endMinutes: 9 * 60, capacity: 1 });
    const slot = slotOn(dateAhead(20));
    await created(delivery(slot));
    await expectSlotRefused(delivery(slot), 'FULL');
  });

  test('CLOSED: a closure day', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 6 * 60, endMinutes: 7 * 60 });
    const date = dateAhead(41);
    await app.prisma.shopClosure.create({ data: { shopId, date: new Date(`${date}T00:00:00Z`) } });
    await expectSlotRefused(delivery(slotOn(date)), 'CLOSED');
  });

  test('PAST: a slot of today that has started', async () => {
    // From local midnight: started some twelve hours ago.
    const slotOn = await openSlots(app, shopId, { startMinutes: 0, endMinutes: 30 });
    await atLocalMidDay((today) => expectSlotRefused(delivery(slotOn(today)), 'PAST'));
  });

  test('CUT_OFF: a later slot of today once same-day orders are closed', async () => {
    // Some eleven hours ahead, so not PAST; a cut-off at local midnight closes same-day orders always.
    const slotOn = await openSlots(app, shopId, { startMinutes: 24 * 60 - 1, endMinutes: 24 * 60 });
    await app.prisma.shop.update({ where: { id: shopId }, data: { sameDayCutoffMinutes: 0 } });
    try {
      await atLocalMidDay((today) => expectSlotRefused(delivery(slotOn(today)), 'CUT_OFF'));
    } finally {
      await app.prisma.shop.update({ where: { id: shopId }, data: { sameDayCutoffMinutes: 14 * 60 } });
    }
  });

  test('LEAD_TIME: the slowest product cannot be ready before the slot', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 5 * 60, endMinutes: 6 * 60 });
    const slow = await app.prisma.product.create({
      data: { shopId, name: 'Wedding arch', priceMinor: 1_000_000, leadTimeMinutes: 60 * 24 * 60 },
    });
    const items = [
      { productId, quantity: 1 },
      { productId: encodeGlobalId('Product', slow.id), quantity: 1 },
    ];
    await expectSlotRefused(delivery(slotOn(dateAhead(30)), { items }), 'LEAD_TIME');
    // The same slot is fine without the slow product, and the slot list says so beforehand.
    await created(delivery(slotOn(dateAhead(30))));
    const listed = await app.gql(
      `query ($date: String!, $productIds: [ID!]) { availableSlots(date: $date, productIds: $productIds) {
        slotId reason } }`,
      { date: dateAhead(30), productIds: items.map((i) => i.productId) },
      who.customer,
    );
    expect(listed.errors).toBeUndefined();
    const mine = listed.data!.availableSlots.find(
      (s: { slotId: string }) => s.slotId === slotOn(dateAhead(30)).slotId,
    );
    expect(mine).toEqual({ slotId: slotOn(dateAhead(30)).slotId, reason: 'LEAD_TIME' });
  });

  test('INACTIVE: a slot the shop no longer offers', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 4 * 60, endMinutes: 5 * 60 });
    const slot = slotOn(dateAhead(22));
    await app.prisma.deliverySlot.update({
      where: { id: decodeGlobalId(slot.slotId).id },
      data: { active: false },
    });
    await expectSlotRefused(delivery(slot), 'INACTIVE');
  });

  test('two customers for the last place of a slot: one order, one SlotUnavailable', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 20 * 60, endMinutes: 21 * 60, capacity: 1 });
    const slot = slotOn(dateAhead(25));
    const before = await written();
    const answers = await Promise.all([
      app.gql(CREATE, { input: delivery(slot) }, who.customer),
      // The manager types in Olga's phone order at the same moment.
      app.gql(CREATE, { input: delivery(slot, { customerId: otherCustomerId }) }, who.manager),
    ]);
    const kinds = answers.map((a) => a.data?.createOrder.__typename).sort();
    expect(kinds).toEqual(['MutationCreateOrderSuccess', 'SlotUnavailable']);
    expect(
      answers.find((a) => a.data!.createOrder.__typename === 'SlotUnavailable')!.data!.createOrder.reason,
    ).toBe('FULL');
    expect(await written()).toEqual({
      orders: before.orders + 1,
      lastOrderNumber: before.lastOrderNumber + 1,
    });
  });

  test('a customer must choose a slot; a manager may leave it to be agreed', async () => {
    const before = await written();
    const { slot: _none, ...noSlot } = delivery({ slotId: '', date: '' });
    const refused = await app.gql(CREATE, { input: noSlot }, who.customer);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slot' });
    expect(await written()).toEqual(before);
    const phoneOrder = await created({ ...noSlot, customerId: otherCustomerId }, who.manager);
    expect(phoneOrder).toMatchObject({ windowStart: null, windowEnd: null });
  });

  test('overrideSlotRules: a manager squeezes an order into a full slot; a customer may not', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 21 * 60, endMinutes: 22 * 60, capacity: 1 });
    const slot = slotOn(dateAhead(26));
    await created(delivery(slot));
    const before = await written();
    const refused = await app.gql(
      CREATE,
      { input: delivery(slot, { overrideSlotRules: true }) },
      who.customer,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);
    const squeezed = await created(
      delivery(slot, { customerId: otherCustomerId, overrideSlotRules: true }),
      who.manager,
    );
    expect(squeezed.windowStart).not.toBeNull();
  });

  test('the slot is part of the idempotency hash; a retry is answered even once the slot is full', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 22 * 60, endMinutes: 23 * 60, capacity: 1 });
    const input = delivery(slotOn(dateAhead(27)), { idempotencyKey: 'checkout-retry-0001' });
    const first = await created(input);
    expect((await created(input)).id).toBe(first.id);
    const before = await written();
    const otherSlot = await app.gql(
      CREATE,
      { input: { ...input, slot: slotOn(dateAhead(28)) } },
      who.customer,
    );
    expect(otherSlot.data!.createOrder.__typename).toBe('IdempotencyKeyReused');
    expect(await written()).toEqual(before);
  });
});

describe('createOrder checks stock, card text, pickup point and zone', () => {
  let slotOn: (date: string) => Slot;
  beforeAll(async () => {
    slotOn = await openSlots(app, shopId, { startMinutes: 19 * 60, endMinutes: 20 * 60 });
  });

  test('an order the stock on the shelf cannot make answers InsufficientStock and writes nothing', async () => {
    const tulip = await app.prisma.stockItem.findFirstOrThrow({ where: { shopId, name: 'Tulip' } });
    const before = await written();
    const input = delivery(slotOn(dateAhead(30)), { items: [{ productId, quantity: 999 }] });
    // A customer is told it cannot be made (stock items are the shop's business, not theirs)…
    const mine = await app.gql(
      `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { __typename ... on DomainError { message } } }`,
      { input },
      who.customer,
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.createOrder).toMatchObject({ __typename: 'InsufficientStock' });
    // …a manager taking the order by phone sees what is short: Spring tulips take 25 tulips each.
    const phoned = await app.gql(CREATE, { input: { ...input, customerId: otherCustomerId } }, who.manager);
    expect(phoned.errors).toBeUndefined();
    expect(phoned.data!.createOrder.__typename).toBe('InsufficientStock');
    expect(phoned.data!.createOrder.shortages).toContainEqual({
      stockItem: { id: encodeGlobalId('StockItem', tulip.id) },
      needed: 999 * 25,
      available: tulip.onHand - tulip.reserved,
    });
    expect(await written()).toEqual(before);
    expect(await app.prisma.stockItem.findUniqueOrThrow({ where: { id: tulip.id } })).toMatchObject({
      onHand: tulip.onHand,
      reserved: tulip.reserved,
    });
  });

  test('a card text longer than the shop’s limit is BAD_USER_INPUT on cardText and writes nothing', async () => {
    await app.prisma.shop.update({ where: { id: shopId }, data: { cardTextMaxLength: 20 } });
    try {
      const before = await written();
      const result = await app.gql(
        CREATE,
        { input: delivery(slotOn(dateAhead(30)), { cardText: 'x'.repeat(21) }) },
        who.customer,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cardText' });
      expect(result.errors?.[0]?.message).toContain('20');
      expect(await written()).toEqual(before);
      await created(delivery(slotOn(dateAhead(30)), { cardText: 'x'.repeat(20) }));
    } finally {
      await app.prisma.shop.update({ where: { id: shopId }, data: { cardTextMaxLength: 250 } });
    }
  });

  test('a delivery zone’s fee replaces the shop’s flat fee; an archived zone is NOT_FOUND', async () => {
    // Outskirts: 900 ₽, the shop's flat fee 500 ₽.
    const outskirts = await app.prisma.deliveryZone.findFirstOrThrow({
      where: { shopId, name: 'Outskirts' },
    });
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(outskirts.feeMinor).not.toBe(shop.deliveryFeeMinor);
    const zoned = await created(
      delivery(slotOn(dateAhead(31)), { deliveryZoneId: encodeGlobalId('DeliveryZone', outskirts.id) }),
    );
    expect(zoned.deliveryFee.amountMinor).toBe(outskirts.feeMinor);
    expect(zoned.total.amountMinor).toBe(zoned.subtotal.amountMinor + outskirts.feeMinor);
    expect(zoned.deliveryZone).toEqual({ name: 'Outskirts' });
    expect((await created(delivery(slotOn(dateAhead(31))))).deliveryFee.amountMinor).toBe(
      shop.deliveryFeeMinor,
    );

    const closed = await app.prisma.deliveryZone.create({
      data: { shopId, name: 'Gone', feeMinor: 1, active: false },
    });
    const before = await written();
    const refused = await app.gql(
      CREATE,
      {
        input: delivery(slotOn(dateAhead(31)), { deliveryZoneId: encodeGlobalId('DeliveryZone', closed.id) }),
      },
      who.customer,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await written()).toEqual(before);
  });

  test('a customer’s pickup names a pickup point and a slot; no fee, no zone', async () => {
    const counter = await app.prisma.pickupPoint.findFirstOrThrow({
      where: { shopId, name: 'Shop counter' },
    });
    const pickup = {
      items: [{ productId, quantity: 1 }],
      fulfillment: 'PICKUP',
      slot: slotOn(dateAhead(32)),
    };
    const before = await written();
    const noPoint = await app.gql(CREATE, { input: pickup }, who.customer);
    expect(noPoint.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pickupPointId' });
    const zone = await app.prisma.deliveryZone.findFirstOrThrow({ where: { shopId, name: 'Centre' } });
    const withZone = await app.gql(
      CREATE,
      {
        input: {
          ...pickup,
          pickupPointId: encodeGlobalId('PickupPoint', counter.id),
          deliveryZoneId: encodeGlobalId('DeliveryZone', zone.id),
        },
      },
      who.customer,
    );
    expect(withZone.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'deliveryZoneId',
    });
    expect(await written()).toEqual(before);
    const order = await created({ ...pickup, pickupPointId: encodeGlobalId('PickupPoint', counter.id) });
    expect(order).toMatchObject({ pickupPoint: { name: 'Shop counter' }, deliveryFee: { amountMinor: 0 } });
    expect(order.windowStart).not.toBeNull();
  });
});

describe('updateOrder moves an order to another slot through the same rules', () => {
  test('a full slot is SlotUnavailable and the order keeps its window; its own slot is no obstacle', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 17 * 60, endMinutes: 18 * 60, capacity: 1 });
    const mine = await created(delivery(slotOn(dateAhead(33))));
    await created(delivery(slotOn(dateAhead(34))));
    const moved = await app.gql(
      UPDATE,
      { id: mine.id, version: mine.version, patch: { slot: slotOn(dateAhead(34)) } },
      who.manager,
    );
    expect(moved.data!.updateOrder).toEqual({ __typename: 'SlotUnavailable', reason: 'FULL' });
    const row = await app.prisma.order.findUniqueOrThrow({ where: { id: decodeGlobalId(mine.id).id } });
    expect(row).toMatchObject({ version: mine.version, windowStart: new Date(mine.windowStart) });
    // Choosing its own (full) slot again does not count the order against itself.
    const same = await app.gql(
      UPDATE,
      { id: mine.id, version: mine.version, patch: { slot: slotOn(dateAhead(33)) } },
      who.manager,
    );
    expect(same.data!.updateOrder.__typename).toBe('MutationUpdateOrderSuccess');
  });

  test('new items too slow for the window the order keeps are LEAD_TIME; the items stay', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 15 * 60, endMinutes: 16 * 60 });
    const order = await created(delivery(slotOn(dateAhead(3))));
    const slow = await app.prisma.product.create({
      data: { shopId, name: 'Orchid wall', priceMinor: 500_000, leadTimeMinutes: 7 * 24 * 60 },
    });
    const patch = { items: [{ productId: encodeGlobalId('Product', slow.id), quantity: 1 }] };
    const refused = await app.gql(UPDATE, { id: order.id, version: order.version, patch }, who.manager);
    expect(refused.data!.updateOrder).toEqual({ __typename: 'SlotUnavailable', reason: 'LEAD_TIME' });
    const items = await app.prisma.orderItem.findMany({ where: { orderId: decodeGlobalId(order.id).id } });
    expect(items.map((i) => i.productName)).toEqual(['Spring tulips']);
    // Moving it to a date the slow product can make goes through.
    const later = await app.gql(
      UPDATE,
      { id: order.id, version: order.version, patch: { ...patch, slot: slotOn(dateAhead(10)) } },
      who.manager,
    );
    expect(later.data!.updateOrder.__typename).toBe('MutationUpdateOrderSuccess');
  });
});

describe('updateOrder changes the pickup point and the zone through the same rules', () => {
  const UPDATE_PLACE = /* GraphQL */ `
    mutation ($id: ID!, $version: Int!, $patch: OrderPatchInput!) {
      updateOrder(id: $id, version: $version, patch: $patch) {
        __typename
        ... on MutationUpdateOrderSuccess {
          data { version deliveryFee { amountMinor } total { amountMinor } subtotal { amountMinor }
            deliveryZone { name } pickupPoint { name } }
        }
        ... on PaidTotalChange { paidMinor totalMinor message }
        ... on OrderNotEditable { status }
      }
    }
  `;
  const PAID = /* GraphQL */ `
    mutation ($id: ID!, $version: Int!) {
      markOrderPaid(id: $id, version: $version, method: "CASH") {
        ... on MutationMarkOrderPaidSuccess { data { version } }
      }
    }
  `;
  /** What a refused edit must leave as it was. */
  const rowOf = (id: string) =>
    app.prisma.order.findUniqueOrThrow({
      where: { id: decodeGlobalId(id).id },
      select: {
        version: true,
        deliveryZoneId: true,
        pickupPointId: true,
        deliveryFeeMinor: true,
        totalMinor: true,
        subtotalMinor: true,
      },
    });
  const edit = (order: { id: string; version: number }, patch: Record<string, unknown>) =>
    app.gql(UPDATE_PLACE, { id: order.id, version: order.version, patch }, who.manager);
  const zoneId = async (name: string) =>
    encodeGlobalId(
      'DeliveryZone',
      (await app.prisma.deliveryZone.findFirstOrThrow({ where: { shopId, name } })).id,
    );

  test('a new zone brings its fee and the total follows; null goes back to the flat fee', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 12 * 60, endMinutes: 13 * 60 });
    const order = await created(delivery(slotOn(dateAhead(35))));
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const outskirts = await app.prisma.deliveryZone.findFirstOrThrow({
      where: { shopId, name: 'Outskirts' },
    });
    expect(order.deliveryFee.amountMinor).toBe(shop.deliveryFeeMinor);

    const zoned = await edit(order, { deliveryZoneId: encodeGlobalId('DeliveryZone', outskirts.id) });
    expect(zoned.data!.updateOrder).toMatchObject({
      __typename: 'MutationUpdateOrderSuccess',
      data: {
        deliveryZone: { name: 'Outskirts' },
        deliveryFee: { amountMinor: outskirts.feeMinor },
        total: { amountMinor: order.subtotal.amountMinor + outskirts.feeMinor },
      },
    });
    const flat = await edit(
      { id: order.id, version: zoned.data!.updateOrder.data.version },
      { deliveryZoneId: null },
    );
    expect(flat.data!.updateOrder.data).toMatchObject({
      deliveryZone: null,
      deliveryFee: { amountMinor: shop.deliveryFeeMinor },
      total: { amountMinor: order.subtotal.amountMinor + shop.deliveryFeeMinor },
    });
  });

  test('the wrong kind of place, an archived zone or point: clear errors, nothing changed', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 11 * 60, endMinutes: 12 * 60 });
    const counter = await app.prisma.pickupPoint.findFirstOrThrow({
      where: { shopId, name: 'Shop counter' },
    });
    const kiosk = await app.prisma.pickupPoint.create({
      data: { shopId, name: 'Station kiosk', address: 'Moscow, Station 1' },
    });
    const shut = await app.prisma.pickupPoint.create({
      data: { shopId, name: 'Shut kiosk', address: 'Moscow, Old 2', active: false },
    });
    const gone = await app.prisma.deliveryZone.create({
      data: { shopId, name: 'Gone again', feeMinor: 1, active: false },
    });
    const toDeliver = await created(delivery(slotOn(dateAhead(36))));
    const toPick = await created({
      items: [{ productId, quantity: 1 }],
      fulfillment: 'PICKUP',
      slot: slotOn(dateAhead(36)),
      pickupPointId: encodeGlobalId('PickupPoint', counter.id),
    });
    for (const [order, patch, code, field] of [
      [
        toDeliver,
        { pickupPointId: encodeGlobalId('PickupPoint', kiosk.id) },
        'BAD_USER_INPUT',
        'pickupPointId',
      ],
      [toDeliver, { deliveryZoneId: encodeGlobalId('DeliveryZone', gone.id) }, 'NOT_FOUND', undefined],
      [toPick, { deliveryZoneId: await zoneId('Centre') }, 'BAD_USER_INPUT', 'deliveryZoneId'],
      [toPick, { pickupPointId: encodeGlobalId('PickupPoint', shut.id) }, 'NOT_FOUND', undefined],
    ] as const) {
      const before = await rowOf(order.id);
      const refused = await edit(order, patch);
      expect(refused.errors?.[0]?.extensions, JSON.stringify(patch)).toMatchObject({
        code,
        ...(field ? { field } : {}),
      });
      expect(await rowOf(order.id)).toEqual(before);
    }
    const moved = await edit(toPick, { pickupPointId: encodeGlobalId('PickupPoint', kiosk.id) });
    expect(moved.data!.updateOrder.data).toMatchObject({
      pickupPoint: { name: 'Station kiosk' },
      deliveryFee: { amountMinor: 0 },
    });
  });

  test('a paid order’s total does not change: PaidTotalChange, nothing changed; the same total goes', async () => {
    const slotOn = await openSlots(app, shopId, { startMinutes: 10 * 60, endMinutes: 11 * 60 });
    const order = await created(delivery(slotOn(dateAhead(37))));
    const paid = await app.gql(PAID, { id: order.id, version: order.version }, who.manager);
    const version = paid.data!.markOrderPaid.data.version;
    const before = await rowOf(order.id);
    const outskirts = await zoneId('Outskirts');
    for (const patch of [{ deliveryZoneId: outskirts }, { items: [{ productId, quantity: 2 }] }]) {
      const refused = await edit({ id: order.id, version }, patch);
      expect(refused.data!.updateOrder).toMatchObject({
        __typename: 'PaidTotalChange',
        paidMinor: before.totalMinor,
      });
      expect(refused.data!.updateOrder.totalMinor).not.toBe(before.totalMinor);
      expect(await rowOf(order.id)).toEqual(before);
    }
    // An edit that keeps the total (the same items again) is no payment matter.
    const same = await edit({ id: order.id, version }, { items: [{ productId, quantity: 1 }] });
    expect(same.data!.updateOrder.__typename).toBe('MutationUpdateOrderSuccess');
  });
});
