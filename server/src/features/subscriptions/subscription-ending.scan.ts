// The subscription ending scan (a graphile cron, src/jobs/scans.ts): customers whose ACTIVE subscription ends
// within SUBSCRIPTION_ENDING_NOTICE_HOURS are told once per end date (SUBSCRIPTION_ENDING, a Mini App button
// to renew). `endingNoticeFor` records the end date told, so later runs skip the row on the index
// (status, validUntil); a renewal is a new end date, told again when it nears.
import { Prisma } from '@posy/prisma';
import type { Database } from '../../transaction.js';
import {
  type CandidateQuery,
  enqueueNotificationsFrom,
  isoText,
} from '../notifications/enqueue-from-query.js';

export const SUBSCRIPTION_ENDING_SCAN = 'scan-subscriptions-ending';

/** @returns how many notices were queued */
export async function scanSubscriptionsEnding(db: Database, noticeHours: number, now = new Date()) {
  if (noticeHours === 0) return 0;
  return enqueueNotificationsFrom(db, subscriptionsEndingQuery(noticeHours, now));
}

/** The scan's candidates (exported for bench/notification-scans.bench.ts, which times and EXPLAINs them). */
export function subscriptionsEndingQuery(noticeHours: number, now: Date): CandidateQuery {
  const until = new Date(now.getTime() + noticeHours * 3_600_000);
  const validUntil = isoText(Prisma.sql`s."validUntil"`);
  return {
    candidates: Prisma.sql`
      SELECT s."id" AS "subscriptionId", s."validUntil", cu."userId", s."shopId", 'SUBSCRIPTION_ENDING' AS "kind",
             jsonb_build_object('subscriptionId', s."id", 'validUntil', ${validUntil}, 'shopName', sh."name") AS "payload",
             'subscription:' || s."id" || ':ending:' || ${validUntil} AS "dedupeKey"
      FROM "Subscription" s
      JOIN "Customer" cu ON cu."id" = s."customerId"
      JOIN "User" u ON u."id" = cu."userId" AND u."telegramId" IS NOT NULL
      JOIN "Shop" sh ON sh."id" = s."shopId"
      WHERE s."status" = 'ACTIVE' AND s."validUntil" > ${now} AND s."validUntil" <= ${until}
        AND s."endingNoticeFor" IS DISTINCT FROM s."validUntil"`,
    alsoDo: Prisma.sql`
      UPDATE "Subscription" s SET "endingNoticeFor" = c."validUntil"
      FROM candidate c WHERE s."id" = c."subscriptionId"`,
  };
}
