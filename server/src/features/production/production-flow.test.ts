import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { uploadTestImage } from '../../../test/uploads-client.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';
import { dateAhead, openSlots } from '../checkout/checkout-test-slots.js';
import {
  addStaff,
  bouquetOf,
  bouquetPhoto,
  confirmedOrder,
  createOrder,
  DELIVERY_HANDOVER,
  demoShopId,
  FLORIST,
  MANAGER,
  step,
  TASK_FIELDS,
  taskIdOf,
} from './production-test-fixtures.js';

// A florist's day over the app's GraphQL: confirming an order queues its task; taking it starts production;
// finishing it with a photo makes the order READY and consumes the batches the task showed, earliest
// expiry first; cancelling the order cancels the task.
let app: TestApp;
let manager: Record<string, string>;
let florist: Record<string, string>;
let floristId: string;
let shopId: string;
let slotOn: Awaited<ReturnType<typeof openSlots>>;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  florist = await app.signIn(FLORIST);
  floristId = (await app.prisma.user.findUniqueOrThrow({ where: { email: FLORIST } })).id;
  shopId = await demoShopId(app);
  slotOn = await openSlots(app, shopId);
});
afterAll(() => app?.stop());

const TASK = `query($id: ID!) { productionTask(id: $id) { ${TASK_FIELDS} } }`;
const TAKE = `mutation($id: ID!) { takeProductionTask(id: $id) {
  __typename ... on DomainError { message }
  ... on MutationTakeProductionTaskSuccess { data { id status florist { id } order { status version } } }
  ... on TaskAlreadyTaken { florist { id name } } ... on InvalidTaskStatus { status expected } } }`;
const RELEASE = `mutation($id: ID!) { releaseProductionTask(id: $id) {
  __typename ... on DomainError { message }
  ... on MutationReleaseProductionTaskSuccess { data { id status florist { id } order { status florist { id } } } }
  ... on TaskNotHeld { florist { id } } } }`;
const FINISH = `mutation($id: ID!, $photoId: ID!, $note: String) {
  finishProductionTask(id: $id, photoId: $photoId, note: $note) {
    __typename ... on DomainError { message }
    ... on MutationFinishProductionTaskSuccess { data { ${TASK_FIELDS} } }
    ... on TaskNotHeld { florist { id } } ... on InvalidTaskStatus { status expected } } }`;

