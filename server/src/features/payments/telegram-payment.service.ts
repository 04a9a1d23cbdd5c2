import type { PaymentRefusal, ReportedPayment } from '@posy/bot';
import { writeAuditEntry } from '../../audit/audit-entry.js';
import { type SystemContextDeps, systemContext } from '../../jobs/system-context.js';
import { runInTransaction } from '../../transaction.js';
import { markOrderPaid } from '../orders/order-payments.service.js';
import { parseInvoicePayload } from './invoice-payload.js';

/** What makes an order unpayable, whoever asks (the invoice link mutation, the pre-checkout answer). */
export function unpayableReason(
  order: { status: string; paymentStatus: string; totalMinor: number; windowEnd: Date | null },
  now = new Date(),
): 'CANCELLED' | 'ALREADY_PAID' | 'ZERO_TOTAL' | 'WINDOW_PASSED' | null {
  if (order.status === 'CANCELLED') return 'CANCELLED';
  if (order.paymentStatus !== 'UNPAID') return 'ALREADY_PAID';
  if (order.totalMinor <= 0) return 'ZERO_TOTAL';
  if (order.windowEnd && order.windowEnd.getTime() <= now.getTime()) return 'WINDOW_PASSED';
  return null;
}

function botTokenOf(deps: SystemContextDeps): string {
  const token = deps.config.telegram.botToken;
  if (!token) throw new Error('BOT_TOKEN is unset: no invoice can be checked');
  return token;
}

/**
 * The pre-checkout check: one query. Any payer may pay (an invoice link may be forwarded to whoever pays
 * for the gift); what is checked is that the order still takes exactly this money.
 */
export async function checkTelegramPayment(
  deps: SystemContextDeps,
  query: { payload: string; totalAmount: number; currency: string },
): Promise<PaymentRefusal | null> {
  const invoice = parseInvoicePayload(botTokenOf(deps), query.payload);
  if (!invoice) return 'NOT_FOUND';
  const order = await deps.prisma.order.findUnique({
    where: { id: invoice.orderId },
    select: { status: true, paymentStatus: true, totalMinor: true, currency: true, windowEnd: true },
  });
  if (!order) return 'NOT_FOUND';
  const reason = unpayableReason(order);
  if (reason === 'ZERO_TOTAL') return 'AMOUNT_CHANGED';
  if (reason) return reason;
  if (
    order.totalMinor !== invoice.amountMinor ||
    query.totalAmount !== order.totalMinor ||
    query.currency !== order.currency
  )
    return 'AMOUNT_CHANGED';
  return null;
}

/**
 * Records money Telegram took, once per charge: the OrderPayment row's unique charge id makes a repeated
 * report (the same update again, or another with the same charge) insert nothing and change nothing. The
 * first report marks the order PAID (history, live event) in the same transaction, acting as the shop.
 * Money taken is recorded whatever the order became meanwhile: an order already paid another way keeps
 * its state and the shop sees two payments to settle (logged as a warning).
 */
export async function recordTelegramPayment(
  deps: SystemContextDeps,
  payment: ReportedPayment,
): Promise<'recorded' | 'repeated'> {
  const invoice = parseInvoicePayload(botTokenOf(deps), payment.payload);
  if (!invoice)
    throw new Error(`successful_payment with a payload this server did not sign: ${payment.payload}`);
  const order = await deps.prisma.order.findUniqueOrThrow({
    where: { id: invoice.orderId },
    select: { shopId: true },
  });
  const ctx = systemContext(
    deps,
    order.shopId,
    'telegramPayment',
    `telegram-charge:${payment.telegramChargeId}`,
  );
  return runInTransaction(ctx, async (tx) => {
    const { count } = await tx.prisma.orderPayment.createMany({
      data: [
        {
          orderId: invoice.orderId,
          provider: 'TELEGRAM',
          telegramChargeId: payment.telegramChargeId,
          providerChargeId: payment.providerChargeId,
          payerTelegramId: BigInt(payment.telegramUserId),
          amountMinor: payment.totalAmount,
          currency: payment.currency,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return 'repeated';
    const current = await tx.prisma.order.findUniqueOrThrow({
      where: { id: invoice.orderId },
      select: { version: true, paymentStatus: true },
    });
    if (current.paymentStatus === 'UNPAID') {
      await markOrderPaid(tx, {
        id: invoice.orderId,
        version: current.version,
        method: 'TELEGRAM',
        reference: payment.telegramChargeId,
      });
    } else {
      tx.log.warn(
        { orderId: invoice.orderId, paymentStatus: current.paymentStatus },
        'Telegram payment for an order not unpaid: recorded, order left as it is',
      );
    }
    await writeAuditEntry(
      tx,
      // No mutation's: the bot records it as the shop (webapp's audit-label.ts names it).
      'recordTelegramPayment',
      {},
      {
        target: { type: 'Order', id: invoice.orderId },
        changes: {
          telegramChargeId: payment.telegramChargeId,
          providerChargeId: payment.providerChargeId,
          amountMinor: payment.totalAmount,
          currency: payment.currency,
          telegramUserId: payment.telegramUserId,
        },
      },
      null,
    );
    return 'recorded';
  });
}
