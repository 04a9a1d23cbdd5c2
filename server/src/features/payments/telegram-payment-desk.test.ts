import path from 'node:path';
import { createBot } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { preCheckoutQuery, successfulPayment, telegramUser } from '@posy/bot/test/updates';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { createTokenSigner } from '../../auth/tokens.js';
import type { SystemContextDeps } from '../../jobs/system-context.js';
import { createLogger } from '../../logger.js';
import { createAppPubSub } from '../../pubsub.js';
import { LocalDiskStorage } from '../../storage/local-disk-storage.js';
import { parseInvoicePayload, signInvoicePayload } from './invoice-payload.js';
import { createTelegramPaymentDesk } from './telegram-payment-desk.js';

const chris = telegramUser({ id: 100000005, first_name: 'Chris', language_code: 'en' });
const WEB_APP_URL = 'https://posy.test';

let telegram: FakeBotApi;
let app: TestApp;
let deps: SystemContextDeps;
let shopId: string;
let customerId: string;

beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({ BOT_TOKEN: telegram.token, BOT_API_ROOT: telegram.apiRoot });
  // What src/telegram-bot.ts builds: the app's pieces on the bot process's side.
  deps = {
    config: app.config,
    prisma: app.prisma,
    log: createLogger('silent'),
    pubsub: createAppPubSub(app.config.redisUrl),
    signer: await createTokenSigner(app.config),
    appUrl: WEB_APP_URL,
    files: new LocalDiskStorage(path.join(app.config.dataDir, 'files')),
  };
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  customerId = (await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } })).id;
});
afterAll(async () => {
  await deps?.pubsub.close();
  await app?.stop();
  await telegram?.stop();
});

const bot = () =>
  createBot(
    {
      botToken: telegram.token,
      apiRoot: telegram.apiRoot,
      botUsername: 'posy_test_bot',
      webAppUrl: WEB_APP_URL,
    },
    { payments: createTelegramPaymentDesk(deps), botInfo: { ...telegram.botInfo } },
  );

let nextNumber = 900_000;
/** An unpaid order of Chris for 2 800.00 RUB, its window tomorrow; `data` overrides. */
async function order(data: { windowEnd?: Date | null; totalMinor?: number } = {}) {
  const tomorrow = Date.now() + 86_400_000;
  return app.prisma.order.create({
    data: {
      shopId,
      customerId,
      number: nextNumber++,
      currency: 'RUB',
      subtotalMinor: 250_000,
      deliveryFeeMinor: 30_000,
      totalMinor: 280_000,
      windowStart: new Date(tomorrow),
      windowEnd: new Date(tomorrow + 7_200_000),
      ...data,
    },
    select: { id: true, totalMinor: true, version: true },
  });
}

const invoiceOf = (o: { id: string; totalMinor: number }) => ({
  payload: signInvoicePayload(telegram.token, { orderId: o.id, amountMinor: o.totalMinor }),
  totalAmount: o.totalMinor,
  currency: 'RUB',
});

/** Sends a pre_checkout_query and answers what the bot told Telegram. */
async function preCheckout(invoice: ReturnType<typeof invoiceOf>) {
  telegram.calls.length = 0;
  await bot().handleUpdate(preCheckoutQuery(invoice, chris));
  const answers = telegram.calls.filter((call) => call.method === 'answerPreCheckoutQuery');
  expect(answers).toHaveLength(1);
  return answers[0]?.payload;
}

describe('invoice payload', () => {
  test('round-trips within 128 bytes; a changed amount or another key is not ours', () => {
    const payload = signInvoicePayload('1:key', {
      orderId: '01936f3e-8a2b-7c4d-9e5f-0123456789ab',
      amountMinor: 280_000,
    });
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(128);
    expect(parseInvoicePayload('1:key', payload)).toEqual({
      orderId: '01936f3e-8a2b-7c4d-9e5f-0123456789ab',
      amountMinor: 280_000,
    });
    expect(parseInvoicePayload('1:key', payload.replace('.280000.', '.1.'))).toBeNull();
    expect(parseInvoicePayload('2:other', payload)).toBeNull();
  });
});

