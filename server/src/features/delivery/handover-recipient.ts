// Who is sent a delivery's handover code: the recipient, when their phone is that of a customer of the
// shop who has a Telegram account with us; else the customer who ordered (who passes it on). Nobody,
// when neither can be reached: the courier then completes on a photo of the handover.
import type { Context } from '../../context.js';
import { normalizePhone } from '../customers/phone.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import { hashHandoverCode, newHandoverCode } from './handover-code.js';

/** The recipient's phone as customers' phones are stored, or null when it is none we could match. */
function normalizedOrNull(phone: string | null): string | null {
  try {
    return normalizePhone(phone);
  } catch {
    return null;
  }
}

/**
 * Makes a new handover code for the delivery and queues it (HANDOVER_CODE) in the running transaction to
 * whoever receives the flowers. An anonymous order's message to the recipient does not name the sender.
 * @returns the code's hash to store and who was sent it, or null when nobody could be sent one
 */
export async function sendHandoverCode(
  ctx: Context,
  input: { orderId: string; deliveryId: string },
): Promise<{ codeHash: string; audience: 'RECIPIENT' | 'CUSTOMER' } | null> {
  const order = await ctx.prisma.order.findUniqueOrThrow({
    where: { id: input.orderId },
    select: {
      id: true,
      shopId: true,
      number: true,
      recipientPhone: true,
      anonymousSender: true,
      shop: { select: { name: true } },
      customer: { select: { name: true, userId: true, user: { select: { telegramId: true } } } },
    },
  });
  const phone = normalizedOrNull(order.recipientPhone);
  const recipient = phone
    ? await ctx.prisma.customer.findFirst({
        where: { shopId: order.shopId, phone, user: { telegramId: { not: null } } },
        select: { userId: true },
      })
    : null;
  const customerReachable = order.customer.userId !== null && order.customer.user?.telegramId != null;
  const target =
    recipient?.userId && recipient.userId !== order.customer.userId
      ? { userId: recipient.userId, audience: 'RECIPIENT' as const }
      : customerReachable
        ? { userId: order.customer.userId as string, audience: 'CUSTOMER' as const }
        : null;
  if (!target) return null;
  const code = newHandoverCode();
  await enqueueNotification(ctx.prisma, {
    userId: target.userId,
    shopId: order.shopId,
    orderId: order.id,
    kind: 'HANDOVER_CODE',
    payload: {
      orderId: order.id,
      orderNumber: order.number,
      shopName: order.shop.name,
      code,
      audience: target.audience,
      senderName: order.anonymousSender ? null : order.customer.name,
    },
    // One message per code: a delivery picked up again gets a new one.
    dedupeKey: `handover-code:${input.deliveryId}:${Date.now()}`,
  });
  return { codeHash: hashHandoverCode(input.deliveryId, code), audience: target.audience };
}
