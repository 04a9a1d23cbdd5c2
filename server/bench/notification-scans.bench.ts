/**
 * The notification scans at scale (issue 11): in a fresh database, 100k subscriptions, 100k stock batches and
 * 100k important dates over four shops in four time zones, seeded set-based. For each scan it prints the
 * median of 5 runs of its one statement on the first run (everything in the window queued; each of the 5 in
 * a transaction rolled back, so each finds the same work) and on a repeat run (everything already told),
 * beside the candidate query alone with its index and, as the baseline, with index and bitmap scans off
 * (a sequential scan); then EXPLAIN (ANALYZE, BUFFERS) of the candidate query, showing the index it uses.
 *
 *   pnpm --filter @posy/server bench:scans
 */
import { loadavg } from 'node:os';
import { Prisma } from '@posy/prisma';
import { createPrismaClient } from '@posy/prisma/client';
import { cloneDatabase, createTemplateDatabase, startTestPostgres } from '@posy/prisma/test-database';
import { importantDatesQuery, scanImportantDates } from '../src/features/customers/important-date.scan.js';
import type { CandidateQuery } from '../src/features/notifications/enqueue-from-query.js';
import { batchesExpiringQuery, scanBatchesExpiring } from '../src/features/stock/batch-expiry.scan.js';
import {
  scanSubscriptionsEnding,
  subscriptionsEndingQuery,
} from '../src/features/subscriptions/subscription-ending.scan.js';
import { migrateJobQueue } from '../src/jobs/job-queue.js';
import type { Database } from '../src/transaction.js';

const ROWS = 100_000;
const RUNS = 5;
const HOURS_SPREAD = 2_400; // subscriptions end and batches expire over 100 days
const SUBSCRIPTION_NOTICE_HOURS = 72;
const BATCH_NOTICE_HOURS = 24;

const postgres = await startTestPostgres();
const template = await createTemplateDatabase(postgres.adminUrl);
const database = await cloneDatabase(postgres.adminUrl, template);
await migrateJobQueue(database.databaseUrl);
const prisma = createPrismaClient(database.databaseUrl);
const now = new Date();

const seedStart = performance.now();
await prisma.$executeRaw`
  INSERT INTO "Shop" ("id", "name", "slug", "timezone", "updatedAt")
  SELECT gen_random_uuid(), 'Bench shop ' || z.n, 'bench-' || z.n, z.zone, now()
  FROM (VALUES (0, 'Europe/Moscow'), (1, 'Asia/Vladivostok'), (2, 'Europe/Kaliningrad'), (3, 'America/New_York'))
       AS z (n, zone)`;
await prisma.$executeRaw`
  INSERT INTO "User" ("id", "name", "locale", "telegramId", "updatedAt")
  SELECT gen_random_uuid(), 'Bench user ' || i, CASE WHEN i % 2 = 0 THEN 'ru' ELSE 'en' END, 5000000000 + i, now()
  FROM generate_series(1, ${ROWS}) i`;
// One customer per user, its shop by the user's number; every shop gets one admin with Telegram.
await prisma.$executeRaw`
  INSERT INTO "Customer" ("id", "shopId", "userId", "name", "updatedAt")
  SELECT gen_random_uuid(), s."id", u."id", u."name", now()
  FROM "User" u JOIN "Shop" s ON s."slug" = 'bench-' || ((u."telegramId" - 5000000000) % 4)`;
await prisma.$executeRaw`
  INSERT INTO "Membership" ("id", "userId", "shopId", "role")
  SELECT gen_random_uuid(), c."userId", c."shopId", 'ADMIN'
  FROM (SELECT DISTINCT ON ("shopId") "userId", "shopId" FROM "Customer" ORDER BY "shopId", "userId") c`;
await prisma.$executeRaw`
  INSERT INTO "Subscription" ("id", "shopId", "customerId", "plan", "frequency", "priceMinor", "validFrom",
                              "validUntil", "updatedAt")
  SELECT gen_random_uuid(), c."shopId", c."id", 'Weekly', 'WEEKLY', 1000, ${now}::timestamp - interval '30 days',
         ${now}::timestamp + make_interval(hours => (row_number() OVER () % ${HOURS_SPREAD})::int) + interval '30 minutes',
         now()
  FROM "Customer" c`;
await prisma.$executeRaw`
  INSERT INTO "StockItem" ("id", "shopId", "name", "unit", "updatedAt")
  SELECT gen_random_uuid(), s."id", 'Rose ' || i, 'STEM', now()
  FROM "Shop" s CROSS JOIN generate_series(1, 250) i`;
await prisma.$executeRaw`
  WITH item AS (SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS n FROM "StockItem")
  INSERT INTO "StockBatch" ("id", "stockItemId", "quantityReceived", "quantityRemaining", "unitCostMinor", "expiresAt")
  SELECT gen_random_uuid(), item."id", 10, 10, 100,
         ${now}::timestamp + make_interval(hours => i % ${HOURS_SPREAD}) + interval '30 minutes'
  FROM generate_series(1, ${ROWS}) i JOIN item ON item.n = i % 1000`;
