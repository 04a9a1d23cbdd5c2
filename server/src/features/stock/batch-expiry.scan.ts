// The batch expiry scan (a graphile cron, src/jobs/scans.ts): every ADMIN and MANAGER of the shop with
// Telegram is told of each live batch (stock left, not written off, item not archived) expiring within
// BATCH_EXPIRY_NOTICE_HOURS, once per batch and expiry. One message per batch rather than a daily digest:
// each is one decision (sell it first, or write it off) with its own quantity and time, the BATCH_EXPIRING
// template says exactly that, and it comes when the batch enters the window instead of at a digest hour.
// The candidates come off the index StockBatch(expiresAt).
import { Prisma } from '@posy/prisma';
import type { Database } from '../../transaction.js';
import {
  type CandidateQuery,
  enqueueNotificationsFrom,
  isoText,
} from '../notifications/enqueue-from-query.js';

export const BATCH_EXPIRY_SCAN = 'scan-batches-expiring';

/** @returns how many notices were queued */
export async function scanBatchesExpiring(db: Database, noticeHours: number, now = new Date()) {
  if (noticeHours === 0) return 0;
  return enqueueNotificationsFrom(db, batchesExpiringQuery(noticeHours, now));
}

/** The scan's candidates (exported for bench/notification-scans.bench.ts, which times and EXPLAINs them). */
export function batchesExpiringQuery(noticeHours: number, now: Date): CandidateQuery {
  const until = new Date(now.getTime() + noticeHours * 3_600_000);
  const expiresAt = isoText(Prisma.sql`b."expiresAt"`);
  return {
    candidates: Prisma.sql`
      SELECT m."userId", i."shopId", 'BATCH_EXPIRING' AS "kind",
             jsonb_build_object('stockItemName', i."name", 'quantity', b."quantityRemaining",
                                'unit', lower(i."unit"::text), 'expiresAt', ${expiresAt}) AS "payload",
             'batch:' || b."id" || ':expiring:' || ${expiresAt} || ':to:' || m."userId" AS "dedupeKey"
      FROM "StockBatch" b
      JOIN "StockItem" i ON i."id" = b."stockItemId" AND i."archivedAt" IS NULL
      JOIN "Membership" m ON m."shopId" = i."shopId" AND m."role" IN ('ADMIN', 'MANAGER') AND m."revokedAt" IS NULL
      JOIN "User" u ON u."id" = m."userId" AND u."telegramId" IS NOT NULL
      WHERE b."expiresAt" > ${now} AND b."expiresAt" <= ${until}
        AND b."writtenOffAt" IS NULL AND b."quantityRemaining" > 0`,
  };
}
