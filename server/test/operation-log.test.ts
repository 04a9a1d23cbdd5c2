import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeGlobalId } from '../src/graphql/global-id.js';
import { startTestApp, type TestApp } from './harness.js';

/** A URL nothing listens on: a port bound, read and released. */
async function closedUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Each operation logs one `operation` line naming the request, the caller, the shop and the operation. */

let app: TestApp;
const logged: Record<string, unknown>[] = [];
const rawLines: string[] = [];
beforeAll(async () => {
  const log = pino(
    { level: 'info' },
    {
      write: (line: string) => {
        rawLines.push(line);
        logged.push(JSON.parse(line));
      },
    },
  );
  // A bot whose API answers nothing (a closed port): a Stars refund then logs a warning from its service.
  app = await startTestApp(
    { BOT_TOKEN: '7000000003:operation-log-token', BOT_API_ROOT: await closedUrl() },
    { log },
  );
});
afterAll(async () => {
  await app?.stop();
});

const operationLine = (requestId: string) =>
  logged.find((line) => line.msg === 'operation' && line.requestId === requestId);

describe('the operation log line', () => {
  test('carries the request id, user id, shop id and the operation’s name and type', async () => {
    const manager = await app.signIn('manager@posy.demo');
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email: 'manager@posy.demo' } });
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
    const result = await app.gql(
      'query BoardOrders { orders(first: 1) { totalCount } }',
      {},
      {
        ...manager,
        'x-request-id': 'trace-operation-1',
      },
    );
    expect(result.errors).toBeUndefined();
    expect(operationLine('trace-operation-1')).toMatchObject({
      level: 30,
      requestId: 'trace-operation-1',
      userId: user.id,
      shopId: shop.id,
      operationName: 'BoardOrders',
      operationType: 'query',
      errors: 0,
      ms: expect.any(Number),
    });
  });

  test('names an API key instead of a user, and counts the errors answered', async () => {
    const result = await app.gql(
      'mutation Refuse { markOrderPaid(id: "nope", version: 1, method: "cash") { __typename } }',
      {},
      {
        ...app.demoKey,
        'x-request-id': 'trace-operation-2',
      },
    );
    expect(result.errors?.length).toBeGreaterThan(0);
    const line = operationLine('trace-operation-2');
    expect(line).toMatchObject({
      apiKeyId: expect.any(String),
      operationName: 'Refuse',
      operationType: 'mutation',
    });
    expect(line?.userId).toBeUndefined();
    expect(line?.errors).toBe(result.errors?.length);
  });

  test('a line a service logs while the operation runs names the operation too', async () => {
    const { id: shopId } = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
    const { id: customerId } = await app.prisma.customer.findFirstOrThrow({ where: { shopId } });
    // A Stars payment as the bot records it (the refund's own tests make them the same way).
    const order = await app.prisma.order.create({
      data: {
        shopId,
        customerId,
        number: 930_001,
        currency: 'XTR',
        subtotalMinor: 50,
        totalMinor: 50,
        paymentStatus: 'PAID',
        paymentMethod: 'TELEGRAM',
        paymentReference: 'tg-oplog-1',
        paidAt: new Date(),
        payments: {
          create: {
            provider: 'TELEGRAM',
            telegramChargeId: 'tg-oplog-1',
            providerChargeId: '',
            payerTelegramId: 100000778n,
            amountMinor: 50,
            currency: 'XTR',
          },
        },
      },
      select: { id: true, version: true },
    });
    const result = await app.gql(
      `mutation RefundStars($orderId: ID!, $version: Int!) {
        refundOrderPayment(orderId: $orderId, version: $version, reason: "Wilted") { __typename }
      }`,
      { orderId: encodeGlobalId('Order', order.id), version: order.version },
      { ...(await app.signIn('manager@posy.demo')), 'x-request-id': 'trace-operation-3' },
    );
    expect(result.data?.refundOrderPayment.__typename).toBe('RefundRefused');
    const serviceLine = logged.find(
      (line) =>
        line.msg === 'refundStarPayment did not reach Telegram' && line.requestId === 'trace-operation-3',
    );
    expect(serviceLine).toMatchObject({ level: 40, operationName: 'RefundStars', operationType: 'mutation' });
    expect(operationLine('trace-operation-3')).toMatchObject({ operationName: 'RefundStars', errors: 0 });
    // Bound once: no line repeats a key (JSON.parse would silently keep the last).
    for (const line of rawLines.filter((raw) => raw.includes('trace-operation-3')))
      expect(line.match(/"operationName"/g)).toHaveLength(1);
  });
});
