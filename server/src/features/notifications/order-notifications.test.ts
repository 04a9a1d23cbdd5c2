// Order events reaching the right person through the outbox, sent through the fake Bot API by the job
// runner: status steps to the customer, production assignments to the florist; and what staff see of
// them (Order.notifications) and may send again (resendNotification).
import { randomInt, randomUUID } from 'node:crypto';
import { renderNotification } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  ASSIGN,
  COMPLETE,
  handoverCodeOf,
  readyDelivery,
  run,
  versionedStep,
} from '../delivery/delivery-test-fixtures.js';
import {
  addCustomer,
  addStaff,
  bouquetOf,
  bouquetPhoto,
  COURIER,
  confirmedOrder,
  createOrder,
  demoShopId,
  MANAGER,
  type OrderRef,
  step,
  taskIdOf,
} from '../production/production-test-fixtures.js';

const WEB_APP_URL = 'https://posy.test';
let telegram: FakeBotApi;
let app: TestApp;
let manager: Record<string, string>;
let productId: string;

beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: WEB_APP_URL,
  });
  manager = await app.signIn(MANAGER);
  ({ productId } = await bouquetOf(app, 'Notice roses', 1, [[500, null]]));
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

let nextTelegramId = randomInt(1_000_000, 1_000_000_000);
const linkTelegram = (userId: string, locale = 'en') =>
  app.prisma.user.update({ where: { id: userId }, data: { telegramId: BigInt(nextTelegramId++), locale } });

/** A customer of the demo shop with Telegram, in `locale`. */
async function telegramCustomer(locale: string) {
  const customer = await addCustomer(app, `Tanya ${randomUUID().slice(0, 6)}`);
  const row = await app.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
  const user = await linkTelegram(row.userId!, locale);
  return { ...customer, userId: user.id, chatId: Number(user.telegramId) };
}

const rowIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

/** Polls until `check` returns something other than undefined. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The order's notifications once none is PENDING or SENDING any more. */
const settledNotifications = (orderId: string) =>
  waitFor(`notifications of ${orderId} to settle`, async () => {
    const rows = await app.prisma.notification.findMany({
      where: { orderId },
      orderBy: { createdAt: 'asc' },
    });
    return rows.every((row) => row.status !== 'PENDING' && row.status !== 'SENDING') ? rows : undefined;
  });

const sendsTo = (chatId: number) =>
  telegram.calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === chatId);

async function moved(order: OrderRef, to: string, headers = manager, note?: string): Promise<OrderRef> {
  const answer = await step(app, headers, order, to, note);
  expect(answer.__typename).toBe('MutationChangeOrderStatusSuccess');
  return answer.data;
}

