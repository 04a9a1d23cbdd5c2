import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { untilWaitingOnLocks } from '../../../test/lock-waits.js';
import { bouquetOf, COURIER, MANAGER } from '../production/production-test-fixtures.js';
import {
  ASSIGN,
  addCourier,
  COMPLETE,
  handoverCodeOf,
  readyDelivery,
  rowId,
  run,
  SET_MODE,
  TAKE,
  versionedStep,
} from './delivery-test-fixtures.js';

// Races over real HTTP, made to overlap for sure: a transaction holds the contested row while the requests
// queue behind it (untilWaitingOnLocks), then lets go. Two couriers take one delivery: exactly one gets it.
// Seven wrong handover codes at once: five are counted, the code locks, no more than five ever count.
let app: TestApp;
let manager: Record<string, string>;
let productId: string;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  ({ productId } = await bouquetOf(app, 'Raced lilies', 1, [[200, 96]]));
});
afterAll(() => app?.stop());

/** Holds `table`'s row `id` locked (FOR UPDATE) until the returned release is called. */
async function holdRow(table: 'Order' | 'Delivery', id: string) {
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const held = app.prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM "${table}" WHERE id = $1::uuid FOR UPDATE`, id);
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    { timeout: 30_000 },
  );
  await isLocked;
  return async () => {
    release();
    await held;
  };
}

test('two couriers take one delivery from the pool at once: one gets it, the other DeliveryTaken', async () => {
  const anna = await addCourier(app, 'Anna Courier');
  const boris = await addCourier(app, 'Boris Courier');
  await app.gql(SET_MODE, { mode: 'COURIERS_TAKE_FROM_POOL' }, manager);
  for (let round = 0; round < 3; round++) {
    const order = await readyDelivery(app, manager, { productId });
    const release = await holdRow('Order', rowId(order.id));
    const racing = Promise.all([anna, boris].map((c) => run(app, c.headers, TAKE, { orderId: order.id })));
    await untilWaitingOnLocks(app, 2);
    await release();
    const answers = await racing;
    const won = answers.filter((a) => a.__typename === 'MutationTakeDeliverySuccess');
    const lost = answers.filter((a) => a.__typename === 'DeliveryTaken');
    expect(won, JSON.stringify(answers)).toHaveLength(1);
    expect(lost, JSON.stringify(answers)).toHaveLength(1);
    const row = await app.prisma.order.findUniqueOrThrow({
      where: { id: rowId(order.id) },
      include: { delivery: true },
    });
    const winner = won[0].data.courier.id;
    expect([anna.id, boris.id]).toContain(winner);
    expect(row).toMatchObject({ courierId: winner, version: order.version + 1 });
    expect(row.delivery).toMatchObject({ courierId: winner, status: 'ASSIGNED', assignmentCount: 1 });
    // One assignment, one message, to the winner only.
    const told = await app.prisma.notification.findMany({
      where: { kind: 'ORDER_ASSIGNED', dedupeKey: { startsWith: `order:${row.id}:` } },
    });
    expect(told.map((n) => n.userId)).toEqual([winner]);
  }
  await app.gql(SET_MODE, { mode: 'MANAGER_ASSIGNS' }, manager);
});

test('seven wrong handover codes at once: exactly five count, the fifth locks it, the rest find it locked', async () => {
  const courier = {
    id: (await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER } })).id,
    headers: await app.signIn(COURIER),
  };
  const order = await readyDelivery(app, manager, { productId });
  const given = await run(app, manager, ASSIGN, {
    orderId: order.id,
    courierId: courier.id,
    version: order.version,
  });
  const picked = await run(app, courier.headers, versionedStep('pickUpDelivery'), {
    orderId: order.id,
    version: given.data.version,
  });
  const { code } = await handoverCodeOf(app, order.id);
  const wrongCode = code === '0000' ? '1111' : '0000';
  const delivery = await app.prisma.delivery.findUniqueOrThrow({ where: { orderId: rowId(order.id) } });

  const release = await holdRow('Delivery', delivery.id);
  const racing = Promise.all(
    Array.from({ length: 7 }, () =>
      run(app, courier.headers, COMPLETE, {
        orderId: order.id,
        version: picked.data.version,
        code: wrongCode,
      }),
    ),
  );
  await untilWaitingOnLocks(app, 7);
  await release();
  const answers = await racing;
  const left = answers
    .filter((a) => a.__typename === 'WrongHandoverCode')
    .map((a) => a.attemptsLeft)
    .sort();
  expect(left, JSON.stringify(answers)).toEqual([1, 2, 3, 4]);
  expect(answers.filter((a) => a.__typename === 'HandoverCodeLocked')).toHaveLength(3);
  const after = await app.prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
  expect(after.handoverAttempts).toBe(5);
  expect(after.handoverLockedAt).toBeInstanceOf(Date);
  // Locked, the right code no longer completes it.
  const right = await run(app, courier.headers, COMPLETE, {
    orderId: order.id,
    version: picked.data.version,
    code,
  });
  expect(right.__typename).toBe('HandoverCodeLocked');
  expect((await app.prisma.order.findUniqueOrThrow({ where: { id: rowId(order.id) } })).status).toBe(
    'OUT_FOR_DELIVERY',
  );
});
