// Recovery of sends whose worker died mid-call (killed, machine lost). Such a row stays SENDING with an open
// attempt; graphile-worker would only retry its job after a 4-hour lock timeout. Run on every runner's start
// and each minute: a row SENDING for longer than a try can take (NOTIFICATION_STUCK_AFTER_SECONDS; the Bot
// API call is cut off at half of it) goes back to PENDING with a fresh job, its attempt marked INTERRUPTED;
// a row interrupted a second time is FAILED, so a message is sent at most twice and none is lost silently.
import type { Task } from 'graphile-worker';
import type { AppPrisma } from '../../context.js';
import type { Logger } from '../../logger.js';
import { redactedPayload } from './notification-attempts.js';
import { notificationJobKey, SEND_NOTIFICATION_TASK } from './notifications.service.js';

export const RECOVER_NOTIFICATION_SENDS_TASK = 'recover-notification-sends';

/** Kept on a row interrupted twice. */
export const INTERRUPTED_SEND_ERROR =
  'Interrupted twice while sending: Telegram may or may not have delivered it; not sent again to avoid more duplicates';

const INTERRUPTED_ATTEMPT =
  'The worker stopped during the Bot API call: Telegram may or may not have delivered it';

export interface RecoverySettings {
  prisma: AppPrisma;
  log: Logger;
  stuckAfterSeconds: number;
  /** NOTIFICATION_MAX_ATTEMPTS: the fresh job gets the tries the row has left. */
  maxAttempts: number;
}

/** Recovers every stuck row; rows another process is recovering are skipped (locked). */
export async function recoverInterruptedSends(settings: RecoverySettings): Promise<number> {
  const { prisma, log, stuckAfterSeconds, maxAttempts } = settings;
  return prisma.$transaction(async (tx) => {
    const stuck = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Notification"
      WHERE status = 'SENDING'
        AND "claimedAt" < now() - make_interval(secs => ${stuckAfterSeconds}::double precision)
      ORDER BY "claimedAt" LIMIT 500 FOR UPDATE SKIP LOCKED`;
    for (const { id } of stuck) {
      const row = await tx.notification.findUniqueOrThrow({
        where: { id },
        select: { kind: true, payload: true, attempts: true },
      });
      // No open attempt: it died before calling Telegram (waiting for a throttle slot), so nothing was sent.
      const open = await tx.notificationAttempt.updateMany({
        where: { notificationId: id, finishedAt: null },
        data: { finishedAt: new Date(), outcome: 'INTERRUPTED', description: INTERRUPTED_ATTEMPT },
      });
      const interruptions = await tx.notificationAttempt.count({
        where: { notificationId: id, outcome: 'INTERRUPTED' },
      });
      if (interruptions >= 2) {
        await tx.notification.update({
          where: { id },
          data: {
            status: 'FAILED',
            lastError: INTERRUPTED_SEND_ERROR,
            claimedAt: null,
            ...redactedPayload(row),
          },
          select: { id: true },
        });
        log.warn({ notificationId: id }, 'notification interrupted twice while sending; failed');
        continue;
      }
      const attempts = open.count > 0 ? row.attempts : row.attempts - 1;
      await tx.notification.update({
        where: { id },
        data: {
          status: 'PENDING',
          attempts,
          claimedAt: null,
          ...(open.count > 0 ? { lastError: INTERRUPTED_ATTEMPT } : {}),
        },
        select: { id: true },
      });
      // The dead worker's job is still locked under this key: add_job moves the key to a new job.
      await tx.$executeRaw`SELECT 1 FROM graphile_worker.add_job(
        ${SEND_NOTIFICATION_TASK},
        json_build_object('notificationId', ${id}::text),
        job_key := ${notificationJobKey(id)},
        max_attempts := ${Math.max(maxAttempts - attempts, 1)}::int
      )`;
      log.warn({ notificationId: id, resent: open.count > 0 }, 'interrupted notification send queued again');
    }
    return stuck.length;
  });
}

/** The cron task running {@link recoverInterruptedSends}. */
export function createRecoverNotificationSendsTask(settings: RecoverySettings): Task {
  return async () => {
    await recoverInterruptedSends(settings);
  };
}