// Every day of the (leap) year alike, reminded 0 to 14 days before.
await prisma.$executeRaw`
  INSERT INTO "ImportantDate" ("id", "customerId", "kind", "title", "month", "day", "remindDaysBefore")
  SELECT gen_random_uuid(), c."id", 'BIRTHDAY', 'Birthday',
         extract(month FROM DATE '2000-01-01' + (c.n % 366)::int)::int, extract(day FROM DATE '2000-01-01' + (c.n % 366)::int)::int,
         (c.n % 15)::int
  FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS n FROM "Customer") c`;
await prisma.$executeRaw`ANALYZE`;
const seedSeconds = (performance.now() - seedStart) / 1000;

interface Scan {
  name: string;
  run: (db: Database) => Promise<number>;
  query: CandidateQuery;
}
const scans: Scan[] = [
  {
    name: 'subscriptions ending',
    run: (db) => scanSubscriptionsEnding(db, SUBSCRIPTION_NOTICE_HOURS, now),
    query: subscriptionsEndingQuery(SUBSCRIPTION_NOTICE_HOURS, now),
  },
  {
    name: 'batches expiring',
    run: (db) => scanBatchesExpiring(db, BATCH_NOTICE_HOURS, now),
    query: batchesExpiringQuery(BATCH_NOTICE_HOURS, now),
  },
  { name: 'important dates', run: (db) => scanImportantDates(db, now), query: importantDatesQuery(now) },
];

class RolledBack extends Error {}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The candidate query alone, counted, in a transaction with `settings` (SET LOCAL …) first. */
async function candidateRun(query: CandidateQuery, settings: Prisma.Sql[], explain = false) {
  return prisma.$transaction(async (tx) => {
    for (const setting of settings) await tx.$executeRaw(setting);
    if (explain) {
      const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query.candidates}`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    }
    const [row] = await tx.$queryRaw<[{ n: number }]>(
      Prisma.sql`SELECT count(*)::int AS n FROM (${query.candidates}) c`,
    );
    return String(row.n);
  });
}
const SEQUENTIAL = [
  Prisma.sql`SET LOCAL enable_indexscan = off`,
  Prisma.sql`SET LOCAL enable_bitmapscan = off`,
];

console.log(
  `seeded ${ROWS} subscriptions, ${ROWS} stock batches, ${ROWS} important dates over 4 shops in ${seedSeconds.toFixed(1)} s`,
);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);

for (const scan of scans) {
  const indexed: number[] = [];
  const sequential: number[] = [];
  let candidates = '';
  for (let i = 0; i < RUNS; i++) {
    const withIndex = await timed(() => candidateRun(scan.query, []));
    const withoutIndex = await timed(() => candidateRun(scan.query, SEQUENTIAL));
    if (withIndex.value !== withoutIndex.value) throw new Error(`${scan.name}: plans disagree`);
    candidates = withIndex.value;
    indexed.push(withIndex.ms);
    sequential.push(withoutIndex.ms);
  }
  const explained = await candidateRun(scan.query, [], true);
  const baselinePlan = await candidateRun(scan.query, SEQUENTIAL, true);
  const first: number[] = [];
  let queued = 0;
  for (let i = 0; i < RUNS; i++) {
    const result = await prisma
      .$transaction(async (tx) => {
        const run = await timed(() => scan.run(tx));
        throw Object.assign(new RolledBack(), { run });
      })
      .catch((error: unknown) => {
        if (error instanceof RolledBack)
          return (error as RolledBack & { run: { ms: number; value: number } }).run;
        throw error;
      });
    first.push(result.ms);
    queued = result.value;
  }
  const told = await scan.run(prisma);
  const repeat: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await timed(() => scan.run(prisma));
    if (run.value !== 0) throw new Error(`${scan.name}: a repeat run queued ${run.value}`);
    repeat.push(run.ms);
  }
  console.log(`== ${scan.name}: ${candidates} candidates, ${queued} queued on a first run (${told} kept)`);
  console.log(`   scan statement, first run  (median of ${RUNS}): ${ms(median(first))}`);
  console.log(`   scan statement, repeat run (median of ${RUNS}): ${ms(median(repeat))}`);
  console.log(`   candidate query with its index          : ${ms(median(indexed))}`);
  console.log(`   baseline, index and bitmap scans off    : ${ms(median(sequential))}`);
  console.log(`   EXPLAIN (ANALYZE, BUFFERS):\n${indent(explained)}`);
  console.log(`   baseline plan:\n${indent(baselinePlan)}\n`);
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

function indent(text: string) {
  return text
    .split('\n')
    .map((line) => `     ${line}`)
    .join('\n');
}

await prisma.$disconnect();
await database.drop();
await postgres.stop();
