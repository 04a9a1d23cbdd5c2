/**
 * A change to the request path measured against the code before it, in one run: this tree's server and
 * another checkout's (e.g. main), each in a process of its own (bench/live-server.ts) on the same bench
 * database, loaded by wrk in interleaved rounds beside the raw sides (bench/raw-board.ts), so a busy
 * machine's load falls on all alike. `{ __typename }` and the orders board; req/s and p50 per side.
 *
 *   pnpm --filter @posy/server exec tsx bench/compare-trees.ts /path/to/other/checkout/server
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@posy/prisma/client';
import { DEMO_API_KEY, seed } from '@posy/prisma/seed';
import { cloneDatabase, createTemplateDatabase, startTestPostgres } from '@posy/prisma/test-database';
import { addOrders } from './add-orders.js';
import { startRaw } from './child-servers.js';
import { compareOverHttp } from './http-load.js';
import { BOARD_QUERY } from './statements.js';

const other = process.argv[2];
if (!other) throw new Error('usage: tsx bench/compare-trees.ts <other checkout>/server');
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const postgres = await startTestPostgres();
const database = await cloneDatabase(postgres.adminUrl, await createTemplateDatabase(postgres.adminUrl));
const prisma = createPrismaClient(database.databaseUrl);
await seed(prisma);
await addOrders(prisma, 2_000);
await prisma.$executeRawUnsafe('ANALYZE');

// As orders-list.bench.ts configures its server: no Redis, no jobs, limits out of the way.
const env = {
  ...process.env,
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: '0',
  DATABASE_URL: database.databaseUrl,
  REDIS_URL: '',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  JOBS_ENABLED: 'false',
  MIGRATE_ON_START: 'false',
  RATE_LIMIT_API_KEY_PER_MINUTE: '1000000',
  RATE_LIMIT_IP_PER_MINUTE: '1000000',
};
const start = (dir: string) =>
  new Promise<{ url: string; child: ChildProcess }>((resolve, reject) => {
    const child = fork(path.join(dir, 'bench/live-server.ts'), {
      cwd: dir,
      env,
      execArgv: ['--import', 'tsx'],
    });
    child.once('message', (message) => resolve({ url: (message as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`the server in ${dir} exited (${code})`)));
  });
const [now, before] = await Promise.all([start(here), start(path.resolve(other))]);
const raw = await startRaw(database.databaseUrl);

const typename = JSON.stringify({ query: '{ __typename }' });
const board = JSON.stringify({ query: BOARD_QUERY, variables: { first: 50 } });
const key = { 'x-api-key': DEMO_API_KEY };
const figures = await compareOverHttp(
  [
    {
      name: 'typename, this tree',
      url: `${now.url}/graphql`,
      body: typename,
      headers: {},
      pid: now.child.pid!,
    },
    {
      name: 'typename, other tree',
      url: `${before.url}/graphql`,
      body: typename,
      headers: {},
      pid: before.child.pid!,
    },
    { name: 'bare node:http', url: raw.bareUrl, body: typename, headers: {}, pid: raw.pid },
    { name: 'board, this tree', url: `${now.url}/graphql`, body: board, headers: key, pid: now.child.pid! },
    {
      name: 'board, other tree',
      url: `${before.url}/graphql`,
      body: board,
      headers: key,
      pid: before.child.pid!,
    },
    { name: 'raw board', url: raw.boardUrl, body: board, headers: key, pid: raw.pid },
  ],
  Number(process.env.BENCH_ROUNDS ?? 5),
  Number(process.env.BENCH_SECONDS ?? 3),
);
const bare = figures['bare node:http']!['req/s'];
const rawBoard = figures['raw board']!['req/s'];
console.table(
  Object.fromEntries(
    Object.entries(figures).map(([side, f]) => [
      side,
      {
        'req/s': Math.round(f['req/s']),
        'p50 ms': Math.round(f['p50 ms'] * 100) / 100,
        '÷ raw side': Math.round((f['req/s'] / (/typename|bare/.test(side) ? bare : rawBoard)) * 1000) / 1000,
      },
    ]),
  ),
);

const stopped = (server: { child: ChildProcess }) =>
  new Promise((resolve) => {
    server.child.once('exit', resolve);
    server.child.send('stop');
  });
await Promise.all([stopped(now), stopped(before), raw.stop()]);
await prisma.$disconnect();
await database.drop();
await postgres.stop();