const task = async (id: string, headers = manager) => {
  const result = await app.gql(TASK, { id }, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.productionTask;
};
/** What a refused step must leave as it was: the task, the order, its events and the stock. */
const snapshot = async (taskRowId: string) => {
  const row = await app.prisma.productionTask.findUniqueOrThrow({
    where: { id: taskRowId },
    include: { order: { include: { events: true, movements: true, reservations: true } } },
  });
  return JSON.parse(JSON.stringify(row));
};

describe('confirming an order', () => {
  test('queues its task PENDING, due an hour before a delivery window and at a pickup window', async () => {
    const { productId } = await bouquetOf(app, 'Window roses', 1, [[10, 48]]);
    const slot = slotOn(dateAhead(2));
    const delivery = await confirmedOrder(app, manager, { productId, fulfillment: 'DELIVERY', slot });
    const pickup = await confirmedOrder(app, manager, { productId, fulfillment: 'PICKUP', slot });
    const windowStart = new Date(delivery.windowStart!);
    expect(pickup.windowStart).toBe(delivery.windowStart);
    const deliveryTask = await task((await taskIdOf(app, delivery.id)).id);
    expect(deliveryTask).toMatchObject({ status: 'PENDING', florist: null, takenAt: null });
    expect(new Date(deliveryTask.dueAt).getTime()).toBe(windowStart.getTime() - DELIVERY_HANDOVER);
    const pickupTask = await task((await taskIdOf(app, pickup.id)).id);
    expect(new Date(pickupTask.dueAt).getTime()).toBe(windowStart.getTime());
  });

  test('without a window the task is due after the slowest product’s lead time', async () => {
    const { productId } = await bouquetOf(app, 'Slow tulips', 1, [[10, 48]]);
    await app.prisma.product.update({ where: { id: productId }, data: { leadTimeMinutes: 90 } });
    const before = Date.now();
    const order = await confirmedOrder(app, manager, { productId });
    const due = new Date((await task((await taskIdOf(app, order.id)).id)).dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(due).toBeLessThan(Date.now() + 90 * 60_000 + 1000);
  });

  test('an order never confirmed has no task; one order has one task whatever it goes through', async () => {
    const { productId } = await bouquetOf(app, 'Lonely lily', 1, [[10, 48]]);
    const order = await createOrder(app, manager, { productId, fulfillment: 'DELIVERY' });
    const orderId = decodeGlobalId(order.id).id;
    expect(await app.prisma.productionTask.count({ where: { orderId } })).toBe(0);
    // Through the whole flow and a failed delivery back to READY and out again: still one task.
    let current = (await step(app, manager, order, 'CONFIRMED')).data;
    for (const to of ['IN_PRODUCTION', 'READY', 'OUT_FOR_DELIVERY', 'READY', 'OUT_FOR_DELIVERY'])
      current = (await step(app, manager, current, to)).data;
    expect(current.status).toBe('OUT_FOR_DELIVERY');
    const tasks = await app.prisma.productionTask.findMany({ where: { orderId } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'DONE' });
  });
});

describe('taking, releasing and finishing a task', () => {
  test('taking starts production through the orders service: IN_PRODUCTION, florist, event, version', async () => {
    const { productId } = await bouquetOf(app, 'Taken peonies', 2, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId });
    const { id } = await taskIdOf(app, order.id);
    const answer = (await app.gql(TAKE, { id }, florist)).data!.takeProductionTask;
    expect(answer).toMatchObject({
      __typename: 'MutationTakeProductionTaskSuccess',
      data: { status: 'IN_PROGRESS', florist: { id: floristId }, order: { status: 'IN_PRODUCTION' } },
    });
    expect(answer.data.order.version).toBe(order.version + 1);
    const row = await app.prisma.order.findUniqueOrThrow({
      where: { id: decodeGlobalId(order.id).id },
      include: { events: { orderBy: { at: 'desc' }, take: 1 } },
    });
    expect(row).toMatchObject({ status: 'IN_PRODUCTION', floristId });
    expect(row.events[0]).toMatchObject({
      fromStatus: 'CONFIRMED',
      toStatus: 'IN_PRODUCTION',
      actorId: floristId,
    });
  });

  test('releasing gives the task back to the queue; another florist takes it, the order stays IN_PRODUCTION', async () => {
    const { productId } = await bouquetOf(app, 'Released daisies', 1, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId });
    const { id } = await taskIdOf(app, order.id);
    await app.gql(TAKE, { id }, florist);
    const other = await addStaff(app, 'FLORIST', 'Olga Florist');
    // Not the holder: refused, nothing changed.
    const refused = (await app.gql(RELEASE, { id }, other.headers)).data!.releaseProductionTask;
    expect(refused).toMatchObject({ __typename: 'TaskNotHeld', florist: { id: floristId } });
    const released = (await app.gql(RELEASE, { id }, florist)).data!.releaseProductionTask;
    expect(released).toMatchObject({
      data: { status: 'PENDING', florist: null, order: { status: 'IN_PRODUCTION', florist: null } },
    });
    const retaken = (await app.gql(TAKE, { id }, other.headers)).data!.takeProductionTask;
    expect(retaken).toMatchObject({
      data: { status: 'IN_PROGRESS', florist: { id: other.id }, order: { status: 'IN_PRODUCTION' } },
    });
  });

  test('finishing makes the order READY and consumes exactly the batches the task showed, earliest expiry first', async () => {
    // Batches listed latest expiry first: the task must still show (and consume) the earliest ones.
    const bouquet = await bouquetOf(app, 'FEFO ranunculus', 3, [
      [20, 96],
      [4, null],
      [5, 24],
      [2, 6],
    ]);
    const [late, noExpiry, middle, early] = bouquet.batchIds as [string, string, string, string];
    const order = await confirmedOrder(app, manager, { productId: bouquet.productId, quantity: 3 });
    const { id, rowId } = await taskIdOf(app, order.id);
    const shown = await task(id, florist);
    expect(shown.composition).toEqual([
      {
        productName: 'FEFO ranunculus',
        quantity: 3,
        product: { id: encodeGlobalId('Product', bouquet.productId) },
        components: [
          {
            perUnit: 3,
            quantity: 9,
            stockItem: {
              id: encodeGlobalId('StockItem', bouquet.stockItemId),
              name: 'FEFO ranunculus stems',
            },
          },
        ],
      },
    ]);
    // 9 stems: 2 expiring in 6 h, 5 in 24 h, then 2 of the 96 h batch; the batch without expiry stays.
    const plan = shown.batches.map((b: { batch: { id: string }; quantity: number }) => [
      b.batch.id,
      b.quantity,
    ]);
    expect(plan).toEqual([
      [early, 2],
      [middle, 5],
      [late, 2],
    ]);
    await app.gql(TAKE, { id }, florist);
    const photo = await bouquetPhoto(app, florist);
    const answer = (await app.gql(FINISH, { id, photoId: photo.id, note: ' Extra ribbon ' }, florist)).data!
      .finishProductionTask;
    expect(answer.__typename).toBe('MutationFinishProductionTaskSuccess');
    expect(answer.data).toMatchObject({
      status: 'DONE',
      photo: { id: photo.id },
      note: 'Extra ribbon',
      order: { status: 'READY' },
    });
    expect(answer.data.doneAt).not.toBeNull();
    const movements = await app.prisma.stockMovement.findMany({
      where: { orderId: decodeGlobalId(order.id).id, kind: 'CONSUMPTION' },
      orderBy: { id: 'asc' },
      select: { batchId: true, quantity: true },
    });
    expect(movements.map((m) => [m.batchId, -m.quantity])).toEqual(plan);
    // The finished task shows what it took, as it showed what it would take.
    expect(
      answer.data.batches.map((b: { batch: { id: string }; quantity: number }) => [b.batch.id, b.quantity]),
    ).toEqual(plan);
    const batches = await app.prisma.stockBatch.findMany({
      where: { id: { in: [late, noExpiry, middle, early] } },
      select: { id: true, quantityRemaining: true },
    });
    expect(Object.fromEntries(batches.map((b) => [b.id, b.quantityRemaining]))).toEqual({
      [early]: 0,
      [middle]: 0,
      [late]: 18,
      [noExpiry]: 4,
    });
    expect((await app.prisma.productionTask.findUniqueOrThrow({ where: { id: rowId } })).photoFileId).toBe(
      photo.rowId,
    );
  });

  test('finishing a task someone else holds is TaskNotHeld and changes nothing; a manager may finish it', async () => {
    const { productId } = await bouquetOf(app, 'Held orchids', 1, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId });
    const { id, rowId } = await taskIdOf(app, order.id);
    const photo = await bouquetPhoto(app, florist);
    // Nobody holds it yet: it must be taken first.
    const untaken = (await app.gql(FINISH, { id, photoId: photo.id }, florist)).data!.finishProductionTask;
    expect(untaken).toMatchObject({
      __typename: 'InvalidTaskStatus',
      status: 'PENDING',
      expected: ['IN_PROGRESS'],
    });
    await app.gql(TAKE, { id }, florist);
    const other = await addStaff(app, 'FLORIST', 'Fedor Florist');
    const before = await snapshot(rowId);
    const refused = (await app.gql(FINISH, { id, photoId: photo.id }, other.headers)).data!
      .finishProductionTask;
    expect(refused).toMatchObject({ __typename: 'TaskNotHeld', florist: { id: floristId } });
    expect(await snapshot(rowId)).toEqual(before);
    const byManager = (await app.gql(FINISH, { id, photoId: photo.id }, manager)).data!.finishProductionTask;
    expect(byManager).toMatchObject({ data: { status: 'DONE', order: { status: 'READY' } } });
  });

  test('a photo of another shop, or none at all, is NOT_FOUND; one uploaded for another purpose, or no image id, BAD_USER_INPUT; nothing changes', async () => {
    const { productId } = await bouquetOf(app, 'Foreign photo freesia', 1, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId });
    const { id, rowId } = await taskIdOf(app, order.id);
    await app.gql(TAKE, { id }, florist);
    const otherShop = await app.prisma.shop.create({
      data: { name: 'Other flowers', slug: 'other-flowers-photo' },
    });
    const otherFlorist = await addStaff(app, 'FLORIST', 'Olga Other', otherShop.id);
    const foreign = await bouquetPhoto(app, otherFlorist.headers);
    const catalogPhoto = await uploadTestImage(app, manager, 'PRODUCT_PHOTO');
    const proof = await uploadTestImage(app, manager, 'DELIVERY_PROOF');
    const before = await snapshot(rowId);
    for (const [photoId, code] of [
      [foreign.id, 'NOT_FOUND'],
      [encodeGlobalId('Image', '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND'],
      [catalogPhoto.id, 'BAD_USER_INPUT'],
      [proof.id, 'BAD_USER_INPUT'],
      [foreign.rowId, 'BAD_USER_INPUT'],
      [encodeGlobalId('Order', decodeGlobalId(order.id).id), 'BAD_USER_INPUT'],
    ] as const) {
      const result = await app.gql(FINISH, { id, photoId }, florist);
      expect(result.data?.finishProductionTask ?? null, photoId).toBeNull();
      expect(result.errors?.[0]?.extensions?.code, photoId).toBe(code);
    }
    expect(await snapshot(rowId)).toEqual(before);
  });

  test('a finished task cannot be taken again', async () => {
    const { productId } = await bouquetOf(app, 'Twice carnations', 1, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId });
    const { id } = await taskIdOf(app, order.id);
    await app.gql(TAKE, { id }, florist);
    await app.gql(FINISH, { id, photoId: (await bouquetPhoto(app, florist)).id }, florist);
    const again = (await app.gql(TAKE, { id }, florist)).data!.takeProductionTask;
    expect(again).toMatchObject({ __typename: 'InvalidTaskStatus', status: 'DONE', expected: ['PENDING'] });
  });
});

