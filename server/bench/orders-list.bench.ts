/**
 * Benchmark of the reads every screen leans on: the orders board (a page of 50 orders with customers,
 * items and products) and one order with its history, over the real schema, in process (yoga.fetch),
 * against a shop with 2,000 orders; and of createOrder over real HTTP (bench/create-orders.ts), one at a
 * time and 8 at once. Then, over real HTTP from outside (wrk, bench/http-load.ts), Posy as production runs
 * it (`node dist/main.js`, NODE_ENV=production, its own process: bench/child-servers.ts) answering the board
 * beside a raw node:http + pg handler with the same SQL and JSON, and `{ __typename }` beside a bare
 * node:http server (bench/raw-board.ts, a process of its own too), in interleaved rounds; CPU per request
 * is the serving process's. And the SQL statements per request of the
 * ten most used operations at a small and a large page (bench/statements.ts). Prints latency, throughput,
 * ratios and memory beside bench/baseline.json.
 *
 *   pnpm bench                      # compare with the baseline
 *   pnpm bench -- --save-baseline   # make this run the baseline
 *   pnpm bench -- --profile-board     # only load the board over HTTP, printing a CPU profile by package
 *                                     # (of the in-process server, from its sources: readable by package)
 *   pnpm bench -- --profile-typename  # the same for `{ __typename }`, the fixed cost of every request
 *   pnpm bench -- --http-only         # only the HTTP comparison (board, typename, their raw sides)
 *   tsx bench/compare-trees.ts <other checkout>/server   # this tree against another, in one run
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@posy/prisma/client';
import { DEMO_API_KEY, DEMO_PASSWORD, seed } from '@posy/prisma/seed';
import { cloneDatabase, createTemplateDatabase, startTestPostgres } from '@posy/prisma/test-database';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { addLongLists, addOrders } from './add-orders.js';
import { buildServer, startPosy, startRaw } from './child-servers.js';
import { concurrentThroughput, prepareCreateOrders } from './create-orders.js';
import { compareOverHttp } from './http-load.js';
import { compareJoinStrategies } from './join-strategy.js';
import { rssMb } from './processes.js';
import { profileByPackage } from './profile.js';
import { BOARD_QUERY, countStatements, LARGE_PAGE, mostUsedOperations, SMALL_PAGE } from './statements.js';

const ORDERS = 2_000;
const ITERATIONS = 300;
const baselineFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline.json');

const BOARD = `{ orders(first: 50) { totalCount edges { node { number status total { amountMinor }
  customer { name } items { quantity product { name } } } } } }`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ONE = `query ($id: ID!) { order(id: $id) { number status events { toStatus at } items { productName } customer { name } } }`;

const postgres = await startTestPostgres();
const template = await createTemplateDatabase(postgres.adminUrl);
const database = await cloneDatabase(postgres.adminUrl, template);
const prisma = createPrismaClient(database.databaseUrl);
await seed(prisma);
await addOrders(prisma, ORDERS);
const longLists = await addLongLists(prisma);
// Planner statistics, as autovacuum keeps them on a live database: right after a bulk insert they say
// the shop has two orders, and the join strategy's plan then aggregates every order before the LIMIT.
await prisma.$executeRawUnsafe('ANALYZE');

/** The bench's server on the bench database: no Redis, no jobs, limits out of the way; `env` on top. */
const benchApp = (env: Record<string, string> = {}) =>
  buildApp(
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
      ...env,
    }),
  );
const app = benchApp();
const running = await app.start();
const anOrder = await prisma.order.findFirstOrThrow({ orderBy: { number: 'desc' } });
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const orderId = globalId('Order', anOrder.id);

