import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  bouquetOf,
  COURIER,
  confirmedOrder,
  FLORIST,
  MANAGER,
  taskIdOf,
} from './production-test-fixtures.js';

// The production board follows the queue live over graphql-ws: each change of a task arrives as the task.
let app: TestApp;
let manager: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
});
afterAll(() => app?.stop());

const CHANGED = 'subscription { productionTaskChanged { id status florist { id } } }';

type Received = { data?: { productionTaskChanged: { id: string; status: string } }; errors?: unknown }[];

/** Listens as `authorization` while `act` runs (it may wait for what has arrived); returns what arrived. */
async function listenWhile(authorization: string, act: (received: Received) => Promise<void>) {
  const received: Received = [];
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
  });
  const done = new Promise<void>((resolve) => {
    client.subscribe(
      { query: CHANGED },
      {
        next: (value) => void received.push(value as never),
        error: (error) => {
          received.push({ errors: error });
          resolve();
        },
        complete: resolve,
      },
    );
  });
  await sleep(300); // the server starts listening
  await act(received);
  await Promise.race([done, sleep(700)]);
  await client.dispose();
  return received;
}

test('a florist’s board hears a task created, taken and released; a courier is refused', async () => {
  const { productId } = await bouquetOf(app, 'Live tulips', 1, [[10, 48]]);
  const florist = await app.signIn(FLORIST);
  let taskId = '';
  const ofTask = (received: Received) => received.filter((m) => m.data?.productionTaskChanged?.id === taskId);
  // Each event is answered with the task as it is when it arrives: wait for one before the next change.
  const arrived = async (received: Received, count: number) => {
    for (let waited = 0; ofTask(received).length < count && waited < 5000; waited += 50) await sleep(50);
  };
  const heard = await listenWhile(florist.authorization!, async (received) => {
    const order = await confirmedOrder(app, manager, { productId });
    taskId = (await taskIdOf(app, order.id)).id;
    await arrived(received, 1);
    await app.gql(
      'mutation($id: ID!) { takeProductionTask(id: $id) { __typename } }',
      { id: taskId },
      florist,
    );
    await arrived(received, 2);
    await app.gql(
      'mutation($id: ID!) { releaseProductionTask(id: $id) { __typename } }',
      { id: taskId },
      florist,
    );
    await arrived(received, 3);
  });
  const statuses = ofTask(heard).map((m) => m.data!.productionTaskChanged.status);
  expect(statuses).toEqual(['PENDING', 'IN_PROGRESS', 'PENDING']);

  const courier = await app.signIn(COURIER);
  const refused = await listenWhile(courier.authorization!, async () => {
    await confirmedOrder(app, manager, { productId });
  });
  expect(refused.some((m) => m.data?.productionTaskChanged)).toBe(false);
  expect(JSON.stringify(refused)).toContain('FORBIDDEN');
});
