import { DEMO_HANDOVER_CODE } from '@posy/prisma/seed';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { uploadTestImage } from '../../../test/uploads-client.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import {
  addCustomer,
  bouquetOf,
  COURIER,
  createOrder,
  FLORIST,
  MANAGER,
} from '../production/production-test-fixtures.js';
import {
  ASSIGN,
  ATTACH_PROOF,
  addCourier,
  COMPLETE,
  deliveryState,
  FAIL,
  handoverCodeOf,
  ORDER_FIELDS,
  RELEASE,
  readyDelivery,
  rowId,
  run,
  SET_MODE,
  TAKE,
  versionedStep,
} from './delivery-test-fixtures.js';

// Deliveries over real HTTP, the way couriers and managers drive them: assignment, the pool, each step with
// its typed refusals (each proven to change nothing), the handover code and its lock, proofs, the day lists.
let app: TestApp;
let manager: Record<string, string>;
let courier: { id: string; headers: Record<string, string> };
let productId: string;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  const seeded = await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER } });
  courier = { id: seeded.id, headers: await app.signIn(COURIER) };
  ({ productId } = await bouquetOf(app, 'Delivered roses', 1, [[500, 96]]));
});
afterAll(() => app?.stop());

const PICK_UP = versionedStep('pickUpDelivery');
const START = versionedStep('startDeliveryRoute');
const APPROVE = versionedStep('approveDeliveryWithoutCode');

/** A READY delivery order assigned to `to` (the seeded courier by default); answers it as assigned. */
async function assigned(to = courier) {
  const order = await readyDelivery(app, manager, { productId });
  const answer = await run(app, manager, ASSIGN, {
    orderId: order.id,
    courierId: to.id,
    version: order.version,
  });
  expect(answer.__typename).toBe('MutationAssignCourierSuccess');
  return answer.data;
}

/** An assigned order the courier picked up and set off with; answers it EN_ROUTE with its code. */
async function onTheWay() {
  const order = await assigned();
  const picked = await run(app, courier.headers, PICK_UP, { orderId: order.id, version: order.version });
  expect(picked.__typename).toBe('MutationPickUpDeliverySuccess');
  const started = await run(app, courier.headers, START, { orderId: order.id, version: picked.data.version });
  expect(started.__typename).toBe('MutationStartDeliveryRouteSuccess');
  return { ...started.data, code: (await handoverCodeOf(app, order.id)).code as string };
}

