import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { bouquetOf, COURIER, FLORIST, MANAGER } from '../src/features/production/production-test-fixtures.js';
import { decodeGlobalId, encodeGlobalId } from '../src/graphql/global-id.js';
import { startTestApp, type TestApp } from './harness.js';
import { firstOfferedSlot, jpegPhoto, okCaller, signInFromMiniApp } from './mini-app-order.js';
import { multipart } from './multipart.js';
import { UPLOAD_IMAGE } from './uploads-client.js';

// The "done when" for delivery: one order from the customer's Mini App sign-in through production,
// assignment, the handover code and delivery, over real HTTP, with the customer following it on a real
// graphql-ws socket (orderUpdated) that must hear every step, in order. The bot's messages go to the fake
// Bot API, where the test reads the handover code the way the customer would. Steps share one app and run
// in order: a later step needs what the earlier ones made.
const CUSTOMER_TELEGRAM_ID = 777_010;

let telegram: FakeBotApi;
let app: TestApp;
let ok: ReturnType<typeof okCaller>;
const headers = {} as Record<'manager' | 'florist' | 'courier' | 'customer', Record<string, string>>;
const ids = {} as Record<'courier' | 'customerUser', string>;
const made = {} as { productId: string; orderId: string; version: number; code: string };

/** What the customer's socket heard, each message the order as it was then. */
type Heard = {
  status: string;
  version: number;
  courier: { name: string } | null;
  delivery: { status: string } | null;
};
const heard: Heard[] = [];
const socketErrors: unknown[] = [];
let closeSocket: () => Promise<void>;

beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: 'https://posy.test',
    TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: '3600',
  });
  ok = okCaller(app);
  headers.manager = await app.signIn(MANAGER);
  headers.florist = await app.signIn(FLORIST);
  headers.courier = await app.signIn(COURIER);
  ids.courier = (await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER } })).id;
  const { productId } = await bouquetOf(app, 'Flow delivery tulips', 5, [[50, 96]]);
  made.productId = encodeGlobalId('Product', productId);
});
afterAll(async () => {
  await closeSocket?.();
  await app?.stop();
  await telegram?.stop();
});

const ORDER = 'id status version courier { name } delivery { status handoverCodeSent }';
const rowId = (globalId: string) => decodeGlobalId(globalId).id;

/** One step's mutation answered by its typed result; a success carries the order. */
async function step(who: keyof typeof headers, mutation: string, variables: Record<string, unknown>) {
  const data = await ok(mutation, variables, headers[who]);
  return Object.values(data)[0] as {
    __typename: string;
    data?: Heard & { id: string };
    attemptsLeft?: number;
  };
}

/** Waits until the customer's socket heard the order at `version`, the step's own change. */
async function heardVersion(version: number) {
  for (let waited = 0; !heard.some((h) => h.version === version) && waited < 10_000; waited += 25)
    await sleep(25);
  expect(heard.map((h) => h.version)).toContain(version);
}

/** Telegram messages sent to a chat so far, as the fake Bot API recorded them. */
const messagesTo = (chatId: number) =>
  telegram.calls
    .filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId)
    .map((c) => String(c.payload.text));

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const success = (name: string) => `... on Mutation${name}Success { data { ${ORDER} } }`;

