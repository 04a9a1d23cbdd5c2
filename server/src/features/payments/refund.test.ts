import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

const REFUND = /* GraphQL */ `
  mutation ($orderId: ID!, $version: Int!, $reason: String!) {
    refundOrderPayment(orderId: $orderId, version: $version, reason: $reason) {
      __typename
      ... on MutationRefundOrderPaymentSuccess { data { moneyReturnedBy order { paymentStatus version } } }
      ... on RefundRefused { description }
      ... on InvalidPaymentTransition { paymentStatus }
      ... on StaleVersion { current }
    }
  }
`;

const PAYER = 100000777;

let telegram: FakeBotApi;
let app: TestApp;
let shopId: string;
let customerId: string;
beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({ BOT_TOKEN: telegram.token, BOT_API_ROOT: telegram.apiRoot });
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  customerId = (await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } })).id;
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

let nextNumber = 920_000;
/** A paid order: through Telegram in `currency` (an OrderPayment row), or at the shop (`null`). */
async function paidOrder(currency: 'XTR' | 'RUB' | null) {
  const number = nextNumber++;
  const chargeId = `tg-refund-${number}`;
  return app.prisma.order.create({
    data: {
      shopId,
      customerId,
      number,
      currency: currency ?? 'RUB',
      subtotalMinor: 500,
      totalMinor: 500,
      paymentStatus: 'PAID',
      paymentMethod: currency ? 'TELEGRAM' : 'cash',
      paymentReference: currency ? chargeId : null,
      paidAt: new Date(),
      ...(currency
        ? {
            payments: {
              create: {
                provider: 'TELEGRAM',
                telegramChargeId: chargeId,
                providerChargeId: currency === 'XTR' ? '' : `yk-${number}`,
                payerTelegramId: BigInt(PAYER),
                amountMinor: 500,
                currency,
              },
            },
          }
        : {}),
    },
    select: { id: true, version: true },
  });
}

const refund = async (o: { id: string; version: number }, as = 'manager@posy.demo') =>
  app.gql(
    REFUND,
    { orderId: encodeGlobalId('Order', o.id), version: o.version, reason: 'Wilted on arrival' },
    await app.signIn(as),
  );

/** Everything a refund writes, to compare before and after. */
const state = (orderId: string) =>
  Promise.all([
    app.prisma.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { paymentStatus: true, version: true, refundedAt: true, refundReason: true },
    }),
    app.prisma.orderPayment.findMany({
      where: { orderId },
      select: { refundedAt: true, refundReason: true },
    }),
    app.prisma.orderEvent.count({ where: { orderId } }),
    app.prisma.auditLog.count({ where: { action: 'refundOrderPayment', targetId: orderId } }),
  ]);

const refundCalls = () => telegram.calls.filter((call) => call.method === 'refundStarPayment');

