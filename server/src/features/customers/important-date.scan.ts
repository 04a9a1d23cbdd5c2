// The important-date reminder scan (a graphile cron, src/jobs/scans.ts): a customer with Telegram is told
// remindDaysBefore days before each of their important dates (IMPORTANT_DATE_COMING, a Mini App button into
// the shop's catalog), on that day in the shop's time zone or, should the ticks of that day be missed, up to
// CATCH_UP_DAYS later (never once the date itself has passed). Once per date and year: the dedupe key holds
// the occurrence's year. 29 February falls on 28 February in other years.
//
// Candidates come off the expression index "ImportantDate_reminder_day_idx" (prisma/migrations/
// *_important_date_reminders): the 0-based day of year of (month, day) in the leap year 2000, minus
// remindDaysBefore. That number is the day of year the reminder is due, give or take: in a common year the
// 2000 calendar is one day ahead from 29 February on (dates are checked on the calendar when saved, so never
// more), and an occurrence in next year's calendar gives the due day minus this year's length. So the
// scan asks the index for a handful of numbers around every day that may be "today minus catch-up" to
// "today" somewhere on Earth, and the exact test is done on the rows found.
import { Prisma } from '@posy/prisma';
import type { Database } from '../../transaction.js';
import { type CandidateQuery, enqueueNotificationsFrom } from '../notifications/enqueue-from-query.js';

export const IMPORTANT_DATE_SCAN = 'scan-important-dates';

/** How many days after the due day a reminder not yet sent (e.g. the worker was down) is still sent. */
export const CATCH_UP_DAYS = 2;

const DAY = 86_400_000;

/** The index's expression; it must stay exactly the migration's for the planner to use the index. */
const REMINDER_DAY = Prisma.sql`((make_date(2000, d."month", 1) + (d."day" - 1)) - DATE '2000-01-01' - d."remindDaysBefore")`;

/** @returns how many reminders were queued */
export async function scanImportantDates(db: Database, now = new Date()) {
  return enqueueNotificationsFrom(db, importantDatesQuery(now));
}

/** The scan's candidates (exported for bench/notification-scans.bench.ts, which times and EXPLAINs them). */
export function importantDatesQuery(now: Date): CandidateQuery {
  const occurrence = Prisma.sql`LEAST(make_date(y, d."month", 1) + (d."day" - 1),
                                      (make_date(y, d."month", 1) + interval '1 month')::date - 1)`;
  return {
    candidates: Prisma.sql`
      SELECT cu."userId", cu."shopId", 'IMPORTANT_DATE_COMING' AS "kind",
             jsonb_build_object('importantDateId', d."id", 'title', d."title", 'date', to_char(o.occ, 'YYYY-MM-DD'),
                                'shopName', sh."name", 'shopSlug', sh."slug") AS "payload",
             'important-date:' || d."id" || ':' || o.y AS "dedupeKey"
      FROM "ImportantDate" d
      JOIN "Customer" cu ON cu."id" = d."customerId"
      JOIN "User" u ON u."id" = cu."userId" AND u."telegramId" IS NOT NULL
      JOIN "Shop" sh ON sh."id" = cu."shopId"
      CROSS JOIN LATERAL (SELECT (${now.toISOString()}::timestamptz AT TIME ZONE sh."timezone")::date AS today) t
      CROSS JOIN LATERAL (
        SELECT y, ${occurrence} AS occ
        FROM (VALUES (extract(year FROM t.today)::int), (extract(year FROM t.today)::int + 1)) AS years (y)
      ) o
      WHERE ${REMINDER_DAY} = ANY(${reminderDays(now)}::int[])
        AND o.occ >= t.today
        AND o.occ - d."remindDaysBefore" BETWEEN t.today - ${CATCH_UP_DAYS}::int AND t.today
        AND (d."year" IS NULL OR o.y >= d."year")`,
  };
}

/**
 * Every index value a reminder due between (the earliest "today" on Earth − catch-up) and the latest "today"
 * may have: see the head of this file.
 */
export function reminderDays(now: Date): number[] {
  const days = new Set<number>();
  const utcMidnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // Time zones run from UTC−12 to UTC+14: today is yesterday, today or tomorrow in UTC.
  for (let offset = -1 - CATCH_UP_DAYS; offset <= 1; offset++) {
    const due = new Date(utcMidnight + offset * DAY);
    const year = due.getUTCFullYear();
    const dayOfYear = (due.getTime() - Date.UTC(year, 0, 1)) / DAY;
    for (let shift = 0; shift <= 1; shift++) {
      days.add(dayOfYear + shift);
      days.add(dayOfYear - yearLength(year) + shift);
    }
  }
  return [...days].sort((a, b) => a - b);
}

const yearLength = (year: number) => (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;
