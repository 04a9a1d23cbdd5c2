// The graphile-worker task behind the courier position retention cron (registered in src/jobs/runner.ts):
// positions older than COURIER_POSITION_RETENTION_HOURS are deleted (issue 10: a day at most). Safe with
// several workers: graphile-worker runs one job per tick however many processes share the schedule, and
// even two runs at once only delete the same rows, which the second finds gone.
import type { PrismaClient } from '@posy/prisma';
import type { Task } from 'graphile-worker';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';

export const DELETE_OLD_COURIER_POSITIONS_TASK = 'delete-old-courier-positions';

/** Rows one statement deletes at most, so a large backlog never holds one long transaction. */
const BATCH = 5_000;

export interface RetentionDeps {
  config: Config;
  prisma: Pick<PrismaClient, '$executeRaw'>;
  log: Pick<Logger, 'info'>;
}

/**
 * Deletes the positions recorded before `now` less the retention period, in batches.
 * @returns how many were deleted
 */
export async function deleteOldCourierPositions(
  deps: RetentionDeps,
  now: Date = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - deps.config.courierPositions.retentionHours * 3_600_000);
  let deleted = 0;
  for (;;) {
    // SKIP LOCKED: a second worker on the same tick takes other rows rather than waiting on these.
    const count = await deps.prisma.$executeRaw`
      DELETE FROM "CourierPosition" WHERE "id" IN (
        SELECT "id" FROM "CourierPosition" WHERE "recordedAt" < ${before}
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`;
    deleted += count;
    if (count < BATCH) return deleted;
  }
}

/** The task graphile-worker runs on each cron tick. */
export function createDeleteOldCourierPositionsTask(deps: RetentionDeps): Task {
  return async () => {
    const deleted = await deleteOldCourierPositions(deps);
    if (deleted) deps.log.info({ component: 'jobs', deleted }, 'old courier positions deleted');
  };
}