describe('order status notices to the customer', () => {
  test('each step a customer cares about queues one notice, sent in their language; a stale retry none', async () => {
    const customer = await telegramCustomer('ru');
    let order = await confirmedOrder(app, manager, { productId, customerId: customer.id });
    order = await moved(order, 'IN_PRODUCTION');
    order = await moved(order, 'READY');
    // The same step again on the version it was read at: refused, and nothing more is queued.
    const stale = await step(app, manager, { ...order, version: order.version - 1 }, 'READY');
    expect(stale.__typename).toBe('StaleVersion');
    order = await moved(order, 'PICKED_UP');

    const orderId = rowIdOf(order.id);
    const rows = await settledNotifications(orderId);
    expect(rows.map((row) => [row.kind, (row.payload as { status: string }).status, row.status])).toEqual([
      ['ORDER_STATUS_CHANGED', 'CONFIRMED', 'SENT'],
      ['ORDER_STATUS_CHANGED', 'READY', 'SENT'],
      ['ORDER_STATUS_CHANGED', 'PICKED_UP', 'SENT'],
    ]);
    const { number, shop } = await app.prisma.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { number: true, shop: { select: { name: true } } },
    });
    const texts = sendsTo(customer.chatId).map((call) => call.payload.text);
    expect(texts).toEqual(
      (['CONFIRMED', 'READY', 'PICKED_UP'] as const).map(
        (status) =>
          renderNotification({
            kind: 'ORDER_STATUS_CHANGED',
            payload: { orderId, orderNumber: number, status, shopName: shop.name },
            locale: 'ru',
            webAppUrl: WEB_APP_URL,
          }).text,
      ),
    );
    expect(sendsTo(customer.chatId)[0]!.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Открыть заказ', web_app: { url: `${WEB_APP_URL}/orders/${orderId}` } }]],
    });
  });

  test('a cancelled order is told once; a walk-in customer without Telegram is told nothing', async () => {
    const customer = await telegramCustomer('en');
    const order = await confirmedOrder(app, manager, { productId, customerId: customer.id });
    await moved(order, 'CANCELLED', manager, 'Out of roses');
    const told = await settledNotifications(rowIdOf(order.id));
    expect(told.map((row) => (row.payload as { status: string }).status)).toEqual(['CONFIRMED', 'CANCELLED']);
    expect(sendsTo(customer.chatId).at(-1)!.payload.text).toContain('cancelled');

    const walkIn = await app.prisma.customer.create({
      data: { shopId: await demoShopId(app), name: 'Walk-in Wanda' },
    });
    let walkInOrder = await confirmedOrder(app, manager, { productId, customerId: walkIn.id });
    walkInOrder = await moved(walkInOrder, 'IN_PRODUCTION');
    await moved(walkInOrder, 'READY');
    expect(await app.prisma.notification.count({ where: { orderId: rowIdOf(walkInOrder.id) } })).toBe(0);
  });

  test('a customer cancelling their own new order is not told what they did', async () => {
    const customer = await telegramCustomer('en');
    const order = await createOrder(app, manager, { productId, customerId: customer.id });
    await moved(order, 'CANCELLED', customer.headers, 'Changed my mind');
    expect(await app.prisma.notification.count({ where: { orderId: rowIdOf(order.id) } })).toBe(0);
  });
});

const ASSIGN_TASK = `mutation($taskId: ID!, $floristId: ID!) { assignProductionTask(taskId: $taskId, floristId: $floristId) {
  __typename ... on DomainError { message }
  ... on MutationAssignProductionTaskSuccess { data { id status florist { id } order { status } } } } }`;

describe('assignProductionTask', () => {
  test('gives the task to a florist, who is told once; a non-florist or a florist refused', async () => {
    const florist = await addStaff(app, 'FLORIST', 'Fiona Florist');
    const floristUser = await linkTelegram(florist.id);
    const walkIn = await app.prisma.customer.create({
      data: { shopId: await demoShopId(app), name: 'Walk-in' },
    });
    const order = await confirmedOrder(app, manager, { productId, customerId: walkIn.id });
    const task = await taskIdOf(app, order.id);
    const courier = await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER } });

    const notFlorist = await app.gql(ASSIGN_TASK, { taskId: task.id, floristId: courier.id }, manager);
    expect(notFlorist.data!.assignProductionTask.__typename).toBe('NotAFlorist');
    const byFlorist = await app.gql(ASSIGN_TASK, { taskId: task.id, floristId: florist.id }, florist.headers);
    expect(byFlorist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await app.prisma.productionTask.findUniqueOrThrow({ where: { id: task.rowId } })).toMatchObject({
      status: 'PENDING',
      floristId: null,
    });

    const assigned = await app.gql(ASSIGN_TASK, { taskId: task.id, floristId: florist.id }, manager);
    expect(assigned.data!.assignProductionTask).toMatchObject({
      __typename: 'MutationAssignProductionTaskSuccess',
      data: { status: 'IN_PROGRESS', florist: { id: florist.id }, order: { status: 'IN_PRODUCTION' } },
    });
    // Given again to the florist who holds it: nothing changes, nobody is told again.
    const again = await app.gql(ASSIGN_TASK, { taskId: task.id, floristId: florist.id }, manager);
    expect(again.data!.assignProductionTask.__typename).toBe('MutationAssignProductionTaskSuccess');

    const rows = await settledNotifications(task.orderId);
    expect(rows.map((row) => [row.kind, row.userId, row.status])).toEqual([
      ['ORDER_ASSIGNED', florist.id, 'SENT'],
    ]);
    const sent = sendsTo(Number(floristUser.telegramId));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.text).toContain('You have been assigned to make order');
  });
});

const NOTIFICATIONS = `query($id: ID!) { node(id: $id) { ... on Order {
  notifications { id kind recipientRole status attempts lastError sentAt createdAt recipient { name } } } } }`;
