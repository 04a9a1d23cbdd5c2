// The set-based side of the outbox, for scans that find their recipients with one query (src/jobs/scans.ts):
// every candidate row becomes a Notification and its send job in ONE statement, so a scan of 100k rows is
// one round trip, and two workers running the same scan at once queue each dedupe key once (the second
// insert of a key waits for the first to commit, then does nothing, and only inserted rows get a job).
import { Prisma } from '@posy/prisma';
import type { Database } from '../../transaction.js';
import { JOB_MAX_ATTEMPTS, SEND_NOTIFICATION_TASK } from './notifications.service.js';

/**
 * A UUIDv7 made in SQL (PostgreSQL 15 has no uuidv7()), so rows the scans insert sort by time with those the
 * app inserts (Prisma's `uuid(7)`): the millisecond clock in the first 48 bits, version and variant bits set.
 */
const UUID_V7 = Prisma.sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
  FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

/** `ts` (a Prisma DateTime column: UTC without zone) as JavaScript's `toISOString()` writes it. */
export const isoText = (ts: Prisma.Sql) => Prisma.sql`to_char(${ts}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface CandidateQuery {
  /**
   * A SELECT with the columns "userId" (uuid), "shopId" (uuid or null), "kind" (text, a NotificationKind),
   * "payload" (jsonb, the kind's payload as the bot's templates take it) and "dedupeKey" (text); any others
   * are there for `alsoDo`.
   */
  candidates: Prisma.Sql;
  /** A data-modifying statement run in the same statement, reading the candidates as `candidate`. */
  alsoDo?: Prisma.Sql;
}

/**
 * Queues a notification for every candidate whose dedupe key is new, with its send job.
 * @returns how many were queued
 */
export async function enqueueNotificationsFrom(db: Database, query: CandidateQuery): Promise<number> {
  const [row] = await db.$queryRaw<[{ queued: number }]>`
    WITH candidate AS (${query.candidates}),
    inserted AS (
      INSERT INTO "Notification" ("id", "userId", "shopId", "kind", "payload", "locale", "dedupeKey", "updatedAt")
      SELECT ${UUID_V7}, c."userId", c."shopId", c."kind"::"NotificationKind", c."payload", u."locale",
             c."dedupeKey", now()
      FROM candidate c JOIN "User" u ON u."id" = c."userId"
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "id"
    ),
    ${query.alsoDo ? Prisma.sql`also AS (${query.alsoDo}),` : Prisma.empty}
    -- The job key is notificationJobKey's, written in SQL: the worker and runJobNow find the job by it.
    jobs AS (
      SELECT j."id" FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW(${SEND_NOTIFICATION_TASK}, json_build_object('notificationId', i."id"::text), NULL, NULL,
                   ${JOB_MAX_ATTEMPTS}::int, 'notification:' || i."id", NULL, NULL)::graphile_worker.job_spec
        FROM inserted i)) j
    )
    SELECT count(*)::int AS queued FROM jobs`;
  return row.queued;
}