describe('refundOrderPayment', () => {
  test('a Stars payment is refunded through Telegram once, then recorded on the order and the payment', async () => {
    const o = await paidOrder('XTR');
    telegram.calls.length = 0;
    const result = await refund(o);
    expect(result.data?.refundOrderPayment).toEqual({
      __typename: 'MutationRefundOrderPaymentSuccess',
      data: { moneyReturnedBy: 'TELEGRAM', order: { paymentStatus: 'REFUNDED', version: o.version + 1 } },
    });
    expect(refundCalls().map((call) => call.payload)).toEqual([
      { user_id: PAYER, telegram_payment_charge_id: expect.stringMatching(/^tg-refund-/) },
    ]);
    const [order, payments, events, audits] = await state(o.id);
    expect(order).toMatchObject({ paymentStatus: 'REFUNDED', refundReason: 'Wilted on arrival' });
    expect(payments).toEqual([{ refundedAt: expect.any(Date), refundReason: 'Wilted on arrival' }]);
    expect(events).toBe(1);
    expect(audits).toBe(1);
  });

  test('Telegram refusing is a typed RefundRefused, and nothing is recorded', async () => {
    const o = await paidOrder('XTR');
    const before = await state(o.id);
    telegram.calls.length = 0;
    telegram.failNext('refundStarPayment', { error_code: 400, description: 'Bad Request: CHARGE_NOT_FOUND' });
    const result = await refund(o);
    expect(result.data?.refundOrderPayment).toEqual({
      __typename: 'RefundRefused',
      description: 'Bad Request: CHARGE_NOT_FOUND',
    });
    expect(refundCalls()).toHaveLength(1);
    expect(await state(o.id)).toEqual(before);
    expect(before[0].paymentStatus).toBe('PAID');
  });

  test('Telegram saying the charge was already refunded (a retry after a lost commit) records it', async () => {
    const o = await paidOrder('XTR');
    telegram.failNext('refundStarPayment', {
      error_code: 400,
      description: 'Bad Request: CHARGE_ALREADY_REFUNDED',
    });
    const result = await refund(o);
    expect(result.data?.refundOrderPayment.data).toMatchObject({ moneyReturnedBy: 'TELEGRAM' });
    expect((await state(o.id))[0].paymentStatus).toBe('REFUNDED');
  });

  test('a card payment made in Telegram is recorded, left to the provider’s dashboard, Telegram not called', async () => {
    const o = await paidOrder('RUB');
    telegram.calls.length = 0;
    const result = await refund(o);
    expect(result.data?.refundOrderPayment.data).toEqual({
      moneyReturnedBy: 'PROVIDER_DASHBOARD',
      order: { paymentStatus: 'REFUNDED', version: o.version + 1 },
    });
    expect(refundCalls()).toEqual([]);
    const [, payments] = await state(o.id);
    expect(payments).toEqual([{ refundedAt: expect.any(Date), refundReason: 'Wilted on arrival' }]);
  });

  test('an order paid at the shop is recorded refunded, the shop giving the money back', async () => {
    const o = await paidOrder(null);
    telegram.calls.length = 0;
    const result = await refund(o);
    expect(result.data?.refundOrderPayment.data).toEqual({
      moneyReturnedBy: 'SHOP',
      order: { paymentStatus: 'REFUNDED', version: o.version + 1 },
    });
    expect(refundCalls()).toEqual([]);
  });

  test('a second refund is InvalidPaymentTransition, asking Telegram nothing more', async () => {
    const o = await paidOrder('XTR');
    await refund(o);
    telegram.calls.length = 0;
    const again = await refund({ id: o.id, version: o.version + 1 });
    expect(again.data?.refundOrderPayment).toEqual({
      __typename: 'InvalidPaymentTransition',
      paymentStatus: 'REFUNDED',
    });
    expect(refundCalls()).toEqual([]);
    expect((await state(o.id))[3]).toBe(1);
  });

  test('two refunds at once: one is recorded, the other refused, Telegram asked once', async () => {
    const o = await paidOrder('XTR');
    telegram.calls.length = 0;
    const results = await Promise.all([refund(o), refund(o)]);
    expect(results.map((r) => r.data?.refundOrderPayment.__typename).sort()).toEqual([
      'InvalidPaymentTransition',
      'MutationRefundOrderPaymentSuccess',
    ]);
    expect(refundCalls()).toHaveLength(1);
    expect((await state(o.id))[3]).toBe(1);
  });

  test('an unpaid order is InvalidPaymentTransition, a stale version StaleVersion; nothing changes', async () => {
    const unpaid = await app.prisma.order.create({
      data: {
        shopId,
        customerId,
        number: nextNumber++,
        currency: 'RUB',
        subtotalMinor: 500,
        totalMinor: 500,
      },
      select: { id: true, version: true },
    });
    expect((await refund(unpaid)).data?.refundOrderPayment).toEqual({
      __typename: 'InvalidPaymentTransition',
      paymentStatus: 'UNPAID',
    });
    const o = await paidOrder('XTR');
    const before = await state(o.id);
    telegram.calls.length = 0;
    expect((await refund({ id: o.id, version: o.version + 5 })).data?.refundOrderPayment).toEqual({
      __typename: 'StaleVersion',
      current: o.version,
    });
    expect(refundCalls()).toEqual([]);
    expect(await state(o.id)).toEqual(before);
  });

  test('a florist is FORBIDDEN, and nothing changes', async () => {
    const o = await paidOrder('XTR');
    const before = await state(o.id);
    telegram.calls.length = 0;
    const result = await refund(o, 'florist@posy.demo');
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refundCalls()).toEqual([]);
    expect(await state(o.id)).toEqual(before);
  });

  test('a blank reason is refused as bad input', async () => {
    const o = await paidOrder(null);
    const result = await app.gql(
      REFUND,
      { orderId: encodeGlobalId('Order', o.id), version: o.version, reason: '   ' },
      await app.signIn('manager@posy.demo'),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await state(o.id))[0].paymentStatus).toBe('PAID');
  });
});
