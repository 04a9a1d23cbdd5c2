import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { privateMessage, telegramUser } from '@posy/bot/test/updates';
import { createPrismaClient } from '@posy/prisma/client';
import { DEMO_PASSWORD, DEMO_SHOP_SLUG } from '@posy/prisma/seed';
import { type ClonedDatabase, cloneDatabase } from '@posy/prisma/test-database';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { MANAGER, newOrder, touchOrder } from '../src/features/live/live-test-fixtures.js';
import type { TestApp } from './harness.js';
import { liveSubscriber, paramsOf } from './live-subscriber.js';

// Issue 14: docker-compose.yml's topology as real processes of the compiled build on this machine's
// PostgreSQL and Redis: two API replicas (JOBS_ENABLED=false), the job worker and the bot, with Telegram
// played by the fake Bot API. What crosses processes only through PostgreSQL and Redis is checked here.

const serverDir = path.resolve(import.meta.dirname, '..');
const DEADLINE_MS = 20_000;

/** A TCP port free right now, for a process that must be told its port. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `check` until it returns a value other than undefined; fails after DEADLINE_MS. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await Promise.resolve(check()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!process.env.REDIS_URL)('the compose topology as processes', () => {
  const processes: Array<{ name: string; child: ChildProcess; output: string[] }> = [];
  let database: ClonedDatabase;
  let dataDir: string;
  let fake: FakeBotApi;
  let prisma: ReturnType<typeof createPrismaClient>;
  const urls: Record<'a' | 'b' | 'worker', string> = { a: '', b: '', worker: '' };

  function start(name: string, entry: string, env: Record<string, string>) {
    const child = spawn(process.execPath, [path.join(serverDir, 'dist', entry)], {
      cwd: serverDir,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout!.on('data', (chunk) => output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => output.push(String(chunk)));
    processes.push({ name, child, output });
  }

  beforeAll(async () => {
    // The build under test; it takes about a second.
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
      cwd: serverDir,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(path.join(serverDir, 'dist/main.js'))).toBe(true);

    database = await cloneDatabase(inject('adminDatabaseUrl'), inject('seededTemplate'));
    prisma = createPrismaClient(database.databaseUrl);
    dataDir = await mkdtemp(path.join(tmpdir(), 'posy-topology-'));
    fake = await startFakeBotApi();
    const { privateKey } = generateKeyPairSync('ed25519');
    const [portA, portB, portWorker] = [await freePort(), await freePort(), await freePort()];
    const shared = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: database.databaseUrl,
      REDIS_URL: process.env.REDIS_URL!,
      DATA_DIR: dataDir,
      WEBAPP_DIST: path.join(dataDir, 'no-webapp'),
      PUBLIC_URL: 'https://posy.example.com',
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      BOT_TOKEN: fake.token,
      BOT_API_ROOT: fake.apiRoot,
      // Keys of their own on the shared Redis, as in the harness.
      RATE_LIMIT_KEY_PREFIX: `posy-test:${randomUUID()}`,
      BOT_HEARTBEAT_KEY: `posy-test:bot:${randomUUID()}`,
      SUBSCRIPTION_ORDERS_EVERY_MINUTES: '0',
    };
    const replica = { ...shared, JOBS_ENABLED: 'false', RATE_LIMIT_SIGN_IN_IP_PER_15_MINUTES: '1000' };
    start('replica A', 'main.js', { ...replica, PORT: String(portA) });
    start('replica B', 'main.js', { ...replica, PORT: String(portB) });
    start('worker', 'worker.js', { ...shared, PORT: String(portWorker) });
    start('bot', 'telegram-bot.js', {
      ...shared,
      WEBAPP_URL: shared.PUBLIC_URL,
      BOT_USERNAME: 'posy_test_bot',
    });
    urls.a = `http://127.0.0.1:${portA}`;
    urls.b = `http://127.0.0.1:${portB}`;
    urls.worker = `http://127.0.0.1:${portWorker}`;
    for (const url of Object.values(urls))
      await until(`${url}/ready`, async () => ((await fetch(`${url}/ready`)).ok ? true : undefined)).catch(
        (error) => {
          throw new Error(
            `${error.message}\n${processes.map((p) => `${p.name}: ${p.output.join('')}`).join('\n')}`,
          );
        },
      );
  }, 60_000);

  afterAll(async () => {
    // SIGTERM, as compose stops them; each must exit by itself.
    const exits = processes.map(
      ({ child }) =>
        new Promise<number | null>((resolve) => {
          if (child.exitCode !== null) return resolve(child.exitCode);
          child.once('exit', (code) => resolve(code));
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    await fake?.stop();
    await prisma?.$disconnect();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function gql(url: string, query: string, variables: Record<string, unknown>, headers = {}) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: answers of every shape; `any` keeps the test terse.
    return (await response.json()) as { data?: any; errors?: unknown[] };
  }

  async function signIn(url: string) {
    const result = await gql(
      url,
      'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken } }',
      { email: MANAGER, password: DEMO_PASSWORD },
    );
    return { authorization: `Bearer ${result.data.loginWithPassword.accessToken}` };
  }

  test('a subscription on replica A sees an order changed through replica B', async () => {
    const manager = await signIn(urls.b);
    // The live fixtures read through prisma and write through gql; here gql goes to replica B's process.
    const viaB = {
      prisma,
      gql: (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
        gql(urls.b, query, variables, headers),
    } as unknown as TestApp;
    const shop = await prisma.shop.findUniqueOrThrow({ where: { slug: DEMO_SHOP_SLUG } });
    const customer = await prisma.customer.findFirstOrThrow({ where: { shopId: shop.id } });
    const order = await newOrder(viaB, manager, customer.id);
    const onA = await liveSubscriber(
      urls.a,
      paramsOf(manager),
      'subscription { shopOrderChanged { id cardText } }',
    );
    try {
      // Replica A listens on Redis a moment after the subscribe message, a moment longer on a loaded
      // machine: change the order again (through B each time) until A has heard one of the changes.
      const made: string[] = [];
      for (let round = 1; round <= 10 && onA.received.length === 0; round += 1) {
        made.push(`Made on replica B, change ${round}`);
        await touchOrder(viaB, manager, order, { cardText: made.at(-1) });
        await onA.until(1, 1000).catch(() => {});
      }
      const [payload] = await onA.until(1);
      expect(payload!.data!.shopOrderChanged.id).toBe(order);
      expect(made).toContain(payload!.data!.shopOrderChanged.cardText);
    } finally {
      await onA.dispose();
    }
  });

  test('a job queued by a replica (a login code) is run by the worker: Telegram gets the message', async () => {
    const { telegramId } = await prisma.user.findUniqueOrThrow({ where: { email: MANAGER } });
    const result = await gql(urls.a, 'mutation ($email: String!) { requestLoginCode(email: $email) }', {
      email: MANAGER,
    });
    expect(result.errors).toBeUndefined();
    const sent = await until('the login code message', () =>
      fake.calls.find(
        (call) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(telegramId),
      ),
    );
    expect(String(sent.payload.text)).toMatch(/\d{6}/);
    // Replicas run no jobs: the outbox row was sent by the worker, and only once.
    const sends = fake.calls.filter(
      (call) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(telegramId),
    );
    expect(sends).toHaveLength(1);
  });

  test('the bot process answers /start pushed to Telegram', async () => {
    const user = telegramUser({ id: 777001 });
    fake.pushUpdate(privateMessage('/start', user));
    const reply = await until('the /start reply', () =>
      fake.calls.find((call) => call.method === 'sendMessage' && call.payload.chat_id === user.id),
    );
    expect(String(reply.payload.text).length).toBeGreaterThan(0);
  });

  test('the servers report the bot up from its heartbeat in Redis', async () => {
    const bot = await until('the bot up in /ready', async () => {
      const body = (await (await fetch(`${urls.b}/ready`)).json()) as {
        bot: { state: string; mode?: string };
      };
      return body.bot.state === 'up' ? body.bot : undefined;
    });
    expect(bot.mode).toBe('polling');
  });
});
