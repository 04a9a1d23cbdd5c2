/**
 * Benchmark of the orders CSV export (GET /reports/orders.csv) over real HTTP: a year of 100,000 orders
 * beside a month of 1,000 in the same shop and the same run. Prints time, bytes, rows, rows/s, the
 * process's peak RSS and heap while each file streams (sampled every 10 ms), and its live heap (after a
 * full collection, sampled every second), so "bounded memory" shows as the live heap and RSS not growing
 * with the rows. The orders are inserted in SQL (test/bulk-orders.ts), not created through the API.
 *
 *   pnpm --filter @posy/server bench:csv          # BENCH_CSV_ORDERS=10000 for a quicker run
 */
import { createPrismaClient } from '@posy/prisma/client';
import { DEMO_API_KEY, DEMO_SHOP_SLUG, seed } from '@posy/prisma/seed';
import { cloneDatabase, createTemplateDatabase, startTestPostgres } from '@posy/prisma/test-database';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { insertBulkOrders } from '../test/bulk-orders.js';

const LARGE = Number(process.env.BENCH_CSV_ORDERS ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
const SMALL = 1_000;

const postgres = await startTestPostgres();
const template = await createTemplateDatabase(postgres.adminUrl);
const database = await cloneDatabase(postgres.adminUrl, template);
const prisma = createPrismaClient(database.databaseUrl);
await seed(prisma);
const shop = await prisma.shop.findUniqueOrThrow({ where: { slug: DEMO_SHOP_SLUG } });
let seeding = performance.now();
// January 2025: the small file; March 2025 to February 2026, one every ~5 minutes: the year.
await insertBulkOrders(prisma, {
  shopId: shop.id,
  count: SMALL,
  from: new Date('2025-01-01T06:00:00Z'),
  spacingSeconds: 2400,
  unitCostMinor: 700,
});
await insertBulkOrders(prisma, {
  shopId: shop.id,
  count: LARGE,
  from: new Date('2025-03-01T06:00:00Z'),
  spacingSeconds: Math.floor((365 * 86_400) / LARGE),
  unitCostMinor: 700,
});
await prisma.$executeRaw`ANALYZE`;
seeding = performance.now() - seeding;

const app = buildApp(
  parseConfig({
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.databaseUrl,
    REDIS_URL: '',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    JOBS_ENABLED: 'false',
  }),
);
const running = await app.start();

/** Streams one file, discarding its bytes as they come, and samples memory meanwhile. */
async function exportOnce(from: string, to: string) {
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  let peakLive = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 10);
  // What the export holds on to, without the garbage V8 has not collected yet: the heap after a full
  // collection, once a second (a pause of tens of ms each, which the time includes).
  const liveSampler = setInterval(() => {
    gc?.();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  }, 1000);
  const started = performance.now();
  const response = await fetch(`${running.url}/reports/orders.csv?from=${from}&to=${to}`, {
    headers: { 'x-api-key': DEMO_API_KEY },
  });
  if (response.status !== 200)
    throw new Error(`export answered ${response.status}: ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  clearInterval(liveSampler);
  return {
    rows: lines - 1,
    'time s': round(ms / 1000),
    'MB sent': round(bytes / 2 ** 20),
    'rows/s': Math.round(((lines - 1) / ms) * 1000),
    'RSS before MB': round(before.rss / 2 ** 20),
    'peak RSS MB': round(peakRss / 2 ** 20),
    'RSS growth MB': round((peakRss - before.rss) / 2 ** 20),
    'peak heap MB': round(peakHeap / 2 ** 20),
    'live heap MB': round(peakLive / 2 ** 20),
  };
}

// Warm-up (connections, JIT), then the baseline, the year, and the baseline again.
await exportOnce('2025-01-01', '2025-01-08');
const small = await exportOnce('2025-01-01', '2025-02-01');
const large = await exportOnce('2025-03-01', '2026-03-01');
const smallAgain = await exportOnce('2025-01-01', '2025-02-01');

await app.stop();
await prisma.$disconnect();
await database.drop();
await postgres.stop();

console.log(
  `\nPosy orders CSV bench: Node ${process.version}, ${process.platform}/${process.arch}; seeded in ${round(seeding / 1000)} s\n`,
);
const columns = [`${SMALL} orders`, `${LARGE} orders`, `${SMALL} again`];
console.log(`${'metric'.padEnd(16)}${columns.map((c) => c.padStart(16)).join('')}`);
for (const metric of Object.keys(small) as (keyof typeof small)[]) {
  console.log(
    `${metric.padEnd(16)}${[small, large, smallAgain].map((r) => String(r[metric]).padStart(16)).join('')}`,
  );
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}
