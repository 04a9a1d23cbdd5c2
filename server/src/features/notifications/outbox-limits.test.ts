// The outbox under Telegram's limits: a 429 storm, and one chat's messages spaced out across two runners.
import { randomInt, randomUUID } from 'node:crypto';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { startJobRunner } from '../../jobs/runner.js';
import { enqueueNotification } from './notifications.service.js';

let telegram: FakeBotApi;
let app: TestApp;

beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: 'https://posy.test',
  });
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

let nextTelegramId = randomInt(1_000_000, 1_000_000_000);

async function createUser() {
  return app.prisma.user.create({
    data: { name: 'Recipient', locale: 'en', telegramId: BigInt(nextTelegramId++) },
  });
}

async function enqueue(userId: string): Promise<string> {
  const id = await app.prisma.$transaction((tx) =>
    enqueueNotification(tx, {
      userId,
      dedupeKey: `test:${randomUUID()}`,
      kind: 'ORDER_STATUS_CHANGED',
      payload: { orderId: randomUUID(), orderNumber: 7, status: 'READY', shopName: 'Fleur' },
    }),
  );
  return id!;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const allSettled = (ids: string[], timeoutMs: number) =>
  waitFor(
    'every notification to settle',
    async () => {
      const rows = await app.prisma.notification.findMany({ where: { id: { in: ids } } });
      return rows.every((row) => row.status !== 'PENDING' && row.status !== 'SENDING') ? rows : undefined;
    },
    timeoutMs,
  );

test('a 429 storm is waited out: every notification is sent exactly once, none lost', async () => {
  const users = await Promise.all(Array.from({ length: 30 }, () => createUser()));
  const storm = 20;
  for (let i = 0; i < storm; i++) {
    telegram.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
  }
  const callsBefore = telegram.calls.length;
  const ids = await Promise.all(users.map((user) => enqueue(user.id)));

  const rows = await allSettled(ids, 60_000);
  expect(rows.map((row) => row.status)).toEqual(ids.map(() => 'SENT'));
  const attempts = await app.prisma.notificationAttempt.findMany({ where: { notificationId: { in: ids } } });
  // One attempt row per call: the storm's 20 retried ones, and exactly one SENT per notification.
  expect(attempts.filter((a) => a.outcome === 'RETRY' && a.errorCode === 429)).toHaveLength(storm);
  for (const id of ids) {
    expect(attempts.filter((a) => a.notificationId === id && a.outcome === 'SENT')).toHaveLength(1);
  }
  const sends = telegram.calls.slice(callsBefore).filter((call) => call.method === 'sendMessage');
  expect(sends).toHaveLength(ids.length + storm);
});

test('two runners send one chat’s 40 messages at least NOTIFICATION_CHAT_INTERVAL_MS apart', async () => {
  // A second runner beside the app's own: both share the throttle's counters in Redis.
  const second = await startJobRunner({
    config: app.config,
    databaseUrl: app.config.databaseUrl!,
    log: pino({ level: 'silent' }),
    webAppUrl: 'https://posy.test',
  });
  try {
    const user = await createUser();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueue(user.id));

    const rows = await allSettled(ids, 90_000);
    expect(rows.map((row) => row.status)).toEqual(ids.map(() => 'SENT'));
    const times = telegram.calls
      .filter((call) => call.method === 'sendMessage' && call.payload.chat_id === Number(user.telegramId))
      .map((call) => call.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(40);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    // The chat's window restarts when a call ends, after Telegram got it: no gap is shorter (Redis expires
    // keys to the millisecond; 5 ms spare for timer granularity).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(app.config.notifications.chatIntervalMs - 5);
  } finally {
    await second.stop();
  }
}, 120_000);
