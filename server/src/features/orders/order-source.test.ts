import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { signInitData } from '../../../test/telegram-init-data.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';
import { dateAhead, openSlots } from '../checkout/checkout-test-slots.js';

const BOT_TOKEN = '7000000001:order-source-test-token';
const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrderInput!) {
    createOrder(input: $input) { ... on MutationCreateOrderSuccess { data { id source } } }
  }
`;

let app: TestApp;
let input: Record<string, unknown>;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp({ BOT_TOKEN, TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: '3600' });
  const shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const product = await app.prisma.product.findFirstOrThrow({
    where: { shopId, active: true, archivedAt: null },
    orderBy: { name: 'asc' },
  });
  const customer = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } });
  customerId = encodeGlobalId('Customer', customer.id);
  // Customers must choose a slot and, for a pickup, where.
  const slotOn = await openSlots(app, shopId);
  const point = await app.prisma.pickupPoint.findFirstOrThrow({ where: { shopId, active: true } });
  input = {
    items: [{ productId: encodeGlobalId('Product', product.id), quantity: 1 }],
    fulfillment: 'PICKUP',
    slot: slotOn(dateAhead(3)),
    pickupPointId: encodeGlobalId('PickupPoint', point.id),
  };
});
afterAll(() => app?.stop());

/** Creates an order as `headers`' caller; answers the source GraphQL says and the one stored. */
async function sourceOf(headers: Record<string, string>, extra: Record<string, unknown> = {}) {
  const result = await app.gql(CREATE, { input: { ...input, ...extra } }, headers);
  expect(result.errors).toBeUndefined();
  const { id, source } = result.data!.createOrder.data;
  const row = await app.prisma.order.findUniqueOrThrow({ where: { id: decodeGlobalId(id).id } });
  return { answered: source, stored: row.source };
}

test('a customer’s order comes from TELEGRAM when they signed in through the Mini App, from WEB otherwise', async () => {
  // The demo customer, as the Mini App signs them in.
  const initData = signInitData(
    { user: { id: 100000005, first_name: 'Chris', last_name: 'Customer', language_code: 'en' } },
    BOT_TOKEN,
  );
  const miniApp = await app.gql(
    'mutation ($d: String!) { loginWithTelegram(initData: $d) { accessToken } }',
    {
      d: initData,
    },
  );
  expect(miniApp.errors).toBeUndefined();
  const viaTelegram = { authorization: `Bearer ${miniApp.data?.loginWithTelegram.accessToken}` };
  const viaPassword = await app.signIn('customer@posy.demo');

  expect(await sourceOf(viaTelegram)).toEqual({ answered: 'TELEGRAM', stored: 'TELEGRAM' });
  expect(await sourceOf(viaPassword)).toEqual({ answered: 'WEB', stored: 'WEB' });
  // Staff orders stay STAFF, whichever way the staff member signed in.
  expect(await sourceOf(await app.signIn('manager@posy.demo'), { customerId })).toEqual({
    answered: 'STAFF',
    stored: 'STAFF',
  });
});
