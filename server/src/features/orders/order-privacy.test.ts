import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';
import { dateAhead, openSlots } from '../checkout/checkout-test-slots.js';

let app: TestApp;
let shopId: string;
let productId: string;
let slotOn: Awaited<ReturnType<typeof openSlots>>;
const who: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const product = await app.prisma.product.findFirstOrThrow({
    where: { shopId, active: true, archivedAt: null },
    orderBy: { name: 'asc' },
  });
  productId = encodeGlobalId('Product', product.id);
  slotOn = await openSlots(app, shopId);
  for (const role of ['manager', 'florist', 'courier', 'customer'])
    who[role] = await app.signIn(`${role}@posy.demo`);
});
afterAll(() => app?.stop());

const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrderInput!) {
    createOrder(input: $input) { ... on MutationCreateOrderSuccess { data { id version } } }
  }
`;

/** An order the demo customer places themself, in a slot (customers must choose one). */
async function customerOrder(over: Record<string, unknown> = {}) {
  const input = {
    items: [{ productId, quantity: 1 }],
    slot: slotOn(dateAhead(3)),
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

describe('anonymousSender', () => {
  const ORDER = /* GraphQL */ `
    query ($id: ID!) {
      order(id: $id) { recipientName recipientPhone cardText anonymousSender customer { id name phone } }
    }
  `;
  const CUSTOMER = /* GraphQL */ `
    query ($id: ID!) {
      node(id: $id) { ... on Customer { name orders { totalCount edges { node { id } } } } }
    }
  `;

  test('a courier delivering an anonymous order does not learn who sent it; staff still see the customer', async () => {
    const courierUser = await app.prisma.user.findUniqueOrThrow({ where: { email: 'courier@posy.demo' } });
    const customer = await app.prisma.customer.findFirstOrThrow({
      where: { shopId, user: { email: 'customer@posy.demo' } },
    });
    const customerId = encodeGlobalId('Customer', customer.id);
    const assign = (order: { id: string }) =>
      app.prisma.order.updateMany({
        where: { shopId, id: decodeOrderId(order.id) },
        data: { courierId: courierUser.id },
      });
    // The demo courier delivers nothing else of this customer here, so only these orders link them.
    await app.prisma.order.updateMany({
      where: { shopId, customerId: customer.id },
      data: { courierId: null },
    });
    const anonymous = await customerOrder({ anonymousSender: true });
    await assign(anonymous);

    const asCourier = await app.gql(ORDER, { id: anonymous.id }, who.courier);
    expect(asCourier.errors).toBeUndefined();
    expect(asCourier.data?.order).toEqual({
      recipientName: 'Rita Recipient',
      recipientPhone: '+79990000000',
      cardText: 'From someone who cares',
      anonymousSender: true,
      customer: null,
    });
    // The history names no one who would give the sender away: the customer placed this order themself.
    const history = await app.gql(
      'query ($id: ID!) { order(id: $id) { events { toStatus actor { name } } } }',
      { id: anonymous.id },
      who.courier,
    );
    expect(history.errors).toBeUndefined();
    expect(history.data?.order.events).toEqual([{ toStatus: 'NEW', actor: null }]);
    for (const staff of [who.manager, who.florist]) {
      const seen = await app.gql(ORDER, { id: anonymous.id }, staff);
      expect(seen.data?.order.customer).toEqual({
        id: customerId,
        name: 'Chris Customer',
        phone: customer.phone,
      });
    }
    // Nor by another path: the customer is no one the courier may look up, and the board hides them too.
    expect((await app.gql(CUSTOMER, { id: customerId }, who.courier)).data?.node).toBeNull();
    const board = await app.gql('{ orders { edges { node { id customer { name } } } } }', {}, who.courier);
    expect(board.errors).toBeUndefined();
    const onBoard = board.data?.orders.edges.find(
      (e: { node: { id: string } }) => e.node.id === anonymous.id,
    );
    expect(onBoard?.node.customer).toBeNull();

    // Delivering one of their ordinary orders too, the courier sees them there, but not that the anonymous
    // order is theirs as well.
    const ordinary = await customerOrder({ anonymousSender: false });
    await assign(ordinary);
    const plain = await app.gql(ORDER, { id: ordinary.id }, who.courier);
    expect(plain.data?.order.customer).toMatchObject({ id: customerId, name: 'Chris Customer' });
    const theirs = await app.gql(CUSTOMER, { id: customerId }, who.courier);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.node.orders).toEqual({ totalCount: 1, edges: [{ node: { id: ordinary.id } }] });
    // Nor by searching their orders for the customer's name or phone.
    for (const search of ['Chris Customer', customer.phone!.slice(-6)]) {
      const found = await app.gql(
        'query ($s: String!) { orders(filter: { search: $s }) { totalCount edges { node { id } } } }',
        { s: search },
        who.courier,
      );
      expect(found.data?.orders, search).toEqual({ totalCount: 1, edges: [{ node: { id: ordinary.id } }] });
    }
    const byRecipient = await app.gql(
      '{ orders(filter: { search: "Rita Recipient" }) { totalCount } }',
      {},
      who.courier,
    );
    expect(byRecipient.data?.orders.totalCount).toBe(2);
  });
});

function decodeOrderId(globalId: string) {
  return decodeGlobalId(globalId).id;
}