describe('pre_checkout_query', () => {
  test('is answered ok for a payable order', async () => {
    const o = await order();
    expect(await preCheckout(invoiceOf(o))).toMatchObject({ ok: true });
  });

  test('is refused with a message once the order was cancelled', async () => {
    const o = await order();
    await app.prisma.order.update({ where: { id: o.id }, data: { status: 'CANCELLED' } });
    expect(await preCheckout(invoiceOf(o))).toEqual({
      pre_checkout_query_id: expect.any(String),
      ok: false,
      error_message: 'This order was cancelled, so it can no longer be paid.',
    });
  });

  test('is refused when the order total changed since the invoice, or Telegram names another amount', async () => {
    const o = await order();
    const invoice = invoiceOf(o);
    expect(await preCheckout({ ...invoice, totalAmount: 1 })).toMatchObject({ ok: false });
    await app.prisma.order.update({ where: { id: o.id }, data: { totalMinor: 300_000 } });
    expect(await preCheckout(invoice)).toMatchObject({
      ok: false,
      error_message: 'The order total has changed. Open the order in the app and pay the new total.',
    });
  });

  test('is refused once the delivery window passed, and for a payload this server did not sign', async () => {
    const o = await order({ windowEnd: new Date(Date.now() - 60_000) });
    expect(await preCheckout(invoiceOf(o))).toMatchObject({ ok: false, error_message: /has passed/ });
    const forged = { ...invoiceOf(await order()), payload: 'o1.forged' };
    expect(await preCheckout(forged)).toMatchObject({ ok: false, error_message: /no longer valid/ });
  });
});

describe('successful_payment', () => {
  const state = (orderId: string) =>
    Promise.all([
      app.prisma.order.findUniqueOrThrow({
        where: { id: orderId },
        select: { paymentStatus: true, paymentMethod: true, paymentReference: true, version: true },
      }),
      app.prisma.orderPayment.findMany({ where: { orderId } }),
      app.prisma.orderEvent.count({ where: { orderId, note: { startsWith: 'Paid' } } }),
      app.prisma.auditLog.count({ where: { action: 'recordTelegramPayment', targetId: orderId } }),
    ]);
  const thanks = () =>
    telegram.calls.filter(
      (call) => call.method === 'sendMessage' && /Thank you/.test(String(call.payload.text)),
    );

  test('a repeated successful_payment marks paid once, with both charge ids, thanking once', async () => {
    const o = await order();
    const update = successfulPayment(
      { ...invoiceOf(o), telegramChargeId: `tg-${o.id}`, providerChargeId: `yk-${o.id}` },
      chris,
    );
    telegram.calls.length = 0;
    await bot().handleUpdate(update);
    await bot().handleUpdate(update);
    const [row, payments, paidEvents, audits] = await state(o.id);
    expect(row).toEqual({
      paymentStatus: 'PAID',
      paymentMethod: 'TELEGRAM',
      paymentReference: `tg-${o.id}`,
      version: o.version + 1,
    });
    expect(payments).toEqual([
      expect.objectContaining({
        provider: 'TELEGRAM',
        telegramChargeId: `tg-${o.id}`,
        providerChargeId: `yk-${o.id}`,
        payerTelegramId: BigInt(chris.id),
        amountMinor: 280_000,
        currency: 'RUB',
        refundedAt: null,
      }),
    ]);
    expect(paidEvents).toBe(1);
    expect(audits).toBe(1);
    expect(thanks()).toHaveLength(1);
  });

  test('two different updates with the same charge id, even at once, record one payment', async () => {
    const o = await order();
    const paid = { ...invoiceOf(o), telegramChargeId: `tg-${o.id}` };
    telegram.calls.length = 0;
    // Two bots: sequentialize of one bot would queue them; two processes would not.
    await Promise.all([
      bot().handleUpdate(successfulPayment(paid, chris)),
      bot().handleUpdate(successfulPayment(paid, chris)),
    ]);
    const [row, payments, paidEvents] = await state(o.id);
    expect(row.paymentStatus).toBe('PAID');
    expect(payments).toHaveLength(1);
    expect(paidEvents).toBe(1);
    expect(thanks()).toHaveLength(1);
  });

  test('money taken for an order already paid another way is recorded, the order left as it is', async () => {
    const o = await order();
    await app.prisma.order.update({
      where: { id: o.id },
      data: { paymentStatus: 'PAID', paymentMethod: 'cash' },
    });
    await bot().handleUpdate(successfulPayment({ ...invoiceOf(o), telegramChargeId: `tg-${o.id}` }, chris));
    const [row, payments, paidEvents] = await state(o.id);
    expect(row).toMatchObject({ paymentStatus: 'PAID', paymentMethod: 'cash' });
    expect(payments).toHaveLength(1);
    expect(paidEvents).toBe(0);
  });
});