describe('the task follows its order', () => {
  test('cancelling the order cancels its open task, pending or taken', async () => {
    const { productId } = await bouquetOf(app, 'Cancelled gerberas', 1, [[10, 48]]);
    for (const taken of [false, true]) {
      const order = await confirmedOrder(app, manager, { productId });
      const { id, rowId } = await taskIdOf(app, order.id);
      let current = order;
      if (taken) current = (await app.gql(TAKE, { id }, florist)).data!.takeProductionTask.data.order;
      const version = taken ? order.version + 1 : order.version;
      const cancelled = await step(
        app,
        manager,
        { ...order, version },
        'CANCELLED',
        'Customer changed their mind',
      );
      expect(cancelled.data.status).toBe('CANCELLED');
      expect((await app.prisma.productionTask.findUniqueOrThrow({ where: { id: rowId } })).status).toBe(
        'CANCELLED',
      );
      expect(current).toBeTruthy();
      const queue = await app.gql('{ productionQueue { id } }', {}, manager);
      expect(queue.data!.productionQueue.map((t: { id: string }) => t.id)).not.toContain(id);
    }
  });

  test('editing a confirmed order’s window moves its task’s due time', async () => {
    const { productId } = await bouquetOf(app, 'Rescheduled roses', 1, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId, slot: slotOn(dateAhead(2)) });
    const { id } = await taskIdOf(app, order.id);
    expect(new Date((await task(id)).dueAt).getTime()).toBe(new Date(order.windowStart!).getTime());
    const edited = await app.gql(
      `mutation($id: ID!, $version: Int!, $patch: OrderPatchInput!) { updateOrder(id: $id, version: $version, patch: $patch) {
        __typename ... on MutationUpdateOrderSuccess { data { windowStart } } } }`,
      { id: order.id, version: order.version, patch: { slot: slotOn(dateAhead(3)) } },
      manager,
    );
    expect(edited.data!.updateOrder.__typename).toBe('MutationUpdateOrderSuccess');
    const later = new Date(edited.data!.updateOrder.data.windowStart);
    expect(later.getTime()).toBe(new Date(order.windowStart!).getTime() + 86_400_000);
    expect(new Date((await task(id)).dueAt).getTime()).toBe(later.getTime());
  });

  test('a manager moving the order without the board moves its task too', async () => {
    const { productId } = await bouquetOf(app, 'Board-less asters', 1, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId });
    const { id } = await taskIdOf(app, order.id);
    const started = (await step(app, manager, order, 'IN_PRODUCTION')).data;
    const managerId = (await app.prisma.user.findUniqueOrThrow({ where: { email: MANAGER } })).id;
    expect(await task(id)).toMatchObject({ status: 'IN_PROGRESS', florist: { id: managerId } });
    await step(app, manager, started, 'READY');
    expect(await task(id)).toMatchObject({ status: 'DONE' });
  });
});
