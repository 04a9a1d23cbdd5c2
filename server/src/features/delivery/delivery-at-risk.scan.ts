// The delivery at risk scan (a graphile cron, src/jobs/scans.ts): orders to be delivered whose window ends
// within DELIVERY_AT_RISK_MINUTES and that are not on their way yet, or have no courier, are reported to the
// shop's ADMIN and MANAGER members and the order's courier (those with Telegram), once per order and window
// end: a window moved later is a new fact. The candidates come off the index Order(status, windowEnd).
import { Prisma } from '@posy/prisma';
import type { Database } from '../../transaction.js';
import { enqueueNotificationsFrom, isoText } from '../notifications/enqueue-from-query.js';

export const DELIVERY_AT_RISK_SCAN = 'scan-deliveries-at-risk';

/** @returns how many notices were queued */
export async function scanDeliveriesAtRisk(db: Database, minutes: number, now = new Date()) {
  if (minutes === 0) return 0;
  const until = new Date(now.getTime() + minutes * 60_000);
  return enqueueNotificationsFrom(db, {
    candidates: Prisma.sql`
      WITH at_risk AS (
        SELECT o."id", o."shopId", o."number", o."windowEnd", coalesce(d."courierId", o."courierId") AS "courierId"
        FROM "Order" o LEFT JOIN "Delivery" d ON d."orderId" = o."id"
        WHERE o."status" IN ('NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY', 'OUT_FOR_DELIVERY')
          AND o."fulfillment" = 'DELIVERY'
          AND o."windowEnd" > ${now} AND o."windowEnd" <= ${until}
          AND (d."status" IS NULL OR d."status" NOT IN ('DELIVERED', 'FAILED', 'CANCELLED'))
          AND (coalesce(d."courierId", o."courierId") IS NULL
               OR (o."status" <> 'OUT_FOR_DELIVERY' AND coalesce(d."status"::text, '') NOT IN ('PICKED_UP', 'EN_ROUTE')))
      ),
      recipient AS (
        SELECT a.*, m."userId" FROM at_risk a
        JOIN "Membership" m ON m."shopId" = a."shopId" AND m."role" IN ('ADMIN', 'MANAGER') AND m."revokedAt" IS NULL
        UNION
        SELECT a.*, a."courierId" FROM at_risk a WHERE a."courierId" IS NOT NULL
      )
      SELECT r."userId", r."shopId", 'DELIVERY_WINDOW_AT_RISK' AS "kind",
             jsonb_build_object('orderId', r."id", 'orderNumber', r."number", 'windowEnd', ${isoText(Prisma.sql`r."windowEnd"`)}) AS "payload",
             'order:' || r."id" || ':window-at-risk:' || ${isoText(Prisma.sql`r."windowEnd"`)} || ':to:' || r."userId" AS "dedupeKey"
      FROM recipient r JOIN "User" u ON u."id" = r."userId" AND u."telegramId" IS NOT NULL`,
  });
}
