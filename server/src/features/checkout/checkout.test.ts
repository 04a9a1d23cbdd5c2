import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const SLOTS = /* GraphQL */ `
  query ($date: String!, $leadTimeMinutes: Int) {
    availableSlots(date: $date, leadTimeMinutes: $leadTimeMinutes) {
      windowStart windowEnd capacity taken remaining available reason
    }
  }
`;

describe('availableSlots over HTTP', () => {
  test('answers the seeded Moscow slots of a future Monday as UTC windows', async () => {
    const manager = await app.signIn('manager@posy.demo');
    const result = await app.gql(SLOTS, { date: '2030-01-07' }, manager);
    expect(result.errors).toBeUndefined();
    expect(result.data!.availableSlots).toEqual([
      {
        windowStart: '2030-01-07T07:00:00.000Z',
        windowEnd: '2030-01-07T09:00:00.000Z',
        capacity: 5,
        taken: 0,
        remaining: 5,
        available: true,
        reason: null,
      },
      {
        windowStart: '2030-01-07T09:00:00.000Z',
        windowEnd: '2030-01-07T11:00:00.000Z',
        capacity: expect.any(Number),
        taken: 0,
        remaining: expect.any(Number),
        available: true,
        reason: null,
      },
      {
        windowStart: '2030-01-07T13:00:00.000Z',
        windowEnd: '2030-01-07T15:00:00.000Z',
        capacity: 5,
        taken: 0,
        remaining: 5,
        available: true,
        reason: null,
      },
    ]);
  });

  test('refuses a malformed date and a negative lead time with BAD_USER_INPUT', async () => {
    const manager = await app.signIn('manager@posy.demo');
    const bad = await app.gql(SLOTS, { date: '2030-02-30' }, manager);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    const negative = await app.gql(SLOTS, { date: '2030-01-07', leadTimeMinutes: -1 }, manager);
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'leadTimeMinutes',
    });
  });

  test('takes the products (their lead time) and a zone as global ids; a raw zone uuid is BAD_USER_INPUT', async () => {
    const customer = await app.signIn('customer@posy.demo');
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
    const zone = await app.prisma.deliveryZone.findFirstOrThrow({
      where: { shopId: shop.id, name: 'Centre' },
    });
    // Ready in no less than 100 years: every slot of 2030 is too soon.
    const slow = await app.prisma.product.create({
      data: { shopId: shop.id, name: 'Century bouquet', priceMinor: 1, leadTimeMinutes: 100 * 365 * 24 * 60 },
    });
    const QUERY = `query ($date: String!, $zoneId: ID, $productIds: [ID!]) {
      availableSlots(date: $date, zoneId: $zoneId, productIds: $productIds) { slotId reason } }`;
    const result = await app.gql(
      QUERY,
      {
        date: '2030-01-07',
        zoneId: encodeGlobalId('DeliveryZone', zone.id),
        productIds: [encodeGlobalId('Product', slow.id)],
      },
      customer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.availableSlots.map((s: { reason: string }) => s.reason)).toEqual([
      'LEAD_TIME',
      'LEAD_TIME',
      'LEAD_TIME',
    ]);
    const slotId = result.data!.availableSlots[0].slotId;
    const node = await app.gql('query ($id: ID!) { node(id: $id) { __typename } }', { id: slotId }, customer);
    expect(node.data!.node).toEqual({ __typename: 'DeliverySlot' });
    const raw = await app.gql(QUERY, { date: '2030-01-07', zoneId: zone.id }, customer);
    expect(raw.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
