/**
 * Commit-to-receipt latency of live updates (issue 10): 1,000 graphql-ws subscribers of
 * `shopOrderChanged`, split over two server replicas on one Redis, and the same 1,000 on one server with
 * in-process pub/sub, beside it in the same run. Each server is a process of its own (bench/live-server.ts);
 * the subscribers (real WebSockets, the demo API key) and the writer are this process.
 *
 * Per round the writer changes one order through `updateOrder` over HTTP on the first server and waits
 * until every subscriber heard it. The receipt is timed when a subscriber's message arrives; the commit
 * is read from the payload's `updatedAt`, which Prisma stamps in the mutation's transaction just before
 * the order event and audit entry are written and the transaction commits: latency from it is an upper
 * bound of commit-to-receipt, by those few writes. The latency from the mutation's HTTP answer (sent
 * after the commit and the publish) is printed beside it; it can be below zero.
 *
 *   pnpm --filter @posy/server bench:live     # needs REDIS_URL for the two-replica figures
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@posy/prisma/client';
import { DEMO_API_KEY, seed } from '@posy/prisma/seed';
import { cloneDatabase, createTemplateDatabase, startTestPostgres } from '@posy/prisma/test-database';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

const SUBSCRIBERS = 1_000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 30;
const ROUND_TIMEOUT_MS = 15_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const redisUrl = process.env.REDIS_URL;

const postgres = await startTestPostgres();
const template = await createTemplateDatabase(postgres.adminUrl);
const database = await cloneDatabase(postgres.adminUrl, template);
const prisma = createPrismaClient(database.databaseUrl);
await seed(prisma);
const order = await prisma.order.findFirstOrThrow({ where: { status: 'NEW' }, orderBy: { number: 'asc' } });
const orderId = Buffer.from(`Order:${order.id}`).toString('base64url');
const dataDir = await mkdtemp(path.join(tmpdir(), 'posy-bench-live-'));

/** Wall-clock time with sub-millisecond resolution (updatedAt is wall-clock too). */
const now = () => performance.timeOrigin + performance.now();

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = fork(path.join(here, 'live-server.ts'), {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: database.databaseUrl,
      DATA_DIR: dataDir,
      WEBAPP_DIST: path.join(dataDir, 'no-webapp'),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      MIGRATE_ON_START: 'false',
      RATE_LIMIT_IP_PER_MINUTE: '10000000',
      RATE_LIMIT_API_KEY_PER_MINUTE: '10000000',
      ...env,
    },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

interface Receipts {
  /** Per version: when each subscriber heard it. */
  heard: Map<number, number[]>;
  updatedAt: Map<number, number>;
}

/** `count` subscribers spread evenly over `urls`; resolves once each has connected. */
async function subscribe(urls: string[], count: number, receipts: Receipts) {
  const clients: Client[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, i) => {
      const url = urls[(start + i) % urls.length]!;
      return new Promise<Client>((resolve, reject) => {
        const client = createClient({
          url: `${url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { apiKey: DEMO_API_KEY },
          lazy: false,
          retryAttempts: 0,
          on: { connected: () => resolve(client), error: reject },
        });
        client.subscribe(
          { query: 'subscription { shopOrderChanged { id version updatedAt } }' },
          {
            next: (result) => {
              const at = now();
              const changed = (result.data as { shopOrderChanged?: { version: number; updatedAt: string } })
                ?.shopOrderChanged;
              if (!changed) return;
              receipts.updatedAt.set(changed.version, Date.parse(changed.updatedAt));
              const heard = receipts.heard.get(changed.version) ?? [];
              heard.push(at);
              receipts.heard.set(changed.version, heard);
            },
            error: (error) => console.error('subscription failed', error),
            complete: () => {},
          },
        );
      });
    });
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

/** Changes the order on `url`; answers its new version and when the answer arrived. */
async function change(url: string, version: number) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
    body: JSON.stringify({
      query: `mutation ($id: ID!, $version: Int!, $card: String) { updateOrder(id: $id, version: $version, patch: { cardText: $card }) {
        __typename ... on MutationUpdateOrderSuccess { data { version } } } }`,
      variables: { id: orderId, version, card: `bench ${version}` },
    }),
  });
  const body = (await response.json()) as { data?: { updateOrder: { data?: { version: number } } } };
  const answeredAt = now();
  const next = body.data?.updateOrder.data?.version;
  if (next === undefined) throw new Error(`updateOrder failed: ${JSON.stringify(body)}`);
  return { version: next, answeredAt };
}

async function scenario(name: string, servers: Server[]) {
  const receipts: Receipts = { heard: new Map(), updatedAt: new Map() };
  const clients = await subscribe(
    servers.map((server) => server.url),
    SUBSCRIBERS,
    receipts,
  );
  // Every subscriber listens once a change reaches all of them; the warm-up rounds wait for that.
  let version = (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).version;
  const fromCommit: number[] = [];
  const fromAnswer: number[] = [];
  let missed = 0;
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const answer = await change(servers[0]!.url, version);
    version = answer.version;
    const deadline = Date.now() + ROUND_TIMEOUT_MS;
    while ((receipts.heard.get(version)?.length ?? 0) < SUBSCRIBERS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const heard = receipts.heard.get(version) ?? [];
    if (round < WARMUP_ROUNDS) continue;
    missed += SUBSCRIBERS - heard.length;
    const committed = receipts.updatedAt.get(version) ?? Number.NaN;
    for (const at of heard) {
      fromCommit.push(at - committed);
      fromAnswer.push(at - answer.answeredAt);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await Promise.all(clients.map((client) => client.dispose()));
  return {
    name,
    'commit p50 ms': percentile(fromCommit, 0.5),
    'commit p99 ms': percentile(fromCommit, 0.99),
    'answer p50 ms': percentile(fromAnswer, 0.5),
    'answer p99 ms': percentile(fromAnswer, 0.99),
    missed,
  };
}

function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}

const results = [];
{
  const single = await startServer({ REDIS_URL: '' });
  results.push(await scenario('one process, in-process pub/sub', [single]));
  await single.stop();
}
if (redisUrl) {
  const replicas = [await startServer({ REDIS_URL: redisUrl }), await startServer({ REDIS_URL: redisUrl })];
  results.push(await scenario('two replicas, Redis pub/sub', replicas));
  await Promise.all(replicas.map((replica) => replica.stop()));
} else {
  console.log('REDIS_URL is not set: the two-replica figures are skipped');
}

await prisma.$disconnect();
await database.drop();
await postgres.stop();
await rm(dataDir, { recursive: true, force: true });

console.log(
  `\nPosy live latency: ${SUBSCRIBERS} subscribers of shopOrderChanged, ${ROUNDS} changes (after ${WARMUP_ROUNDS} warm-up), ` +
    `Node ${process.version}, ${cpus().length} cores`,
);
console.log('"commit": receipt − the order’s updatedAt (stamped in the transaction, just before commit)');
console.log('"answer": receipt − arrival of the mutation’s HTTP answer at the writer\n');
const columns = ['commit p50 ms', 'commit p99 ms', 'answer p50 ms', 'answer p99 ms', 'missed'] as const;
console.log(`${'scenario'.padEnd(34)}${columns.map((c) => c.padStart(15)).join('')}`);
for (const result of results)
  console.log(`${result.name.padEnd(34)}${columns.map((c) => String(result[c]).padStart(15)).join('')}`);