const RESEND = `mutation($id: ID!) { resendNotification(id: $id) {
  __typename ... on DomainError { message }
  ... on NotificationNotResendable { status reason }
  ... on MutationResendNotificationSuccess { data { id status attempts } } } }`;

describe('Order.notifications and resendNotification', () => {
  test('staff see an order’s notifications; customers and other shops are refused; a failed one is sent again', async () => {
    const customer = await telegramCustomer('en');
    const order = await confirmedOrder(app, manager, { productId, customerId: customer.id });
    const orderId = rowIdOf(order.id);
    const [confirmed] = await settledNotifications(orderId);

    const seen = await app.gql(NOTIFICATIONS, { id: order.id }, manager);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.node.notifications).toEqual([
      expect.objectContaining({
        id: confirmed!.id,
        kind: 'ORDER_STATUS_CHANGED',
        recipientRole: 'CUSTOMER',
        status: 'SENT',
        attempts: 1,
        lastError: null,
        recipient: { name: expect.stringContaining('Tanya') },
      }),
    ]);
    const byKey = await app.gql(NOTIFICATIONS, { id: order.id }, app.demoKey);
    expect(byKey.data!.node.notifications).toHaveLength(1);
    const byCustomer = await app.gql(NOTIFICATIONS, { id: order.id }, customer.headers);
    expect(byCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byCustomer.errors?.[0]?.path).toEqual(['node', 'notifications']);

    // Another shop's manager does not find the order at all.
    const otherShop = await app.prisma.shop.create({
      data: { name: 'Other notices', slug: `other-notices-${randomUUID().slice(0, 8)}` },
    });
    const other = await addStaff(app, 'MANAGER', 'Olga Other', otherShop.id);
    const byOther = await app.gql(NOTIFICATIONS, { id: order.id }, other.headers);
    expect(byOther.data?.node ?? null).toBeNull();
    expect((await app.gql(RESEND, { id: confirmed!.id }, other.headers)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );

    // SENT is not sent again, and nothing changes.
    const before = await app.prisma.notification.findUniqueOrThrow({ where: { id: confirmed!.id } });
    const refused = await app.gql(RESEND, { id: confirmed!.id }, manager);
    expect(refused.data!.resendNotification).toMatchObject({
      __typename: 'NotificationNotResendable',
      status: 'SENT',
      reason: 'NOT_FAILED',
    });
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: confirmed!.id } })).toEqual(before);

    // A failed one is queued again under its job key and sent.
    await app.prisma.notification.update({
      where: { id: confirmed!.id },
      data: { status: 'FAILED', attempts: 8, lastError: 'Gave up after 8 attempts: Bad Gateway' },
    });
    const sendsBefore = sendsTo(customer.chatId).length;
    const resent = await app.gql(RESEND, { id: confirmed!.id }, manager);
    expect(resent.data!.resendNotification).toMatchObject({
      __typename: 'MutationResendNotificationSuccess',
      data: { id: confirmed!.id },
    });
    const [again] = await settledNotifications(orderId);
    expect(again).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(sendsTo(customer.chatId)).toHaveLength(sendsBefore + 1);
    expect(
      await app.prisma.auditLog.count({ where: { action: 'resendNotification', targetId: confirmed!.id } }),
    ).toBe(1);

    // A recipient who blocked the bot is not written to again until they unblock it.
    await app.prisma.notification.update({ where: { id: confirmed!.id }, data: { status: 'FAILED' } });
    await app.prisma.user.update({ where: { id: customer.userId }, data: { botBlockedAt: new Date() } });
    const blocked = await app.gql(RESEND, { id: confirmed!.id }, manager);
    expect(blocked.data!.resendNotification).toMatchObject({ status: 'FAILED', reason: 'BOT_BLOCKED' });
    // Florists see the list but do not resend.
    const florist = await addStaff(app, 'FLORIST', 'Flo');
    expect(
      (await app.gql(RESEND, { id: confirmed!.id }, florist.headers)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: confirmed!.id } })).toMatchObject({
      status: 'FAILED',
    });
  });
});

