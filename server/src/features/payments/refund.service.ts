import type { Context } from '../../context.js';
import { assertRefundsPayments } from '../common/access.js';
import { markOrderRefunded } from '../orders/order-payments.service.js';
import { InvalidPaymentTransition, StaleVersion } from '../orders/orders.errors.js';
import { findOrder } from '../orders/orders.service.js';
import { RefundRefused } from './payments.errors.js';

/**
 * Who gives the money back: Telegram itself for Stars (refunded here through the Bot API), the shop in its
 * payment provider's dashboard for card payments made in Telegram (the Bot API cannot refund those), the
 * shop at the counter for an order paid there.
 */
export type MoneyReturnedBy = 'TELEGRAM' | 'PROVIDER_DASHBOARD' | 'SHOP';

/** Telegram is waited for this long, well inside the mutation's transaction timeout (transaction.ts). */
const REFUND_TIMEOUT_SECONDS = 8;

/**
 * Refunds a paid order: a Stars payment is refunded through Telegram first, and only once Telegram agreed
 * is the refund recorded, on the order (history, live event, version) and on its payment. A refusal
 * records nothing (RefundRefused). The order's row is locked before Telegram is asked, so of two refunds
 * at once the second waits and then finds the order refunded: Telegram is asked once.
 * The payment refunded is the one the order is marked paid by; an order paid at the shop has none.
 */
export async function refundOrderPayment(
  ctx: Context,
  input: { orderId: string; version: number; reason: string },
): Promise<{ orderId: string; moneyReturnedBy: MoneyReturnedBy }> {
  assertRefundsPayments(ctx);
  const seen = await findOrder(ctx, input.orderId);
  await ctx.prisma.$queryRaw`SELECT 1 FROM "Order" WHERE id = ${seen.id}::uuid FOR UPDATE`;
  const order = await ctx.prisma.order.findUniqueOrThrow({
    where: { id: seen.id },
    select: { id: true, version: true, paymentStatus: true, paymentMethod: true, paymentReference: true },
  });
  if (order.paymentStatus !== 'PAID') throw new InvalidPaymentTransition(order.paymentStatus);
  if (order.version !== input.version) throw new StaleVersion(order.version);

  const payment =
    order.paymentMethod === 'TELEGRAM' && order.paymentReference
      ? await ctx.prisma.orderPayment.findFirst({
          where: { orderId: order.id, telegramChargeId: order.paymentReference, refundedAt: null },
          select: {
            id: true,
            telegramChargeId: true,
            payerTelegramId: true,
            currency: true,
            amountMinor: true,
          },
        })
      : null;
  const moneyReturnedBy: MoneyReturnedBy = !payment
    ? 'SHOP'
    : payment.currency === 'XTR'
      ? 'TELEGRAM'
      : 'PROVIDER_DASHBOARD';
  if (payment && moneyReturnedBy === 'TELEGRAM') await refundStars(ctx, payment);

  if (payment) {
    await ctx.prisma.orderPayment.update({
      where: { id: payment.id },
      data: { refundedAt: new Date(), refundReason: input.reason },
      select: { id: true },
    });
  }
  await markOrderRefunded(ctx, { id: order.id, version: input.version, reason: input.reason });
  ctx.audit.target = { type: 'Order', id: order.id };
  ctx.audit.changes = {
    reason: input.reason,
    moneyReturnedBy,
    telegramChargeId: payment?.telegramChargeId ?? null,
    amountMinor: payment?.amountMinor ?? null,
    currency: payment?.currency ?? null,
  };
  return { orderId: order.id, moneyReturnedBy };
}

/** Bot API refundStarPayment; any failure but "already refunded" is a RefundRefused. */
async function refundStars(
  ctx: Context,
  payment: { telegramChargeId: string; payerTelegramId: bigint | null },
): Promise<void> {
  const botToken = ctx.config.telegram.botToken;
  if (!botToken) throw new RefundRefused('No bot is configured (BOT_TOKEN), so Telegram cannot be asked');
  if (payment.payerTelegramId === null)
    throw new RefundRefused('The Telegram user who paid is not known, so Telegram cannot be asked');
  // Imported when a refund asks: grammY (and its fetch) stays out of the server's start.
  const { refundStarPayment } = await import('@posy/bot/notify/refund-star-payment');
  const outcome = await refundStarPayment(
    { botToken, apiRoot: ctx.config.telegram.apiRoot },
    { payerTelegramId: Number(payment.payerTelegramId), telegramChargeId: payment.telegramChargeId },
    { timeoutSeconds: REFUND_TIMEOUT_SECONDS },
  );
  const fields = { telegramChargeId: payment.telegramChargeId };
  if (outcome.ok && outcome.alreadyRefunded)
    ctx.log.warn(fields, 'Stars were already refunded; recording it');
  if (!outcome.ok) {
    if (!outcome.reachedTelegram) ctx.log.warn(fields, 'refundStarPayment did not reach Telegram');
    throw new RefundRefused(outcome.description);
  }
}
