/**
 * Benchmark of the reads every screen leans on: the orders board (a page of 50 orders with customers,
 * items and products) and one order with its history, over the real schema, in process (yoga.fetch),
 * against a shop with 2,000 orders; and of createOrder over real HTTP (bench/create-orders.ts), one at a
 * time and 8 at once. Prints latency, throughput and memory beside bench/baseline.json.
 *
 *   pnpm bench                      # compare with the baseline
 *   pnpm bench -- --save-baseline   # make this run the baseline
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@posy/prisma/client';
import { DEMO_API_KEY, seed } from '@posy/prisma/seed';
import { cloneDatabase, createTemplateDatabase, startTestPostgres } from '@posy/prisma/test-database';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { concurrentThroughput, prepareCreateOrders } from './create-orders.js';

const ORDERS = 2_000;
const ITERATIONS = 300;
const baselineFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline.json');

const BOARD = `{ orders(first: 50) { totalCount edges { node { number status total { amountMinor }
  customer { name } items { quantity product { name } } } } } }`;
const ONE = `query ($id: ID!) { order(id: $id) { number status events { toStatus at } items { productName } customer { name } } }`;

const postgres = await startTestPostgres();
const template = await createTemplateDatabase(postgres.adminUrl);
const database = await cloneDatabase(postgres.adminUrl, template);
const prisma = createPrismaClient(database.databaseUrl);
await seed(prisma);
await addOrders(prisma, ORDERS);

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
    RATE_LIMIT_API_KEY_PER_MINUTE: '1000000',
    RATE_LIMIT_IP_PER_MINUTE: '1000000',
  }),
);
const running = await app.start();
const anOrder = await prisma.order.findFirstOrThrow({ orderBy: { number: 'desc' } });
const orderId = Buffer.from(`Order:${anOrder.id}`).toString('base64url');

async function call(query: string, variables: Record<string, unknown> = {}) {
  const response = await running.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

async function measure(name: string, run: () => Promise<void>) {
  for (let i = 0; i < 30; i++) await run();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return {
    [`${name} p50 ms`]: round(at(0.5)),
    [`${name} p95 ms`]: round(at(0.95)),
    [`${name} req/s`]: round((ITERATIONS / total) * 1000),
  };
}

const createOrder = await prepareCreateOrders(prisma, running.url);
const timings = {
  ...(await measure('board', () => call(BOARD))),
  ...(await measure('order', () => call(ONE, { id: orderId }))),
  // After the reads, so the orders it adds do not change what they measure.
  ...(await measure('create', createOrder)),
  'create ×8 req/s': await concurrentThroughput(createOrder, ITERATIONS, 8),
};
// Memory after a full collection (`--expose-gc`), so it is what the server keeps, not garbage in waiting.
(globalThis as { gc?: () => void }).gc?.();
const figures: Record<string, number> = {
  ...timings,
  'rss MB': round(process.memoryUsage().rss / 2 ** 20),
  'heap used MB': round(process.memoryUsage().heapUsed / 2 ** 20),
};

await app.stop();
await prisma.$disconnect();
await database.drop();
await postgres.stop();

const baseline = await readFile(baselineFile, 'utf8')
  .then((text) => JSON.parse(text) as { figures: Record<string, number>; note: string })
  .catch(() => null);
console.log(`\nPosy bench: ${ORDERS} orders, ${ITERATIONS} iterations each, Node ${process.version}`);
console.log(`baseline: ${baseline?.note ?? 'none (run with --save-baseline)'}\n`);
console.log(`${'metric'.padEnd(18)}${'baseline'.padStart(12)}${'now'.padStart(12)}${'change'.padStart(10)}`);
for (const [metric, now] of Object.entries(figures)) {
  const before = baseline?.figures[metric];
  const change = before ? `${(((now - before) / before) * 100).toFixed(1)}%` : '';
  console.log(
    `${metric.padEnd(18)}${String(before ?? '–').padStart(12)}${String(now).padStart(12)}${change.padStart(10)}`,
  );
}
if (process.argv.includes('--save-baseline')) {
  const note = `${new Date().toISOString().slice(0, 10)}, ${process.platform}/${process.arch}, Node ${process.version}`;
  await writeFile(baselineFile, `${JSON.stringify({ note, figures }, null, 2)}\n`);
  console.log(`\nsaved as the baseline (${baselineFile})`);
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}

/** Many orders with an item each, spread over the demo shop's customers and products. */
async function addOrders(db: typeof prisma, count: number) {
  const shop = await db.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
  const customers = await db.customer.findMany({ where: { shopId: shop.id } });
  const products = await db.product.findMany({ where: { shopId: shop.id } });
  const statuses = ['NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY', 'DELIVERED'] as const;
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const n = shop.lastOrderNumber + start + i + 1;
      const product = products[n % products.length]!;
      return { n, product, customer: customers[n % customers.length]! };
    });
    const orders = await db.order.createManyAndReturn({
      data: batch.map(({ n, customer, product }) => ({
        shopId: shop.id,
        number: n,
        customerId: customer.id,
        status: statuses[n % statuses.length]!,
        currency: shop.currency,
        subtotalMinor: product.priceMinor,
        totalMinor: product.priceMinor,
        fulfillment: 'PICKUP' as const,
      })),
      select: { id: true, number: true },
    });
    await db.orderItem.createMany({
      data: orders.map((order) => {
        const product = batch.find((b) => b.n === order.number)!.product;
        return {
          orderId: order.id,
          productId: product.id,
          productName: product.name,
          quantity: 1,
          unitPriceMinor: product.priceMinor,
          unitCostMinor: 0,
          totalMinor: product.priceMinor,
        };
      }),
    });
  }
  await db.shop.update({ where: { id: shop.id }, data: { lastOrderNumber: { increment: count } } });
}
