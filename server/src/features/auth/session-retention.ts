// The session retention cron (src/jobs/scans.ts): a session that ended (revoked: signed out, replaced by a
// relaunch of the Mini App, reused token; or expired) is deleted SESSION_RETENTION_DAYS after it ended, with
// its refresh tokens (cascade). Open sessions are never touched. In batches with SKIP LOCKED, as the
// notification retention, so two workers share the work instead of waiting.
import type { Database } from '../../transaction.js';

export const SESSION_RETENTION_TASK = 'delete-ended-sessions';

const BATCH = 5_000;
const DAY = 86_400_000;

/** @returns how many were deleted */
export async function deleteEndedSessions(db: Database, retentionDays: number, now = new Date()) {
  const endedBefore = new Date(now.getTime() - retentionDays * DAY);
  let deleted = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM "Session" WHERE "id" IN (
        SELECT "id" FROM "Session"
        WHERE "revokedAt" < ${endedBefore} OR "expiresAt" < ${endedBefore}
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`;
    deleted += count;
    if (count < BATCH) return deleted;
  }
}
