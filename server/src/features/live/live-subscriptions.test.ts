import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import type { LiveSubscriber } from '../../../test/live-subscriber.js';
import { addCustomer } from '../production/production-test-fixtures.js';
import {
  COURIER,
  expectRefused,
  FLORIST,
  liveListeners,
  MANAGER,
  newOrder,
  rowIdOf,
  setCourier,
  touchOrder,
  userIdOf,
} from './live-test-fixtures.js';

// The live order feeds (live.schema.ts) over real graphql-ws sockets: who may follow which orders, and
// that each payload passes the field rules of the `order` query.
let app: TestApp;
let manager: Record<string, string>;
let courierId: string;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  courierId = await userIdOf(app, COURIER);
});
afterAll(() => app?.stop());

const listen = liveListeners(() => app);

const idsOf = (subscriber: LiveSubscriber, field: string) =>
  subscriber.received.map((payload) => payload.data?.[field]?.id);

const BOARD = 'subscription { shopOrderChanged { id version cardText customer { id name } } }';

test('shopOrderChanged: staff and orders:read keys hear every order, a courier only theirs; customers and other keys are refused', async () => {
  const customer = await addCustomer(app, 'Board Customer');
  const unassigned = await newOrder(app, manager, customer.id);
  const delivered = await newOrder(app, manager, customer.id);
  await setCourier(app, delivered, courierId);
  const catalogKey = await app.insertApiKey({ scopes: ['catalog:read'] });

  const [managerBoard, floristBoard, courierBoard, keyBoard, customerBoard, catalogKeyBoard] =
    await Promise.all([
      listen(manager, BOARD),
      listen(await app.signIn(FLORIST), BOARD),
      listen(await app.signIn(COURIER), BOARD),
      listen(app.demoKey, BOARD),
      listen(customer.headers, BOARD),
      listen(catalogKey.headers, BOARD),
    ]);
  const version = await touchOrder(app, manager, unassigned);
  await touchOrder(app, manager, delivered);

  for (const board of [managerBoard, floristBoard, keyBoard]) {
    await board.until(2);
    expect(idsOf(board, 'shopOrderChanged')).toEqual([unassigned, delivered]);
    expect(board.received[0]!.data!.shopOrderChanged).toMatchObject({
      version,
      cardText: expect.any(String),
    });
  }
  // Each subscriber handles events in order: once the courier has heard the second, the first was dropped.
  await courierBoard.until(1);
  expect(idsOf(courierBoard, 'shopOrderChanged')).toEqual([delivered]);

  for (const refused of [customerBoard, catalogKeyBoard]) expectRefused(refused);
});

test('myOrderChanged: a customer hears their own orders only, through the same field rules as `order`', async () => {
  const mine = await addCustomer(app, 'Live Customer');
  const other = await addCustomer(app, 'Other Customer');
  const myOrder = await newOrder(app, manager, mine.id);
  const othersOrder = await newOrder(app, manager, other.id);
  await app.prisma.order.update({
    where: { id: rowIdOf(myOrder) },
    data: { note: 'Staff only: ring twice' },
  });

  const customerFeed = await listen(
    mine.headers,
    'subscription { myOrderChanged { id customer { id } events { toStatus note } note paymentReference } }',
  );
  const managerFeed = await listen(manager, 'subscription { myOrderChanged { id } }');
  await touchOrder(app, manager, othersOrder);
  // A payment's history note carries the terminal reference: staff read it, the customer must not.
  const paid = await app.gql(
    `mutation ($id: ID!, $version: Int!) { markOrderPaid(id: $id, version: $version, method: "card", reference: "TERM-SECRET-7") {
      __typename } }`,
    {
      id: myOrder,
      version: (await app.prisma.order.findUniqueOrThrow({ where: { id: rowIdOf(myOrder) } })).version,
    },
    manager,
  );
  expect(paid.data?.markOrderPaid.__typename).toBe('MutationMarkOrderPaidSuccess');

  const [change] = await customerFeed.until(1);
  expect(customerFeed.received).toHaveLength(1);
  expect(change!.data!.myOrderChanged.id).toBe(myOrder);
  expect(change!.data!.myOrderChanged.events.map((e: { note: unknown }) => e.note)).toEqual(
    change!.data!.myOrderChanged.events.map(() => null),
  );
  expect(change!.data!.myOrderChanged).toMatchObject({ note: null, paymentReference: null });
  expect(JSON.stringify(change)).not.toMatch(/TERM-SECRET|ring twice/);
  expect(JSON.stringify(change!.errors)).toContain('FORBIDDEN');

  expectRefused(managerFeed);
});

test('myDeliveryChanged: a courier hears their orders, and once that one was taken away; never an anonymous sender', async () => {
  const customer = await addCustomer(app, 'Anonymous Sender');
  const order = await newOrder(app, manager, customer.id);
  const courier = await app.signIn(COURIER);
  const deliveries = await listen(
    courier,
    'subscription { myDeliveryChanged { orderId assigned order { id anonymousSender customer { id name } events { actor { id } } } } }',
  );
  const board = await listen(courier, BOARD);
  const refusedCustomer = await listen(customer.headers, 'subscription { myDeliveryChanged { orderId } }');
  const refusedKey = await listen(app.demoKey, 'subscription { myDeliveryChanged { orderId } }');

  await touchOrder(app, manager, order); // not theirs yet: nothing
  // Each event is checked when it arrives: let this one be checked before the order becomes theirs.
  await sleep(300);
  await setCourier(app, order, courierId);
  await touchOrder(app, manager, order, { anonymousSender: true });
  // Each payload is the order when it is read: let it be read before taking the order away.
  const [assigned] = await deliveries.until(1);
  await board.until(1);
  await setCourier(app, order, null);
  await touchOrder(app, manager, order);
  await touchOrder(app, manager, order); // no longer theirs, and already said so: nothing

  const [, takenAway] = await deliveries.until(2);
  expect(assigned!.data!.myDeliveryChanged).toEqual({
    orderId: order,
    assigned: true,
    order: { id: order, anonymousSender: true, customer: null, events: expect.any(Array) },
  });
  // The customer placed the order: their step in its history would name them.
  const actors = assigned!.data!.myDeliveryChanged.order.events.map((e: { actor: unknown }) => e.actor);
  expect(actors).not.toContainEqual({ id: customer.id });
  expect(JSON.stringify(assigned)).not.toContain('Anonymous Sender');
  expect(takenAway!.data!.myDeliveryChanged).toEqual({ orderId: order, assigned: false, order: null });
  expect(board.received.map((p) => p.data?.shopOrderChanged)).toEqual([
    { id: order, version: expect.any(Number), cardText: expect.any(String), customer: null },
  ]);
  await sleep(300);
  expect(deliveries.received).toHaveLength(2);

  for (const refused of [refusedCustomer, refusedKey]) expectRefused(refused);
});