const FINISH = `mutation($id: ID!, $photoId: ID!) { finishProductionTask(id: $id, photoId: $photoId) { __typename } }`;
const REQUEST = `mutation($taskId: ID!) { requestBouquetApproval(taskId: $taskId) { __typename } }`;

describe('bouquet approval', () => {
  test('goes out as a photo of the bouquet, the message its caption, with the button to the order', async () => {
    const customer = await telegramCustomer('en');
    let order = await confirmedOrder(app, manager, { productId, customerId: customer.id });
    order = await moved(order, 'IN_PRODUCTION');
    const task = await taskIdOf(app, order.id);
    const photo = await bouquetPhoto(app, manager);
    expect(
      (await app.gql(FINISH, { id: task.id, photoId: photo.id }, manager)).data!.finishProductionTask,
    ).toEqual({ __typename: 'MutationFinishProductionTaskSuccess' });
    expect((await app.gql(REQUEST, { taskId: task.id }, manager)).data!.requestBouquetApproval).toEqual({
      __typename: 'MutationRequestBouquetApprovalSuccess',
    });
    const rows = await settledNotifications(task.orderId);
    const approval = rows.find((row) => row.kind === 'BOUQUET_APPROVAL_REQUESTED');
    expect(approval).toMatchObject({ status: 'SENT' });

    const file = await app.prisma.file.findUniqueOrThrow({ where: { id: rowIdOf(photo.id) } });
    const photos = telegram.calls.filter(
      (call) => call.method === 'sendPhoto' && call.payload.chat_id === String(customer.chatId),
    );
    expect(photos).toHaveLength(1);
    expect(photos[0]!.payload).toMatchObject({
      photo: { filename: file.storageKey.split('/').pop(), size: file.byteSize },
      caption: expect.stringContaining('approve'),
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Open order', web_app: { url: `${WEB_APP_URL}/orders/${task.orderId}` } }],
        ],
      },
    });
    // Sent as the photo, not as a message besides it.
    expect(sendsTo(customer.chatId).map((call) => call.payload.text)).not.toContainEqual(
      expect.stringContaining('approve'),
    );
  });
});

describe('a delivery', () => {
  test('the customer hears it left once (the handover code says so) and that it arrived; a used code is not resent', async () => {
    const customer = await telegramCustomer('en');
    let order = await readyDelivery(app, manager, { productId, customerId: customer.id });
    const courier = await app.signIn(COURIER);
    const courierUser = await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER } });
    const assigned = await run(app, manager, ASSIGN, {
      orderId: order.id,
      courierId: courierUser.id,
      version: order.version,
    });
    expect(assigned.__typename).toBe('MutationAssignCourierSuccess');
    order = assigned.data;
    const picked = await run(app, courier, versionedStep('pickUpDelivery'), {
      orderId: order.id,
      version: order.version,
    });
    expect(picked.__typename).toBe('MutationPickUpDeliverySuccess');
    const { code, audience } = await handoverCodeOf(app, order.id);
    expect(audience).toBe('CUSTOMER');
    const done = await run(app, courier, COMPLETE, { orderId: order.id, version: picked.data.version, code });
    expect(done.__typename).toBe('MutationCompleteDeliverySuccess');

    const rows = await settledNotifications(rowIdOf(order.id));
    expect(
      rows.map((row) => [
        row.kind,
        (row.payload as { status?: string }).status ?? null,
        row.userId === customer.userId,
      ]),
    ).toEqual([
      ['ORDER_STATUS_CHANGED', 'CONFIRMED', true],
      ['ORDER_ASSIGNED', null, false],
      ['HANDOVER_CODE', null, true],
      ['ORDER_STATUS_CHANGED', 'DELIVERED', true],
    ]);

    const handover = rows.find((row) => row.kind === 'HANDOVER_CODE')!;
    await app.prisma.notification.update({ where: { id: handover.id }, data: { status: 'FAILED' } });
    const refused = await app.gql(
      `mutation($id: ID!) { resendNotification(id: $id) { __typename ... on NotificationCodeExpired { kind } } }`,
      { id: handover.id },
      manager,
    );
    expect(refused.data!.resendNotification).toEqual({
      __typename: 'NotificationCodeExpired',
      kind: 'HANDOVER_CODE',
    });
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: handover.id } })).toMatchObject({
      status: 'FAILED',
    });
  });
});
