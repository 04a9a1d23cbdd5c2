// The record of each try at sending a notification (NotificationAttempt), and what settling a row changes.
import type { NotificationAttemptOutcome, Prisma } from '@posy/prisma';
import type { AppPrisma } from '../../context.js';

/** Kinds whose payload carries a one-time code: kept only until the row is settled. */
const CODE_KINDS = new Set(['LOGIN_CODE', 'HANDOVER_CODE']);

/** The payload with its one-time code blanked, for a row that will not be sent again; else nothing to change. */
export function redactedPayload(row: {
  kind: string;
  payload: Prisma.JsonValue;
}): { payload: Prisma.InputJsonObject } | Record<string, never> {
  if (!CODE_KINDS.has(row.kind) || typeof row.payload !== 'object' || row.payload === null) return {};
  return { payload: { ...(row.payload as Prisma.JsonObject), code: null } };
}

export interface AttemptOutcome {
  outcome: NotificationAttemptOutcome;
  errorCode?: number | null;
  description?: string | null;
  retryAfterSeconds?: number | null;
}

/**
 * Marks the start of try `number` just before its Bot API call: a fresh `claimedAt` (recovery measures the
 * call from it) and an open attempt row. False when the claim was lost meanwhile (recovered as stuck).
 */
export async function startAttempt(prisma: AppPrisma, notificationId: string, number: number) {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.notification.updateMany({
      where: { id: notificationId, status: 'SENDING' },
      data: { claimedAt: new Date() },
    });
    if (claimed.count === 0) return false;
    await tx.notificationAttempt.create({ data: { notificationId, number } });
    return true;
  });
}

/**
 * Sets a try's outcome on the row (only while it is still claimed by the try) and on its attempt row,
 * writing one when the try ended before any call (skipped, not renderable); `andThen` runs in the same
 * transaction when the row was still claimed.
 * @returns whether the row was still claimed
 */
export function settleAttempt(
  prisma: AppPrisma,
  attempt: { notificationId: string; number: number },
  notification: Prisma.NotificationUpdateManyMutationInput,
  outcome: AttemptOutcome,
  andThen?: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<boolean> {
  const finished = {
    finishedAt: new Date(),
    outcome: outcome.outcome,
    errorCode: outcome.errorCode ?? null,
    description: outcome.description ?? null,
    retryAfterSeconds: outcome.retryAfterSeconds == null ? null : Math.ceil(outcome.retryAfterSeconds),
  };
  return prisma.$transaction(async (tx) => {
    const settled = await tx.notification.updateMany({
      where: { id: attempt.notificationId, status: 'SENDING' },
      data: notification,
    });
    await tx.notificationAttempt.upsert({
      where: { notificationId_number: attempt },
      create: { ...attempt, ...finished },
      update: finished,
      select: { id: true },
    });
    if (settled.count > 0) await andThen?.(tx);
    return settled.count > 0;
  });
}
