// A worker process killed while its Bot API call is in flight: the next process sends the message again,
// once, and the row ends SENT. Real processes (src/main.ts), real PostgreSQL, the fake Bot API.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { enqueueNotification } from './notifications.service.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const STUCK_AFTER_SECONDS = 4;

let telegram: FakeBotApi;
let app: TestApp;
const children: ChildProcess[] = [];

beforeAll(async () => {
  telegram = await startFakeBotApi();
  // The database only: the workers are the spawned processes.
  app = await startTestApp({ JOBS_ENABLED: 'false' });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await app?.stop();
  await telegram?.stop();
});

async function startWorker(): Promise<ChildProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'posy-worker-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(randomInt(20_000, 60_000)),
      DATABASE_URL: app.config.databaseUrl,
      DATA_DIR: dataDir,
      WEBAPP_DIST: path.join(dataDir, 'no-webapp'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'true',
      BOT_TOKEN: telegram.token,
      BOT_API_ROOT: telegram.apiRoot,
      NOTIFICATION_STUCK_AFTER_SECONDS: String(STUCK_AFTER_SECONDS),
      RATE_LIMIT_KEY_PREFIX: `posy-test:${randomUUID()}`,
      SUBSCRIPTION_ORDERS_EVERY_MINUTES: '0',
    },
  });
  children.push(child);
  return child;
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

test('a worker killed mid-send: the restarted one resends at most once, and the row ends SENT', async () => {
  const user = await app.prisma.user.create({
    data: { name: 'Recipient', locale: 'en', telegramId: BigInt(randomInt(1_000_000, 1_000_000_000)) },
  });
  const chatId = Number(user.telegramId);
  const sendsToUser = () =>
    telegram.calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === chatId);
  telegram.hangNext('sendMessage');
  const id = await app.prisma.$transaction((tx) =>
    enqueueNotification(tx, {
      userId: user.id,
      dedupeKey: `test:${randomUUID()}`,
      kind: 'ORDER_STATUS_CHANGED',
      payload: { orderId: randomUUID(), orderNumber: 9, status: 'READY', shopName: 'Fleur' },
    }),
  );

  const first = await startWorker();
  await waitFor('the first worker’s call to reach Telegram', () =>
    sendsToUser().length > 0 ? true : undefined,
  );
  first.kill('SIGKILL');
  await exited(first);
  const stuck = await app.prisma.notification.findUniqueOrThrow({ where: { id: id! } });
  expect(stuck.status).toBe('SENDING');

  // Only a row SENDING for longer than a call may take is taken for interrupted.
  await waitFor('the claim to be older than NOTIFICATION_STUCK_AFTER_SECONDS', () =>
    Date.now() - stuck.claimedAt!.getTime() > STUCK_AFTER_SECONDS * 1000 + 500 ? true : undefined,
  );
  const second = await startWorker();
  const sent = await waitFor('the restarted worker to send it', async () => {
    const row = await app.prisma.notification.findUniqueOrThrow({ where: { id: id! } });
    return row.status === 'SENT' ? row : undefined;
  });
  second.kill('SIGTERM');
  await exited(second);

  expect(sent.telegramMessageId).toEqual(expect.any(BigInt));
  expect(sendsToUser()).toHaveLength(2);
  const attempts = await app.prisma.notificationAttempt.findMany({
    where: { notificationId: id! },
    orderBy: { number: 'asc' },
  });
  expect(attempts.map((a) => [a.number, a.outcome])).toEqual([
    [1, 'INTERRUPTED'],
    [2, 'SENT'],
  ]);
}, 120_000);
