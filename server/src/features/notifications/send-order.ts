import type { AppPrisma } from '../../context.js';

/**
 * How long a message waits when an earlier one to the same person is still on its way: about Telegram's
 * one-message-a-second per chat, after which that one has gone out.
 */
export const EARLIER_MESSAGE_WAIT_MS = 1000;

/**
 * Whether an earlier message to the same person has yet to go out: being sent, or due and not tried yet.
 * Workers take jobs concurrently and race for the chat's next send slot, so without this a customer could
 * read "picked up" before "ready". A message in retry (tried before) does not hold the later ones back,
 * and neither does one older than `withinSeconds` (a lost job must not block a chat for good).
 */
export async function earlierMessagePending(
  prisma: AppPrisma,
  row: { id: string; userId: string; createdAt: Date },
  withinSeconds: number,
): Promise<boolean> {
  const now = new Date();
  const earlier = await prisma.notification.findFirst({
    where: {
      userId: row.userId,
      createdAt: { gte: new Date(now.getTime() - withinSeconds * 1000), lte: row.createdAt },
      // uuid v7 ids grow with creation time, so they order messages made in the same millisecond.
      id: { lt: row.id },
      OR: [{ status: 'SENDING' }, { status: 'PENDING', attempts: 0, sendAfter: { lte: now } }],
    },
    select: { id: true },
  });
  return earlier !== null;
}
