import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  addCustomer,
  bouquetOf,
  COURIER,
  deliveryOnTheWay,
  FLORIST,
  GIVE,
  MANAGER,
  report,
  rowIdOf,
  step,
} from './courier-location-test-fixtures.js';

// The customer follows the courier live over graphql-ws (a real socket): each stored position arrives through
// the same field rules as the query; the stream ends when the order leaves OUT_FOR_DELIVERY.
let app: TestApp;
let manager: Record<string, string>;
let courier: Record<string, string>;
let productId: string;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  courier = await app.signIn(COURIER);
  ({ productId } = await bouquetOf(app, 'Live peonies', 1, [[100, 72]]));
  expect((await app.gql(GIVE, {}, courier)).errors).toBeUndefined();
});
afterAll(() => app?.stop());

const FOLLOW = `subscription($orderId: ID!) { courierPositionChanged(orderId: $orderId) {
  id status courierPosition { latitude longitude ageSeconds } } }`;

type Message = {
  data?: { courierPositionChanged: { status: string; courierPosition: { latitude: number } | null } };
  errors?: { message: string; extensions?: { code?: string } }[];
};

/** Follows `orderId` as `headers`' viewer over a real WebSocket; `completed` settles when the stream ends. */
function follow(headers: Record<string, string>, orderId: string) {
  const received: Message[] = [];
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: headers.authorization },
    retryAttempts: 0,
  });
  const completed = new Promise<'complete' | 'error'>((resolve) => {
    client.subscribe(
      { query: FOLLOW, variables: { orderId } },
      {
        next: (value) => void received.push(value as Message),
        error: (error) => {
          received.push({ errors: Array.isArray(error) ? error : [{ message: String(error) }] });
          resolve('error');
        },
        complete: () => resolve('complete'),
      },
    );
  });
  const arrived = async (count: number) => {
    for (let waited = 0; received.length < count && waited < 5000; waited += 50) await sleep(50);
    return received;
  };
  return { received, completed, arrived, dispose: () => client.dispose() };
}

test('the customer hears each position, then the delivery, and the stream ends; another customer is refused', async () => {
  const customer = await addCustomer(app, 'Lily Live');
  const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
  const watching = follow(customer.headers, order.id);
  const stranger = await addCustomer(app, 'Sam Snooping');
  const snooping = follow(stranger.headers, order.id);
  const florist = follow(await app.signIn(FLORIST), order.id);
  await sleep(300); // the server starts listening

  const first = await report(app, courier, order.id, { latitude: 55.71 });
  expect(first.data!.reportCourierPosition.__typename).toBe('MutationReportCourierPositionSuccess');
  expect(await watching.arrived(1)).toHaveLength(1);
  await report(app, courier, order.id, { latitude: 55.72, recordedAt: new Date(Date.now() + 20_000) });
  expect(await watching.arrived(2)).toHaveLength(2);

  const delivered = await step(app, courier, order, 'DELIVERED');
  expect(delivered.__typename).toBe('MutationChangeOrderStatusSuccess');
  expect(await Promise.race([watching.completed, sleep(5000, 'still open')])).toBe('complete');
  expect(watching.received.map((m) => m.data?.courierPositionChanged)).toEqual([
    {
      id: order.id,
      status: 'OUT_FOR_DELIVERY',
      courierPosition: { latitude: 55.71, longitude: 37.6173, ageSeconds: expect.any(Number) },
    },
    expect.objectContaining({
      status: 'OUT_FOR_DELIVERY',
      courierPosition: expect.objectContaining({ latitude: 55.72 }),
    }),
    // The last event: delivered, and for the customer no position any more.
    { id: order.id, status: 'DELIVERED', courierPosition: null },
  ]);

  // A refusal arrives as the one result of the operation (graphql-ws `next` with errors, then `complete`).
  expect(await Promise.race([snooping.completed, sleep(3000, 'still open')])).toBe('complete');
  expect(snooping.received).toEqual([
    { errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })] },
  ]);
  expect(await Promise.race([florist.completed, sleep(3000, 'still open')])).toBe('complete');
  expect(florist.received).toEqual([
    { errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] },
  ]);
  await Promise.all([watching.dispose(), snooping.dispose(), florist.dispose()]);
});

test('the customer cannot follow before the order goes out; the manager may, and hears a withdrawal', async () => {
  const customer = await addCustomer(app, 'Rosa Ready');
  const ready = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id, out: false });
  const early = follow(customer.headers, ready.id);
  expect(await Promise.race([early.completed, sleep(3000, 'still open')])).toBe('complete');
  expect(early.received).toEqual([
    { errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] },
  ]);
  await early.dispose();

  const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
  await report(app, courier, order.id);
  const board = follow(manager, order.id);
  await sleep(300);
  expect(
    (await app.gql('mutation { withdrawLocationConsent { active } }', {}, courier)).errors,
  ).toBeUndefined();
  const [heard] = await board.arrived(1);
  expect(heard?.data?.courierPositionChanged).toMatchObject({
    status: 'OUT_FOR_DELIVERY',
    courierPosition: null,
  });
  await board.dispose();
  expect((await app.gql(GIVE, {}, courier)).errors).toBeUndefined();
});

test('the stream ends by itself when the sharing window closes, the customer left with no position', async () => {
  const customer = await addCustomer(app, 'Wendy Window');
  const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
  await report(app, courier, order.id);
  // The window (with its grace) closes two seconds from now.
  const grace = app.config.courierPositions.graceMinutes * 60_000;
  const end = new Date(Date.now() + 2000 - grace);
  await app.prisma.order.update({
    where: { id: rowIdOf(order.id) },
    data: { windowStart: new Date(end.getTime() - 3_600_000), windowEnd: end },
  });
  const watching = follow(customer.headers, order.id);
  expect(await Promise.race([watching.completed, sleep(6000, 'still open')])).toBe('complete');
  expect(watching.received.map((m) => m.data?.courierPositionChanged)).toEqual([
    { id: order.id, status: 'OUT_FOR_DELIVERY', courierPosition: null },
  ]);
  await watching.dispose();
});
