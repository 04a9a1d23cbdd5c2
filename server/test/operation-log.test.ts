import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

/** Each operation logs one `operation` line naming the request, the caller, the shop and the operation. */

let app: TestApp;
const logged: Record<string, unknown>[] = [];
beforeAll(async () => {
  const log = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  app = await startTestApp({}, { log });
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
});
