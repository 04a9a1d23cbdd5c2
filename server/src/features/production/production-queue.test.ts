import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSecondShop, type SecondShop } from '../../../test/fixtures/second-shop.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { dateAhead, openSlots } from '../checkout/checkout-test-slots.js';
import {
  addStaff,
  bouquetOf,
  COURIER,
  CUSTOMER,
  confirmedOrder,
  demoShopId,
  FLORIST,
  MANAGER,
  TASK_FIELDS,
  taskIdOf,
} from './production-test-fixtures.js';

// Who sees the production board: the queue soonest due first; a florist the untaken tasks and their own,
// managers every open one; couriers, customers and API keys nothing; another shop's tasks nobody here.
let app: TestApp;
let b: SecondShop;
let manager: Record<string, string>;
let florist: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  b = await createSecondShop(app.prisma);
  manager = await app.signIn(MANAGER);
  florist = await app.signIn(FLORIST);
});
afterAll(() => app?.stop());

const QUEUE = '{ productionQueue { id status dueAt florist { id } } }';
const TAKE = 'mutation($id: ID!) { takeProductionTask(id: $id) { __typename } }';
const TASK = `query($id: ID!) { productionTask(id: $id) { ${TASK_FIELDS} } }`;
type Row = { id: string; status: string; dueAt: string | null; florist: { id: string } | null };
const queueOf = async (headers: Record<string, string>): Promise<Row[]> => {
  const result = await app.gql(QUEUE, {}, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.productionQueue;
};

describe('productionQueue', () => {
  test('lists open tasks soonest due first: a florist the untaken and their own, a manager all', async () => {
    const { productId } = await bouquetOf(app, 'Queued roses', 1, [[100, 96]]);
    const slotOn = await openSlots(app, await demoShopId(app));
    // Created out of order of their windows: the queue sorts by due time, not by creation.
    const late = await confirmedOrder(app, manager, { productId, slot: slotOn(dateAhead(4)) });
    const early = await confirmedOrder(app, manager, { productId, slot: slotOn(dateAhead(2)) });
    const middle = await confirmedOrder(app, manager, { productId, slot: slotOn(dateAhead(3)) });
    const [lateTask, earlyTask, middleTask] = await Promise.all(
      [late, early, middle].map(async (o) => (await taskIdOf(app, o.id)).id),
    );
    const other = await addStaff(app, 'FLORIST', 'Vera Florist');
    expect((await app.gql(TAKE, { id: middleTask }, other.headers)).data!.takeProductionTask.__typename).toBe(
      'MutationTakeProductionTaskSuccess',
    );
    const mine = [earlyTask, middleTask, lateTask];

    const managers = await queueOf(manager);
    expect(managers.filter((t) => mine.includes(t.id)).map((t) => t.id)).toEqual([
      earlyTask,
      middleTask,
      lateTask,
    ]);
    const dues = managers.map((t) => (t.dueAt ? new Date(t.dueAt).getTime() : Number.POSITIVE_INFINITY));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    expect(managers.every((t) => t.status === 'PENDING' || t.status === 'IN_PROGRESS')).toBe(true);

    // The seeded florist does not see Vera's task; Vera sees hers and the untaken ones.
    const floristQueue = (await queueOf(florist)).map((t) => t.id);
    expect(floristQueue.filter((id) => mine.includes(id))).toEqual([earlyTask, lateTask]);
    const verasQueue = await queueOf(other.headers);
    expect(verasQueue.filter((t) => mine.includes(t.id)).map((t) => t.id)).toEqual([
      earlyTask,
      middleTask,
      lateTask,
    ]);
    expect(
      verasQueue.filter((t) => t.status === 'IN_PROGRESS').every((t) => t.florist?.id === other.id),
    ).toBe(true);
  });

  test('done and cancelled tasks leave the queue', async () => {
    const seededDone = await app.prisma.productionTask.findMany({
      where: { status: { in: ['DONE', 'CANCELLED'] }, shop: { slug: 'demo' } },
      select: { id: true },
    });
    expect(seededDone.length).toBeGreaterThan(0);
    const ids = (await queueOf(manager)).map((t) => t.id);
    for (const t of seededDone) expect(ids).not.toContain(encodeGlobalId('ProductionTask', t.id));
  });

  test('couriers, customers, API keys and anonymous callers are refused, and change nothing', async () => {
    const { productId } = await bouquetOf(app, 'Refused lilies', 1, [[10, 48]]);
    const order = await confirmedOrder(app, manager, { productId });
    const { id, rowId } = await taskIdOf(app, order.id);
    const before = await app.prisma.productionTask.findUniqueOrThrow({ where: { id: rowId } });
    const callers: [string, Record<string, string>, string][] = [
      ['courier', await app.signIn(COURIER), 'FORBIDDEN'],
      ['customer', await app.signIn(CUSTOMER), 'FORBIDDEN'],
      ['API key', app.demoKey, 'FORBIDDEN'],
      ['anonymous', {}, 'UNAUTHENTICATED'],
    ];
    for (const [who, headers, code] of callers) {
      for (const [document, variables] of [
        [QUEUE, {}],
        [TASK, { id }],
        [TAKE, { id }],
        [`{ node(id: "${id}") { id } }`, {}],
      ] as const) {
        const result = await app.gql(document, variables, headers);
        expect(result.errors?.[0]?.extensions?.code, `${who}: ${document}`).toBe(code);
        expect(JSON.stringify(result.data ?? null), `${who}: ${document}`).not.toContain(id);
      }
    }
    expect(await app.prisma.productionTask.findUniqueOrThrow({ where: { id: rowId } })).toEqual(before);
  });
});

describe('another shop', () => {
  test('its tasks are in nobody’s queue here, productionTask and node answer null, taking is NOT_FOUND', async () => {
    const bTaskIds = b.ids.ProductionTask ?? [];
    expect(bTaskIds.length).toBeGreaterThan(0);
    // Shop B's task opened again, so that it would be in a queue if the shop were not checked.
    await app.prisma.productionTask.updateMany({
      where: { id: { in: bTaskIds } },
      data: { status: 'PENDING', floristId: null },
    });
    const bTask = encodeGlobalId('ProductionTask', bTaskIds[0]!);
    for (const headers of [manager, florist, await app.signIn('admin@posy.demo')]) {
      expect((await queueOf(headers)).map((t) => t.id)).not.toContain(bTask);
      const task = await app.gql(TASK, { id: bTask }, headers);
      expect(task.errors).toBeUndefined();
      expect(task.data!.productionTask).toBeNull();
      const node = await app.gql(`{ node(id: "${bTask}") { id } }`, {}, headers);
      expect(node.data?.node ?? null).toBeNull();
      const take = await app.gql(TAKE, { id: bTask }, headers);
      expect(take.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const row = await app.prisma.productionTask.findUniqueOrThrow({ where: { id: bTaskIds[0]! } });
    expect(row).toMatchObject({ status: 'PENDING', floristId: null });
  });
});

describe('productionTask', () => {
  test('shows the order, what to make and the batches to take, to a florist', async () => {
    const bouquet = await bouquetOf(app, 'Shown peonies', 2, [
      [3, 72],
      [3, 12],
    ]);
    const order = await confirmedOrder(app, manager, { productId: bouquet.productId, quantity: 2 });
    const { id } = await taskIdOf(app, order.id);
    const result = await app.gql(TASK, { id }, florist);
    expect(result.errors).toBeUndefined();
    const [later, sooner] = bouquet.batchIds;
    expect(result.data!.productionTask).toMatchObject({
      id,
      status: 'PENDING',
      order: { id: order.id, status: 'CONFIRMED' },
      composition: [{ productName: 'Shown peonies', quantity: 2, components: [{ perUnit: 2, quantity: 4 }] }],
      batches: [
        {
          batch: { id: sooner },
          stockItem: { id: encodeGlobalId('StockItem', bouquet.stockItemId) },
          quantity: 3,
        },
        { batch: { id: later }, quantity: 1 },
      ],
      approval: null,
    });
  });
});
