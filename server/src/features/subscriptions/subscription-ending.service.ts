import type { Context } from '../../context.js';
import { enqueueNotification } from '../notifications/notifications.service.js';

/**
 * Tells the customer (through the bot's outbox, SUBSCRIPTION_ENDING) that their ACTIVE subscription ends at
 * its validUntil. Once per end date: the notification's dedupe key is the subscription and its validUntil,
 * and `endingNoticeFor` records it so later runs do not look at it again; a renewal is a new end date, told
 * again when it nears. Run it in a transaction with a system context (the notification commits with the mark).
 * @returns whether a notice was queued (false: told already, not active, or the customer has no account)
 */
export async function queueEndingNotice(ctx: Context, subscriptionId: string): Promise<boolean> {
  const subscription = await ctx.prisma.subscription.findUnique({
    where: { id: subscriptionId },
    select: {
      id: true,
      shopId: true,
      status: true,
      validUntil: true,
      endingNoticeFor: true,
      customer: { select: { userId: true } },
      shop: { select: { name: true } },
    },
  });
  if (subscription?.status !== 'ACTIVE' || !subscription.customer.userId) return false;
  const { validUntil } = subscription;
  if (subscription.endingNoticeFor?.getTime() === validUntil.getTime()) return false;
  await enqueueNotification(ctx.prisma, {
    kind: 'SUBSCRIPTION_ENDING',
    payload: { subscriptionId, validUntil: validUntil.toISOString(), shopName: subscription.shop.name },
    userId: subscription.customer.userId,
    shopId: subscription.shopId,
    dedupeKey: `subscription:${subscriptionId}:ending:${validUntil.toISOString()}`,
  });
  await ctx.prisma.subscription.update({
    where: { id: subscriptionId },
    data: { endingNoticeFor: validUntil },
    select: { id: true },
  });
  return true;
}