describe('an order from the Mini App to the recipient’s door', () => {
  test('1. the customer signs in from the Mini App, orders a gift into an offered slot, and starts following it', async () => {
    const signedIn = await signInFromMiniApp(app, CUSTOMER_TELEGRAM_ID, telegram.token);
    headers.customer = signedIn.headers;
    ids.customerUser = signedIn.userId;
    const slot = await firstOfferedSlot(app, headers.customer, made.productId);
    const created = await step(
      'customer',
      `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { __typename
        ... on DomainError { message } ${success('CreateOrder')} } }`,
      {
        input: {
          items: [{ productId: made.productId, quantity: 1 }],
          fulfillment: 'DELIVERY',
          deliveryAddress: 'Moscow, Tverskaya 7, flat 12',
          slot: { slotId: slot.slotId, date: slot.date },
          cardText: 'With love',
          recipient: { name: 'Marina Gift', phone: '+79161230000' },
        },
      },
    );
    expect(created).toMatchObject({
      __typename: 'MutationCreateOrderSuccess',
      data: { status: 'NEW', version: 1 },
    });
    made.orderId = created.data!.id;
    made.version = 1;

    // The order page subscribes over the socket the Mini App keeps open.
    const client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: headers.customer.authorization },
      retryAttempts: 0,
    });
    client.subscribe(
      {
        query: `subscription ($id: ID!) { orderUpdated(id: $id) { ${ORDER} } }`,
        variables: { id: made.orderId },
      },
      {
        next: (message) => {
          if (message.errors) socketErrors.push(message.errors);
          const order = (message.data as { orderUpdated: Heard | null } | undefined)?.orderUpdated;
          if (order) heard.push(order);
        },
        error: (error) => void socketErrors.push(error),
        complete: () => undefined,
      },
    );
    closeSocket = async () => {
      await client.dispose();
    };
    await sleep(300); // the server starts listening
  });

  test('2. the manager confirms; the florist takes the task, photographs the bouquet and finishes it', async () => {
    const CHANGE = `mutation ($id: ID!, $version: Int!, $to: OrderStatus!) {
      changeOrderStatus(id: $id, version: $version, to: $to) { __typename ... on DomainError { message }
      ${success('ChangeOrderStatus')} } }`;
    const confirmed = await step('manager', CHANGE, {
      id: made.orderId,
      version: made.version,
      to: 'CONFIRMED',
    });
    expect(confirmed.data).toMatchObject({ status: 'CONFIRMED', version: 2 });
    await heardVersion(2);

    const task = await app.prisma.productionTask.findUniqueOrThrow({
      where: { orderId: rowId(made.orderId) },
    });
    const taskId = encodeGlobalId('ProductionTask', task.id);
    const taken = await ok(
      'mutation ($id: ID!) { takeProductionTask(id: $id) { __typename ... on MutationTakeProductionTaskSuccess { data { order { status version } } } } }',
      { id: taskId },
      headers.florist,
    );
    expect(taken.takeProductionTask.data.order).toEqual({ status: 'IN_PRODUCTION', version: 3 });
    await heardVersion(3);

    const upload = await multipart(
      app,
      headers.florist,
      UPLOAD_IMAGE,
      { purpose: 'BOUQUET_PHOTO' },
      {
        file: { bytes: await jpegPhoto(48, 64, '#ffb6c1'), name: 'bouquet.jpg', type: 'image/jpeg' },
      },
    );
    const photoId = upload.data?.uploadImage?.data?.id;
    expect(photoId).toEqual(expect.any(String));
    const finished = await ok(
      `mutation ($id: ID!, $photoId: ID!) { finishProductionTask(id: $id, photoId: $photoId) { __typename
        ... on MutationFinishProductionTaskSuccess { data { order { status version } } } } }`,
      { id: taskId, photoId },
      headers.florist,
    );
    expect(finished.finishProductionTask.data.order).toEqual({ status: 'READY', version: 4 });
    await heardVersion(4);
    made.version = 4;
  });

  test('3. the manager assigns the courier, who is told through the bot', async () => {
    const assigned = await step(
      'manager',
      `mutation ($orderId: ID!, $courierId: ID, $version: Int!) {
        assignCourier(orderId: $orderId, courierId: $courierId, version: $version) { __typename
        ... on DomainError { message } ${success('AssignCourier')} } }`,
      { orderId: made.orderId, courierId: ids.courier, version: made.version },
    );
    expect(assigned.data).toMatchObject({ status: 'READY', version: 5, delivery: { status: 'ASSIGNED' } });
    await heardVersion(5);
    made.version = 5;
    const courierTelegram = Number(
      (await app.prisma.user.findUniqueOrThrow({ where: { id: ids.courier } })).telegramId,
    );
    const { number } = await app.prisma.order.findUniqueOrThrow({ where: { id: rowId(made.orderId) } });
    // In the courier's language (the seeded one reads Russian): "…deliver order #N" / "…доставить заказ №N".
    await until('the courier’s message', () =>
      messagesTo(courierTelegram).find((m) => /deliver|доставить/.test(m) && m.includes(`${number}</b>`)),
    );
  });

  test('4. the courier picks the bouquet up: the customer gets the handover code in Telegram; then they set off', async () => {
    const VERSIONED = (name: string) => `mutation ($orderId: ID!, $version: Int!) {
      ${name}(orderId: $orderId, version: $version) { __typename ... on DomainError { message }
      ${success(name[0]!.toUpperCase() + name.slice(1))} } }`;
    const picked = await step('courier', VERSIONED('pickUpDelivery'), {
      orderId: made.orderId,
      version: made.version,
    });
    expect(picked.data).toMatchObject({
      status: 'OUT_FOR_DELIVERY',
      version: 6,
      delivery: { status: 'PICKED_UP', handoverCodeSent: true },
    });
    await heardVersion(6);
    const message = await until('the handover code message', () =>
      messagesTo(CUSTOMER_TELEGRAM_ID).find((m) => /<code>\d{4}<\/code>/.test(m)),
    );
    made.code = /<code>(\d{4})<\/code>/.exec(message)![1]!;
    // Only its hash is stored.
    const delivery = await app.prisma.delivery.findUniqueOrThrow({ where: { orderId: rowId(made.orderId) } });
    expect(delivery.handoverCodeHash).not.toContain(made.code);

    const started = await step('courier', VERSIONED('startDeliveryRoute'), {
      orderId: made.orderId,
      version: 6,
    });
    expect(started.data).toMatchObject({
      status: 'OUT_FOR_DELIVERY',
      version: 7,
      delivery: { status: 'EN_ROUTE' },
    });
    await heardVersion(7);
    made.version = 7;
  });

  test('5. at the door the courier mistypes the code, then enters the right one: the order is DELIVERED', async () => {
    const COMPLETE = `mutation ($orderId: ID!, $version: Int!, $code: String) {
      completeDelivery(orderId: $orderId, version: $version, code: $code) { __typename
      ... on DomainError { message } ... on WrongHandoverCode { attemptsLeft } ${success('CompleteDelivery')} } }`;
    const wrongCode = made.code === '0000' ? '0001' : '0000';
    const wrong = await step('courier', COMPLETE, {
      orderId: made.orderId,
      version: made.version,
      code: wrongCode,
    });
    expect(wrong).toMatchObject({ __typename: 'WrongHandoverCode', attemptsLeft: 4 });
    const done = await step('courier', COMPLETE, {
      orderId: made.orderId,
      version: made.version,
      code: made.code,
    });
    expect(done.data).toMatchObject({ status: 'DELIVERED', version: 8, delivery: { status: 'DELIVERED' } });
    await heardVersion(8);
  });

  test('6. the customer’s socket heard every step, in order, and nothing else; the trail names who did each', async () => {
    expect(socketErrors).toEqual([]);
    expect(heard.map((h) => [h.version, h.status, h.delivery?.status ?? null])).toEqual([
      [2, 'CONFIRMED', null],
      [3, 'IN_PRODUCTION', null],
      [4, 'READY', null],
      [5, 'READY', 'ASSIGNED'],
      [6, 'OUT_FOR_DELIVERY', 'PICKED_UP'],
      [7, 'OUT_FOR_DELIVERY', 'EN_ROUTE'],
      [8, 'DELIVERED', 'DELIVERED'],
    ]);
    // A customer sees their courier's first name only.
    expect(heard.at(-1)?.courier).toEqual({ name: 'Kirill' });

    const order = await ok(
      'query ($id: ID!) { order(id: $id) { events { fromStatus toStatus actor { id } } } }',
      { id: made.orderId },
      headers.manager,
    );
    expect(
      order.order.events.map((e: { toStatus: string; actor: { id: string } }) => [e.toStatus, e.actor.id]),
    ).toEqual([
      ['NEW', ids.customerUser],
      ['CONFIRMED', expect.any(String)],
      ['IN_PRODUCTION', expect.any(String)],
      ['READY', expect.any(String)],
      ['READY', expect.any(String)],
      ['OUT_FOR_DELIVERY', ids.courier],
      ['OUT_FOR_DELIVERY', ids.courier],
      ['DELIVERED', ids.courier],
    ]);
    const audit = await app.prisma.auditLog.findMany({
      where: { targetId: rowId(made.orderId), action: { contains: 'Delivery' } },
      orderBy: { at: 'asc' },
      select: { action: true, actorId: true, changes: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'pickUpDelivery',
      'startDeliveryRoute',
      'completeDelivery.failed',
      'completeDelivery',
    ]);
    // The code typed never reaches the log.
    expect(JSON.stringify(audit)).not.toContain(made.code);
    expect(JSON.stringify(audit)).not.toContain(`"${made.code === '0000' ? '0001' : '0000'}"`);
  });
});
