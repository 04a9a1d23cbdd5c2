import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { parseInvoicePayload } from './invoice-payload.js';

const LINK = /* GraphQL */ `
  mutation ($orderId: ID!) {
    createOrderInvoiceLink(orderId: $orderId) {
      __typename
      ... on MutationCreateOrderInvoiceLinkSuccess { data { url } }
      ... on OrderNotPayable { reason }
    }
  }
`;

let telegram: FakeBotApi;
let app: TestApp;
let shopId: string;
let customerId: string;
beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    TELEGRAM_PAYMENT_PROVIDER_TOKEN: '381764678:TEST:default',
  });
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  customerId = (
    await app.prisma.customer.findFirstOrThrow({ where: { shopId, user: { email: 'customer@posy.demo' } } })
  ).id;
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

let nextNumber = 910_000;
const order = async (data: { status?: 'CANCELLED'; paymentStatus?: 'PAID' } = {}, on = app) =>
  on.prisma.order.create({
    data: {
      shopId,
      customerId,
      number: nextNumber++,
      currency: 'RUB',
      subtotalMinor: 250_000,
      deliveryFeeMinor: 30_000,
      totalMinor: 280_000,
      items: {
        create: [
          {
            productId: (await on.prisma.product.findFirstOrThrow({ where: { shopId } })).id,
            productName: 'Roses',
            quantity: 2,
            unitPriceMinor: 125_000,
            unitCostMinor: 50_000,
            totalMinor: 250_000,
          },
        ],
      },
      ...data,
    },
    select: { id: true },
  });

describe('createOrderInvoiceLink', () => {
  test('makes an invoice of the order’s lines and fee summing to its total, with a signed payload', async () => {
    const customer = await app.signIn('customer@posy.demo');
    const o = await order();
    telegram.calls.length = 0;
    const result = await app.gql(LINK, { orderId: encodeGlobalId('Order', o.id) }, customer);
    expect(result.data?.createOrderInvoiceLink.data.url).toMatch(/^https:\/\/t\.me\/\$fake-invoice-/);
    const call = telegram.calls.find((c) => c.method === 'createInvoiceLink')?.payload;
    expect(call).toMatchObject({
      provider_token: '381764678:TEST:default',
      currency: 'RUB',
      prices: [
        { label: 'Roses × 2', amount: 250_000 },
        { label: 'Delivery', amount: 30_000 },
      ],
    });
    expect(parseInvoicePayload(telegram.token, String(call?.payload))).toEqual({
      orderId: o.id,
      amountMinor: 280_000,
    });
    const shop = await app.gql('{ shop { telegramPaymentsEnabled } }', {}, customer);
    expect(shop.data?.shop.telegramPaymentsEnabled).toBe(true);
  });

  test('is refused typed for a cancelled or an already paid order, without calling Telegram', async () => {
    const manager = await app.signIn('manager@posy.demo');
    telegram.calls.length = 0;
    for (const [data, reason] of [
      [{ status: 'CANCELLED' }, 'CANCELLED'],
      [{ paymentStatus: 'PAID' }, 'ALREADY_PAID'],
    ] as const) {
      const o = await order(data);
      const result = await app.gql(LINK, { orderId: encodeGlobalId('Order', o.id) }, manager);
      expect(result.data?.createOrderInvoiceLink).toEqual({ __typename: 'OrderNotPayable', reason });
    }
    expect(telegram.calls.filter((c) => c.method === 'createInvoiceLink')).toEqual([]);
  });

  test('is refused typed when no provider token is configured, and the shop says payments are off', async () => {
    const off = await startTestApp({ BOT_TOKEN: telegram.token, BOT_API_ROOT: telegram.apiRoot });
    try {
      const customer = await off.signIn('customer@posy.demo');
      // The second app is a fresh copy of the seeded database: the order is made in it.
      const o = await order({}, off);
      const refused = await off.gql(LINK, { orderId: encodeGlobalId('Order', o.id) }, customer);
      expect(refused.data?.createOrderInvoiceLink.__typename).toBe('TelegramPaymentsUnavailable');
      const shop = await off.gql('{ shop { telegramPaymentsEnabled } }', {}, customer);
      expect(shop.data?.shop.telegramPaymentsEnabled).toBe(false);
    } finally {
      await off.stop();
    }
  });
});
