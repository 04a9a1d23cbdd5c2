import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

let app: TestApp;
let shopId: string;
let productId: string;
const who: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const product = await app.prisma.product.findFirstOrThrow({
    where: { shopId, active: true, archivedAt: null },
    orderBy: { name: 'asc' },
  });
  productId = encodeGlobalId('Product', product.id);
  for (const role of ['manager', 'florist', 'courier', 'customer'])
    who[role] = await app.signIn(`${role}@posy.demo`);
});
afterAll(() => app?.stop());

const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrderInput!) {
    createOrder(input: $input) { ... on MutationCreateOrderSuccess { data { id version } } }
  }
`;

/** An order the demo customer places themself. */
async function customerOrder(over: Record<string, unknown> = {}) {
  const input = {
    items: [{ productId, quantity: 1 }],
    fulfillment: 'DELIVERY',
    deliveryAddress: '1 Flower street',
    recipient: { name: 'Rita Recipient', phone: '+79990000000' },
    cardText: 'From someone who cares',
    ...over,
  };
  const result = await app.gql(CREATE, { input }, who.customer);
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder.data as { id: string; version: number };
}

describe('OrderEvent.note', () => {
  const EVENTS = 'query ($id: ID!) { order(id: $id) { cancelReason events { toStatus note } } }';

  test('staff read the notes on an order’s history; its customer does not, but still reads why it was cancelled', async () => {
    const order = await customerOrder();
    const paid = await app.gql(
      'mutation ($id: ID!, $v: Int!) { markOrderPaid(id: $id, version: $v, method: "card", reference: "TERM-42") { __typename } }',
      { id: order.id, v: order.version },
      who.manager,
    );
    expect(paid.data?.markOrderPaid.__typename).toBe('MutationMarkOrderPaidSuccess');
    const cancelled = await app.gql(
      'mutation ($id: ID!, $v: Int!) { cancelOrder(id: $id, version: $v, reason: "Out of peonies") { __typename } }',
      { id: order.id, v: order.version + 1 },
      who.manager,
    );
    expect(cancelled.data?.cancelOrder.__typename).toBe('MutationCancelOrderSuccess');

    const asManager = await app.gql(EVENTS, { id: order.id }, who.manager);
    expect(asManager.data?.order).toEqual({
      cancelReason: 'Out of peonies',
      events: [
        { toStatus: 'NEW', note: null },
        { toStatus: 'NEW', note: 'Paid: card TERM-42' },
        { toStatus: 'CANCELLED', note: 'Out of peonies' },
      ],
    });
    const asCustomer = await app.gql(EVENTS, { id: order.id }, who.customer);
    expect(asCustomer.errors).toBeUndefined();
    expect(asCustomer.data?.order).toEqual({
      cancelReason: 'Out of peonies',
      events: [
        { toStatus: 'NEW', note: null },
        { toStatus: 'NEW', note: null },
        { toStatus: 'CANCELLED', note: null },
      ],
    });
  });
});
