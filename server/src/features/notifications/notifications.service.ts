// The write side of the Telegram outbox. A notification is a row written in the transaction of the change it
// reports, plus a graphile-worker job queued in that same transaction (see src/jobs/job-queue.ts): both
// commit with the change or neither does. The job runs send-notification.task.ts.
import type { Notification as NotificationMessage } from '@posy/bot';
import type { Prisma } from '@posy/prisma';
import type { Database } from '../../transaction.js';

/** The graphile-worker task that sends one notification; its payload is {@link SendNotificationPayload}. */
export const SEND_NOTIFICATION_TASK = 'send-notification';

export interface SendNotificationPayload {
  notificationId: string;
}

/**
 * Tries a notification's job gets when it is queued. The worker counts tries on the row and enforces
 * NOTIFICATION_MAX_ATTEMPTS itself, re-queueing a job that runs out first, so a changed setting also
 * applies to notifications already queued.
 */
export const JOB_MAX_ATTEMPTS = 8;

/** One notification's job key: graphile-worker keeps at most one waiting job per key. */
export const notificationJobKey = (notificationId: string) => `notification:${notificationId}`;

/** What to tell whom: the kind and its payload, exactly as the bot's templates take them. */
export type EnqueueNotificationInput = NotificationMessage & {
  /** The recipient; the message is written in their `locale` as it is now. */
  userId: string;
  /** The shop it is about, if any: its time zone is used for dates. */
  shopId?: string | null;
  /** The order it is about, if any: the order's staff see it among `Order.notifications`. */
  orderId?: string | null;
  /**
   * One message per fact, e.g. `order:<id>:status:READY` or `login-code:<id>`: queuing a key that is
   * already queued (or sent) does nothing, so callers may retry freely.
   */
  dedupeKey: string;
  /** Not sent before this time. @default now */
  sendAfter?: Date | null;
};

/**
 * Queues a Telegram message in the caller's transaction: inserts the Notification (`ON CONFLICT DO NOTHING`
 * on its dedupe key) and, only when it was inserted, its send job. Call it inside the transaction of the
 * change it reports, so a rolled-back change leaves neither row nor job.
 * @returns the notification's id, or `null` when `dedupeKey` was already queued
 */
export async function enqueueNotification(
  tx: Database,
  input: EnqueueNotificationInput,
): Promise<string | null> {
  const recipient = await tx.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { locale: true },
  });
  const sendAfter = input.sendAfter ?? null;
  const [created] = await tx.notification.createManyAndReturn({
    data: [
      {
        userId: input.userId,
        shopId: input.shopId ?? null,
        orderId: input.orderId ?? null,
        kind: input.kind,
        payload: input.payload as Prisma.InputJsonObject,
        locale: recipient.locale,
        dedupeKey: input.dedupeKey,
        ...(sendAfter ? { sendAfter } : {}),
      },
    ],
    // ON CONFLICT DO NOTHING: a duplicate returns no row, and then no job is queued either.
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created) return null;
  await addSendJob(tx, created.id, sendAfter);
  return created.id;
}

/**
 * Queues the send job of a notification in the caller's transaction, under its job key: a job already
 * waiting under that key is replaced, so a notification never has two.
 * @param runAt not before this time; null for now
 */
export async function addSendJob(tx: Database, notificationId: string, runAt: Date | null): Promise<void> {
  // SELECT 1 FROM: the job row itself is a composite the client has no type for.
  await tx.$executeRaw`SELECT 1 FROM graphile_worker.add_job(
    ${SEND_NOTIFICATION_TASK},
    json_build_object('notificationId', ${notificationId}::text),
    run_at := ${runAt}::timestamptz,
    job_key := ${notificationJobKey(notificationId)},
    max_attempts := ${JOB_MAX_ATTEMPTS}::int
  )`;
}