async function call(query: string, variables: Record<string, unknown> = {}) {
  const response = await running.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

/** Over real HTTP, as the HTTP comparison sends it; the access token's headers. */
async function signIn(email: string) {
  const response = await fetch(`${running.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken } }',
      variables: { email, password: DEMO_PASSWORD },
    }),
  });
  const body = (await response.json()) as { data?: { loginWithPassword: { accessToken: string } } };
  return { authorization: `Bearer ${body.data!.loginWithPassword.accessToken}` };
}

/** The raw handler must answer what Posy answers, or the comparison would not be of the same work. */
async function sameAnswers() {
  const answer = (url: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...keyHeaders },
      body: boardBody,
    }).then((r) => r.text());
  const [posy, rawAnswer] = await Promise.all([answer(`${production.url}/graphql`), answer(raw.boardUrl)]);
  if (posy !== rawAnswer)
    throw new Error(`the raw board answers differently:\n${posy.slice(0, 300)}\n${rawAnswer.slice(0, 300)}`);
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

const boardBody = JSON.stringify({ query: BOARD_QUERY, variables: { first: 50 } });
buildServer();
const raw = await startRaw(database.databaseUrl);
const production = await startPosy(database.databaseUrl);
// The same server reading credentials on every request (AUTH_CACHE_SECONDS=0), for the cache's before/after.
const uncached = await startPosy(database.databaseUrl, { AUTH_CACHE_SECONDS: '0' });
const stopChildren = () => Promise.all([raw.stop(), production.stop(), uncached.stop()]);
const keyHeaders = { 'x-api-key': DEMO_API_KEY };
await sameAnswers();
const typenameBody = JSON.stringify({ query: '{ __typename }' });
const profiled = process.argv.includes('--profile-board')
  ? { name: 'board', body: boardBody, headers: keyHeaders }
  : process.argv.includes('--profile-typename')
    ? { name: 'typename', body: typenameBody, headers: {} }
    : null;
if (profiled) {
  // One side under the comparison's load, profiled; the summary is the figure, the file is for a viewer.
  const file = path.join(tmpdir(), `posy-${profiled.name}-${Date.now()}.cpuprofile`);
  let load: unknown;
  const { byPackage, byFunction } = await profileByPackage(async () => {
    load = await compareOverHttp(
      [{ ...profiled, url: `${running.url}/graphql`, pid: process.pid }],
      1,
      Number(process.env.BENCH_SECONDS ?? 15),
    );
  }, file);
  console.log(load);
  console.table(byPackage.slice(0, 15));
  console.table(byFunction);
  console.log(`profile: ${file}`);
  await stopChildren();
  await app.stop();
  await prisma.$disconnect();
  await database.drop();
  await postgres.stop();
  process.exit(0);
}

const http = await compareOverHttp(
  [
    {
      name: 'board',
      url: `${production.url}/graphql`,
      body: boardBody,
      headers: keyHeaders,
      pid: production.pid,
    },
    { name: 'raw board', url: raw.boardUrl, body: boardBody, headers: keyHeaders, pid: raw.pid },
    {
      name: 'typename',
      url: `${production.url}/graphql`,
      body: typenameBody,
      headers: {},
      pid: production.pid,
    },
    { name: 'bare', url: raw.bareUrl, body: typenameBody, headers: {}, pid: raw.pid },
    {
      name: 'keyed typename cached',
      url: `${production.url}/graphql`,
      body: typenameBody,
      headers: keyHeaders,
      pid: production.pid,
    },
    {
      name: 'keyed typename uncached',
      url: `${uncached.url}/graphql`,
      body: typenameBody,
      headers: keyHeaders,
      pid: uncached.pid,
    },
  ],
  ROUNDS,
  SECONDS,
);
const httpFigures = {
  ...Object.fromEntries(
    Object.entries(http).flatMap(([side, figures]) =>
      Object.entries(figures).map(([name, value]) => [`http ${side} ${name}`, round(value)]),
    ),
  ),
  'board ÷ raw req/s': round(http.board!['req/s'] / http['raw board']!['req/s']),
  'typename ÷ bare req/s': round(http.typename!['req/s'] / http.bare!['req/s']),
  'auth cache on ÷ off req/s': round(
    http['keyed typename cached']!['req/s'] / http['keyed typename uncached']!['req/s'],
  ),
};
const idleRss = { 'server rss after load MB': round(rssMb(production.pid)) };
await stopChildren();
if (process.argv.includes('--http-only')) {
  // The comparison alone, for trying a change to the request path: a minute instead of several.
  console.table({ ...httpFigures, ...idleRss });
  await app.stop();
  await prisma.$disconnect();
  await database.drop();
  await postgres.stop();
  process.exit(0);
}

const managerHeaders = await signIn('manager@posy.demo');
const statements = await countStatements(running, mostUsedOperations(orderId), {
  key: keyHeaders,
  manager: managerHeaders,
});
const longListTimings = {
  ...(await measure('order of 50 items', () =>
    call(`query ($id: ID!) { order(id: $id) { number items { quantity productName product { name } } } }`, {
      id: globalId('Order', longLists.orderWith50Items),
    }),
  )),
  ...(await measure('customer of 500 orders', () =>
    call(
      `query ($id: ID!) { node(id: $id) { ... on Customer { name orders(first: 100) { edges { node { number
        items { quantity } } } } } } }`,
      { id: globalId('Customer', longLists.customerWith500Orders) },
    ),
  )),
};

const joinStrategies = await compareJoinStrategies(prisma, { shopId: anOrder.shopId, ...longLists }, 100);

const createOrder = await prepareCreateOrders(prisma, running.url);
const timings = {
  ...httpFigures,
  ...longListTimings,
  ...joinStrategies,
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
  ...idleRss,
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
console.log(`HTTP: wrk, concurrency 10, ${ROUNDS} interleaved rounds of ${SECONDS} s per side, medians`);
console.log(`baseline: ${baseline?.note ?? 'none (run with --save-baseline)'}\n`);
console.log(`${'metric'.padEnd(42)}${'baseline'.padStart(12)}${'now'.padStart(12)}${'change'.padStart(10)}`);
for (const [metric, now] of Object.entries(figures)) {
  const before = baseline?.figures[metric];
  const change = before ? `${(((now - before) / before) * 100).toFixed(1)}%` : '';
  console.log(
    `${metric.padEnd(42)}${String(before ?? '–').padStart(12)}${String(now).padStart(12)}${change.padStart(10)}`,
  );
}
console.log(`\nSQL statements per request (page of ${SMALL_PAGE} → ${LARGE_PAGE})`);
for (const [name, { small, large }] of Object.entries(statements)) {
  console.log(
    `${name.padEnd(18)}${String(small).padStart(4)} → ${String(large).padEnd(4)}${small === large ? '' : ' GROWS'}`,
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