describe('assignCourier', () => {
  test('a manager assigns an active courier: the order and its delivery name them, and they are told once per assignment', async () => {
    const order = await readyDelivery(app, manager, { productId });
    const first = await run(app, manager, ASSIGN, {
      orderId: order.id,
      courierId: courier.id,
      version: order.version,
    });
    expect(first).toMatchObject({
      __typename: 'MutationAssignCourierSuccess',
      data: {
        status: 'READY',
        version: order.version + 1,
        courier: { id: courier.id },
        delivery: { status: 'ASSIGNED' },
      },
    });
    const told = () =>
      app.prisma.notification.findMany({
        where: {
          kind: 'ORDER_ASSIGNED',
          userId: courier.id,
          dedupeKey: { startsWith: `order:${rowId(order.id)}:` },
        },
      });
    expect(await told()).toHaveLength(1);
    // Taken away and given again: a second assignment, a second message.
    const away = await run(app, manager, ASSIGN, {
      orderId: order.id,
      courierId: null,
      version: first.data.version,
    });
    expect(away.data).toMatchObject({ courier: null, delivery: { status: 'PENDING' } });
    const again = await run(app, manager, ASSIGN, {
      orderId: order.id,
      courierId: courier.id,
      version: away.data.version,
    });
    expect(again.data.delivery.status).toBe('ASSIGNED');
    expect(await told()).toHaveLength(2);
    expect((await told())[0]!.payload).toMatchObject({ orderId: rowId(order.id), role: 'COURIER' });
  });

  test('refuses, changing nothing: a non-courier, a stale version, a pickup order; florists and couriers may not assign', async () => {
    const order = await readyDelivery(app, manager, { productId });
    const florist = await app.prisma.user.findUniqueOrThrow({ where: { email: FLORIST } });
    const before = await deliveryState(app, order.id);
    const refused = [
      await run(app, manager, ASSIGN, { orderId: order.id, courierId: florist.id, version: order.version }),
      await run(app, manager, ASSIGN, {
        orderId: order.id,
        courierId: courier.id,
        version: order.version - 1,
      }),
    ];
    expect(refused.map((r) => r.__typename)).toEqual(['NotACourier', 'StaleVersion']);
    for (const headers of [await app.signIn(FLORIST), courier.headers]) {
      const denied = await run(app, headers, ASSIGN, {
        orderId: order.id,
        courierId: courier.id,
        version: order.version,
      });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await deliveryState(app, order.id)).toEqual(before);

    const pickup = await createOrder(app, manager, { productId, fulfillment: 'PICKUP' });
    const notDelivery = await run(app, manager, ASSIGN, {
      orderId: pickup.id,
      courierId: courier.id,
      version: pickup.version,
    });
    expect(notDelivery.__typename).toBe('NotADelivery');
  });

  test('an API key with orders:write assigns like a manager', async () => {
    const order = await readyDelivery(app, manager, { productId });
    const answer = await run(app, app.demoKey, ASSIGN, {
      orderId: order.id,
      courierId: courier.id,
      version: order.version,
    });
    expect(answer, JSON.stringify(answer)).toMatchObject({ data: { delivery: { status: 'ASSIGNED' } } });
  });
});

describe('the pool', () => {
  test('closed while managers assign; open, couriers take from it in window order and release before pickup', async () => {
    const other = await addCourier(app, 'Pavel Pool');
    const order = await readyDelivery(app, manager, { productId });
    const pool = `{ deliveryPool { orderId windowStart mapsUrl } }`;
    const closed = await app.gql(pool, {}, courier.headers);
    expect(closed.data?.deliveryPool, JSON.stringify(closed.errors)).toEqual([]);
    expect((await run(app, courier.headers, TAKE, { orderId: order.id })).__typename).toBe(
      'DeliveryPoolClosed',
    );

    const denied = await app.gql(SET_MODE, { mode: 'COURIERS_TAKE_FROM_POOL' }, courier.headers);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const opened = await app.gql(SET_MODE, { mode: 'COURIERS_TAKE_FROM_POOL' }, manager);
    expect(opened.data?.setCourierAssignment).toEqual({ courierAssignment: 'COURIERS_TAKE_FROM_POOL' });
    try {
      const listed = (await app.gql(pool, {}, courier.headers)).data?.deliveryPool as {
        orderId: string;
        windowStart: string | null;
      }[];
      expect(listed.map((o) => o.orderId)).toContain(order.id);
      // Window order, what has no window last.
      const starts = listed.map((o) => o.windowStart ?? '9999');
      expect(starts).toEqual([...starts].sort());
      const taken = await run(app, other.headers, TAKE, { orderId: order.id });
      expect(taken.data).toMatchObject({ courier: { id: other.id }, delivery: { status: 'ASSIGNED' } });
      expect((await run(app, courier.headers, TAKE, { orderId: order.id })).__typename).toBe('DeliveryTaken');
      // Not the other courier's to move.
      const notYours = await run(app, courier.headers, PICK_UP, {
        orderId: order.id,
        version: taken.data.version,
      });
      expect(notYours.__typename).toBe('NotYourDelivery');
      const released = await run(app, other.headers, RELEASE, {
        orderId: order.id,
        version: taken.data.version,
      });
      expect(released.data).toMatchObject({ status: 'READY', version: taken.data.version + 1 });
      expect(await app.prisma.delivery.findUnique({ where: { orderId: rowId(order.id) } })).toMatchObject({
        courierId: null,
        status: 'PENDING',
      });
      const back = (await app.gql(pool, {}, courier.headers)).data?.deliveryPool as { orderId: string }[];
      expect(back.map((o) => o.orderId)).toContain(order.id);
    } finally {
      await app.gql(SET_MODE, { mode: 'MANAGER_ASSIGNS' }, manager);
    }
  });
});

