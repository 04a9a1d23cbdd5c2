// Staff send a notification that did not go out once more: the same row back to PENDING, with a new send
// job under its job key, in the mutation's transaction (with its audit entry).
import type { Prisma } from '@posy/prisma';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { resendableNotifications } from '../common/access.js';
import { handoverCodeMatches } from '../delivery/handover-code.js';
import { NotificationCodeExpired, NotificationNotResendable } from './notifications.errors.js';
import { addSendJob } from './notifications.service.js';

/**
 * Puts a FAILED or SKIPPED notification back to PENDING (tries counted afresh) and queues its job.
 * Refused (NotificationNotResendable) for one sent or on its way, or whose recipient blocked the bot or
 * has no Telegram; refused (NotificationCodeExpired) for a code that no longer works. The status is
 * matched in the UPDATE, so of two resends at once one queues it and the other is refused.
 */
export async function resendNotification(ctx: Context, id: string): Promise<{ id: string }> {
  const row = await ctx.prisma.notification.findFirst({
    where: { AND: [{ id }, resendableNotifications(ctx)] },
    select: {
      id: true,
      status: true,
      kind: true,
      payload: true,
      createdAt: true,
      orderId: true,
      user: { select: { telegramId: true, botBlockedAt: true } },
    },
  });
  if (!row) throw notFound('Notification');
  ctx.audit.target = { type: 'Notification', id: row.id };
  if (row.status !== 'FAILED' && row.status !== 'SKIPPED')
    throw new NotificationNotResendable(row.status, 'NOT_FAILED');
  if (row.user.telegramId === null) throw new NotificationNotResendable(row.status, 'NO_TELEGRAM');
  if (row.user.botBlockedAt) throw new NotificationNotResendable(row.status, 'BOT_BLOCKED');
  if (!(await codeStillWorks(ctx, row))) throw new NotificationCodeExpired(row.kind);
  const { count } = await ctx.prisma.notification.updateMany({
    where: { id: row.id, status: row.status },
    data: { status: 'PENDING', attempts: 0, lastError: null, sendAfter: new Date() },
  });
  if (count !== 1) {
    const now = await ctx.prisma.notification.findUniqueOrThrow({
      where: { id: row.id },
      select: { status: true },
    });
    throw new NotificationNotResendable(now.status, 'NOT_FAILED');
  }
  await addSendJob(ctx.prisma, row.id, null);
  return { id: row.id };
}

/**
 * Whether a code the notification carries still works: a login code within its lifetime, a handover code
 * that is still its delivery's while it is under way (not replaced by a new pickup, locked, or used). Other kinds carry none.
 */
async function codeStillWorks(
  ctx: Context,
  row: { kind: string; payload: Prisma.JsonValue; createdAt: Date; orderId: string | null },
): Promise<boolean> {
  const payload = (row.payload ?? {}) as { code?: unknown; expiresInMinutes?: unknown };
  if (row.kind === 'LOGIN_CODE') {
    const minutes = payload.expiresInMinutes;
    return (
      typeof payload.code === 'string' &&
      typeof minutes === 'number' &&
      row.createdAt.getTime() + minutes * 60_000 > Date.now()
    );
  }
  if (row.kind !== 'HANDOVER_CODE') return true;
  if (typeof payload.code !== 'string' || !row.orderId) return false;
  const delivery = await ctx.prisma.delivery.findUnique({
    where: { orderId: row.orderId },
    select: { id: true, status: true, handoverCodeHash: true, handoverLockedAt: true },
  });
  const underWay = delivery?.status === 'PICKED_UP' || delivery?.status === 'EN_ROUTE';
  return (
    underWay &&
    !!delivery.handoverCodeHash &&
    !delivery.handoverLockedAt &&
    handoverCodeMatches(delivery.id, delivery.handoverCodeHash, payload.code)
  );
}
