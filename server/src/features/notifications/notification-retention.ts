// The notification retention cron (src/jobs/scans.ts): SENT and SKIPPED notifications are deleted
// NOTIFICATION_RETENTION_DAYS after they settled (their updatedAt); FAILED ones three times as long after,
// so a failure can still be looked into. PENDING and SENDING are never touched. Nothing else refers to a
// notification (its send job is gone once it settled), so the row is all there is to delete. In batches with
// SKIP LOCKED, as the courier position retention, so two workers share the work instead of waiting.
import { Prisma } from '@posy/prisma';
import type { Database } from '../../transaction.js';

export const NOTIFICATION_RETENTION_TASK = 'delete-old-notifications';

const BATCH = 5_000;
const DAY = 86_400_000;

/** @returns how many were deleted */
export async function deleteOldNotifications(db: Database, retentionDays: number, now = new Date()) {
  const settledBefore = new Date(now.getTime() - retentionDays * DAY);
  const failedBefore = new Date(now.getTime() - 3 * retentionDays * DAY);
  let deleted = 0;
  for (const [statuses, before] of [
    [Prisma.sql`'SENT', 'SKIPPED'`, settledBefore],
    [Prisma.sql`'FAILED'`, failedBefore],
  ] as const) {
    for (;;) {
      const count = await db.$executeRaw`
        DELETE FROM "Notification" WHERE "id" IN (
          SELECT "id" FROM "Notification"
          WHERE "status" IN (${statuses}) AND "updatedAt" < ${before}
          LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`;
      deleted += count;
      if (count < BATCH) break;
    }
  }
  return deleted;
}