describe('a delivery’s steps', () => {
  test('picked up (a code goes to the customer, only its hash is kept), on the way, a wrong code counts, the right one delivers', async () => {
    const order = await assigned();
    const picked = await run(app, courier.headers, PICK_UP, { orderId: order.id, version: order.version });
    expect(picked.data).toMatchObject({
      status: 'OUT_FOR_DELIVERY',
      delivery: { status: 'PICKED_UP', handoverCodeSent: true, handoverAttemptsLeft: 5 },
    });
    const sent = await handoverCodeOf(app, order.id);
    const customerUser = await app.prisma.user.findUniqueOrThrow({ where: { email: 'customer@posy.demo' } });
    expect(sent).toMatchObject({ userId: customerUser.id, audience: 'CUSTOMER' });
    expect(sent.code).toMatch(/^\d{4}$/);
    const row = await app.prisma.delivery.findUniqueOrThrow({ where: { orderId: rowId(order.id) } });
    expect(row.handoverCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(`"${sent.code}"`);

    const started = await run(app, courier.headers, START, {
      orderId: order.id,
      version: picked.data.version,
    });
    expect(started.data).toMatchObject({ status: 'OUT_FOR_DELIVERY', delivery: { status: 'EN_ROUTE' } });
    const version = started.data.version;

    const wrongCode = sent.code === '0000' ? '0001' : '0000';
    const before = await deliveryState(app, order.id);
    const wrong = await run(app, courier.headers, COMPLETE, { orderId: order.id, version, code: wrongCode });
    expect(wrong).toMatchObject({ __typename: 'WrongHandoverCode', attemptsLeft: 4 });
    // The guess is counted (and audited as refused); nothing else of the order changed.
    const after = await deliveryState(app, order.id);
    expect(after.delivery?.handoverAttempts).toBe(1);
    expect({ ...after, delivery: { ...after.delivery, handoverAttempts: 0, updatedAt: null } }).toEqual({
      ...before,
      delivery: { ...before.delivery, handoverAttempts: 0, updatedAt: null },
    });
    expect(
      await app.prisma.auditLog.count({
        where: { action: 'completeDelivery.failed', targetId: rowId(order.id) },
      }),
    ).toBe(1);

    const done = await run(app, courier.headers, COMPLETE, { orderId: order.id, version, code: sent.code });
    expect(done.data).toMatchObject({
      status: 'DELIVERED',
      version: version + 1,
      delivery: { status: 'DELIVERED' },
    });
    const completedAgain = await run(app, courier.headers, COMPLETE, {
      orderId: order.id,
      version: version + 1,
      code: sent.code,
    });
    expect(completedAgain).toMatchObject({ __typename: 'InvalidDeliveryStatus', status: 'DELIVERED' });
  });

  test('the fifth wrong code locks it; then only a photo and a manager’s approval complete it, and the photo is staff’s', async () => {
    const order = await onTheWay();
    const wrongCode = order.code === '9999' ? '9998' : '9999';
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        await run(app, courier.headers, COMPLETE, {
          orderId: order.id,
          version: order.version,
          code: wrongCode,
        }),
      );
    expect(answers.map((a) => a.attemptsLeft ?? a.__typename)).toEqual([4, 3, 2, 1, 'HandoverCodeLocked']);
    const right = await run(app, courier.headers, COMPLETE, {
      orderId: order.id,
      version: order.version,
      code: order.code,
    });
    expect(right.__typename).toBe('HandoverCodeLocked');
    const locked = await app.prisma.delivery.findUniqueOrThrow({ where: { orderId: rowId(order.id) } });
    expect(locked).toMatchObject({ handoverAttempts: 5, status: 'EN_ROUTE' });
    expect(locked.handoverLockedAt).toBeInstanceOf(Date);

    // No approval before a photo; the courier cannot approve their own.
    const early = await run(app, manager, APPROVE, { orderId: order.id, version: order.version });
    expect(early).toMatchObject({ __typename: 'ApprovalWithoutCodeRefused', reason: 'NO_PROOF' });
    const bouquet = await uploadTestImage(app, manager, 'BOUQUET_PHOTO');
    const wrongPurpose = await run(app, courier.headers, ATTACH_PROOF, {
      orderId: order.id,
      imageId: bouquet.id,
    });
    expect(wrongPurpose.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'imageId' });
    const proof = await uploadTestImage(app, courier.headers, 'DELIVERY_PROOF');
    const attached = await run(app, courier.headers, ATTACH_PROOF, { orderId: order.id, imageId: proof.id });
    expect(attached.data).toMatchObject({ version: order.version, delivery: { proof: { id: proof.id } } });
    const byCourier = await run(app, courier.headers, APPROVE, { orderId: order.id, version: order.version });
    expect(byCourier.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const approved = await run(app, manager, APPROVE, { orderId: order.id, version: order.version });
    expect(approved.data).toMatchObject({
      status: 'DELIVERED',
      delivery: { status: 'DELIVERED', proof: { id: proof.id } },
    });

    // The customer sees their order delivered, not the photo of the door.
    const customer = await app.signIn('customer@posy.demo');
    const seen = await app.gql(
      `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
      { id: order.id },
      customer,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.order.delivery).toMatchObject({
      status: 'DELIVERED',
      proof: null,
      handoverAttemptsLeft: null,
    });
    const node = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: proof.id }, customer);
    expect(node.data?.node ?? null).toBeNull();
  });

  test('a failed delivery goes back to READY with its reason; picked up again, a new code replaces the old one', async () => {
    const order = await onTheWay();
    const noReason = await run(app, courier.headers, FAIL, {
      orderId: order.id,
      version: order.version,
      reason: '  ',
    });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const failed = await run(app, courier.headers, FAIL, {
      orderId: order.id,
      version: order.version,
      reason: 'Nobody home',
    });
    expect(failed.data).toMatchObject({
      status: 'READY',
      courier: { id: courier.id },
      delivery: { status: 'FAILED', failedReason: 'Nobody home', handoverCodeSent: false },
    });
    const event = await app.prisma.orderEvent.findFirstOrThrow({
      where: { orderId: rowId(order.id), toStatus: 'READY', fromStatus: 'OUT_FOR_DELIVERY' },
    });
    expect(event.note).toBe('Delivery failed: Nobody home');

    const again = await run(app, courier.headers, PICK_UP, {
      orderId: order.id,
      version: failed.data.version,
    });
    expect(again.data).toMatchObject({
      status: 'OUT_FOR_DELIVERY',
      delivery: { status: 'PICKED_UP', failedReason: null },
    });
    const fresh = await handoverCodeOf(app, order.id);
    if (fresh.code !== order.code) {
      const old = await run(app, courier.headers, COMPLETE, {
        orderId: order.id,
        version: again.data.version,
        code: order.code,
      });
      expect(old.__typename).toBe('WrongHandoverCode');
    }
    const done = await run(app, courier.headers, COMPLETE, {
      orderId: order.id,
      version: again.data.version,
      code: fresh.code,
    });
    expect(done.data.status).toBe('DELIVERED');
  });

  test('steps out of order, or by someone else, are refused and change nothing', async () => {
    const order = await assigned();
    const other = await addCourier(app, 'Olga Other');
    const before = await deliveryState(app, order.id);
    const answers = {
      startBeforePickup: await run(app, courier.headers, START, {
        orderId: order.id,
        version: order.version,
      }),
      completeBeforePickup: await run(app, courier.headers, COMPLETE, {
        orderId: order.id,
        version: order.version,
        code: '1234',
      }),
      otherCourier: await run(app, other.headers, PICK_UP, { orderId: order.id, version: order.version }),
      stale: await run(app, courier.headers, PICK_UP, { orderId: order.id, version: order.version - 1 }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, a]) => [k, a.__typename]))).toEqual({
      startBeforePickup: 'InvalidDeliveryStatus',
      completeBeforePickup: 'InvalidDeliveryStatus',
      otherCourier: 'NotYourDelivery',
      stale: 'StaleVersion',
    });
    for (const headers of [await app.signIn(FLORIST), await app.signIn('customer@posy.demo')]) {
      const denied = await run(app, headers, PICK_UP, { orderId: order.id, version: order.version });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await deliveryState(app, order.id)).toEqual(before);
    // Released after pickup: too late.
    const picked = await run(app, courier.headers, PICK_UP, { orderId: order.id, version: order.version });
    const release = await run(app, courier.headers, RELEASE, {
      orderId: order.id,
      version: picked.data.version,
    });
    expect(release).toMatchObject({ __typename: 'InvalidDeliveryStatus', status: 'PICKED_UP' });
  });
});

describe('the order moves with its delivery', () => {
  test('an order with a courier cannot skip the code through changeOrderStatus; cancelling cancels the delivery', async () => {
    const order = await onTheWay();
    const before = await deliveryState(app, order.id);
    for (const headers of [courier.headers, manager]) {
      const skipped = await app.gql(
        `mutation($id: ID!, $version: Int!) { changeOrderStatus(id: $id, version: $version, to: DELIVERED) { __typename } }`,
        { id: order.id, version: order.version },
        headers,
      );
      expect(skipped.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await deliveryState(app, order.id)).toEqual(before);

    const cancelled = await app.gql(
      `mutation($id: ID!, $version: Int!) { cancelOrder(id: $id, version: $version, reason: "Recipient moved") { __typename } }`,
      { id: order.id, version: order.version },
      manager,
    );
    expect(cancelled.data?.cancelOrder.__typename).toBe('MutationCancelOrderSuccess');
    expect(
      await app.prisma.delivery.findUniqueOrThrow({ where: { orderId: rowId(order.id) } }),
    ).toMatchObject({
      status: 'CANCELLED',
      handoverCodeHash: null,
    });
  });
});

describe('who gets the handover code', () => {
  test('the recipient, when their phone is a customer of the shop on Telegram; an anonymous sender is not named', async () => {
    const recipient = await addCustomer(app, 'Rita Recipient');
    await app.prisma.user.update({
      where: { id: (await app.prisma.customer.findUniqueOrThrow({ where: { id: recipient.id } })).userId! },
      data: { telegramId: 555_000_111n },
    });
    await app.prisma.customer.update({ where: { id: recipient.id }, data: { phone: '+79165550111' } });
    const order = await assigned();
    // Typed the way people type phones; matched as stored.
    await app.prisma.order.update({
      where: { id: rowId(order.id) },
      data: { recipientName: 'Rita', recipientPhone: '8 (916) 555-01-11', anonymousSender: true },
    });
    const picked = await run(app, courier.headers, PICK_UP, { orderId: order.id, version: order.version });
    expect(picked.__typename).toBe('MutationPickUpDeliverySuccess');
    const recipientRow = await app.prisma.customer.findUniqueOrThrow({ where: { id: recipient.id } });
    expect(await handoverCodeOf(app, order.id)).toMatchObject({
      userId: recipientRow.userId,
      audience: 'RECIPIENT',
      senderName: null,
    });
  });

  test('nobody reachable: no code is sent, and the courier completes with a photo', async () => {
    const walkIn = await app.prisma.customer.create({
      data: {
        shopId: (await app.prisma.shop.findFirstOrThrow({ where: { slug: 'demo' } })).id,
        name: 'Walk In',
      },
    });
    const order = await readyDelivery(app, manager, { productId, customerId: walkIn.id });
    const given = await run(app, manager, ASSIGN, {
      orderId: order.id,
      courierId: courier.id,
      version: order.version,
    });
    const picked = await run(app, courier.headers, PICK_UP, {
      orderId: order.id,
      version: given.data.version,
    });
    expect(picked.data.delivery.handoverCodeSent).toBe(false);
    const withCode = await run(app, courier.headers, COMPLETE, {
      orderId: order.id,
      version: picked.data.version,
      code: '1234',
    });
    expect(withCode.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'proofPhotoId' });
    const proof = await uploadTestImage(app, courier.headers, 'DELIVERY_PROOF');
    const done = await run(app, courier.headers, COMPLETE, {
      orderId: order.id,
      version: picked.data.version,
      proofPhotoId: proof.id,
    });
    expect(done.data).toMatchObject({ status: 'DELIVERED', delivery: { proof: { id: proof.id } } });
  });
});

describe('the courier’s day', () => {
  test('myDeliveries in window order with what the courier needs; managers see any courier’s, couriers only theirs', async () => {
    const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const late = await assigned();
    const early = await assigned();
    const elsewhere = await assigned();
    const at = (iso: string) => new Date(iso);
    // Windows of that day in the shop's zone (Moscow, UTC+3), and one the next day.
    await app.prisma.order.update({
      where: { id: rowId(late.id) },
      data: {
        windowStart: at(`${date}T15:00:00+03:00`),
        windowEnd: at(`${date}T17:00:00+03:00`),
        deliveryAddress: 'Moscow, Arbat 1',
      },
    });
    await app.prisma.order.update({
      where: { id: rowId(early.id) },
      data: { windowStart: at(`${date}T00:30:00+03:00`), windowEnd: at(`${date}T02:00:00+03:00`) },
    });
    await app.prisma.order.update({
      where: { id: rowId(elsewhere.id) },
      data: { windowStart: at(`${date}T23:59:00Z`), windowEnd: at(`${date}T23:59:30Z`) },
    });
    const fields =
      'id deliveryAddress mapsUrl recipientName recipientPhone cardText status delivery { status }';
    const mine = await app.gql(
      `query($date: String!) { myDeliveries(date: $date) { ${fields} } }`,
      { date },
      courier.headers,
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myDeliveries.map((o: { id: string }) => o.id)).toEqual([early.id, late.id]);
    expect(mine.data?.myDeliveries[1]).toMatchObject({
      deliveryAddress: 'Moscow, Arbat 1',
      mapsUrl: 'https://www.google.com/maps/search/?api=1&query=Moscow%2C%20Arbat%201',
      status: 'READY',
      delivery: { status: 'ASSIGNED' },
    });
    const theirs = await app.gql(
      `query($date: String!, $courierId: ID!) { deliveries(date: $date, courierId: $courierId) { id } }`,
      { date, courierId: courier.id },
      manager,
    );
    expect(theirs.data?.deliveries.map((o: { id: string }) => o.id)).toEqual([early.id, late.id]);
    const other = await addCourier(app, 'Nosy Courier');
    const nosy = await app.gql(
      `query($date: String!, $courierId: ID!) { deliveries(date: $date, courierId: $courierId) { id } }`,
      { date, courierId: courier.id },
      other.headers,
    );
    expect(nosy.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await app.gql('{ myDeliveries(date: "tomorrow") { id } }', {}, courier.headers);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the demo seed', () => {
  test('the courier completes the seeded delivery on its way with the demo handover code', async () => {
    const seeded = await app.prisma.order.findFirstOrThrow({
      where: { delivery: { status: 'EN_ROUTE' }, courierId: courier.id },
    });
    const done = await run(app, courier.headers, COMPLETE, {
      orderId: encodeGlobalId('Order', seeded.id),
      version: seeded.version,
      code: DEMO_HANDOVER_CODE,
    });
    expect(done.data).toMatchObject({ status: 'DELIVERED', delivery: { status: 'DELIVERED' } });
    const assigned = await app.prisma.order.findMany({
      where: { courierId: courier.id, status: 'IN_PRODUCTION' },
      include: { delivery: true },
    });
    expect(assigned.map((o) => o.delivery?.status)).toContain('ASSIGNED');
  });
});
