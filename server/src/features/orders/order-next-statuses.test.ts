import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

// Order.nextStatuses: the order page's buttons, the steps changeOrderStatus would take from this viewer.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

async function nextStatuses(headers: Record<string, string>, number: number) {
  const order = await app.prisma.order.findFirstOrThrow({ where: { number, shop: { slug: 'demo' } } });
  const result = await app.gql(
    'query ($id: ID!) { order(id: $id) { status nextStatuses } }',
    { id: encodeGlobalId('Order', order.id) },
    headers,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.order.nextStatuses;
}

test('each viewer is offered the steps their role may take, never cancelling', async () => {
  const manager = await app.signIn('manager@posy.demo');
  const florist = await app.signIn('florist@posy.demo');
  const courier = await app.signIn('courier@posy.demo');
  const readOnlyKey = await app.insertApiKey({ scopes: ['orders:read'] });
  // Seeded (prisma/src/seed.ts): #1 NEW, #3 CONFIRMED, #6 OUT_FOR_DELIVERY with the demo courier.
  expect(await nextStatuses(manager, 1)).toEqual(['CONFIRMED']);
  expect(await nextStatuses(app.demoKey, 1)).toEqual(['CONFIRMED']);
  expect(await nextStatuses(readOnlyKey.headers, 1)).toEqual([]);
  expect(await nextStatuses(florist, 1)).toEqual([]);
  expect(await nextStatuses(florist, 3)).toEqual(['IN_PRODUCTION']);
  expect(await nextStatuses(courier, 6)).toEqual(['DELIVERED', 'READY']);
  expect(await nextStatuses(manager, 6)).toEqual(['DELIVERED', 'READY']);
});
