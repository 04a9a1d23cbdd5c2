import { randomInt, randomUUID } from 'node:crypto';
import { renderNotification } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { parseConfig } from '../../config.js';
import { startJobRunner } from '../../jobs/runner.js';
import {
  type EnqueueNotificationInput,
  enqueueNotification,
  notificationJobKey,
} from './notifications.service.js';
import { NEEDS_BOT_TOKEN_FLAG } from './send-notification.task.js';
import { INTERRUPTED_SEND_ERROR, recoverInterruptedSends } from './send-recovery.task.js';

const WEB_APP_URL = 'https://posy.test';
const MAX_ATTEMPTS = 2;

let telegram: FakeBotApi;
let app: TestApp;

beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: WEB_APP_URL,
    NOTIFICATION_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  });
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

// Telegram ids of this file's users: unique (the column is), and far from the seeded users' 1000000xx.
let nextTelegramId = randomInt(1_000_000, 1_000_000_000);

async function createUser(
  target: TestApp,
  user: { telegram?: boolean; locale?: string; botBlockedAt?: Date } = {},
) {
  return target.prisma.user.create({
    data: {
      name: 'Recipient',
      locale: user.locale ?? 'en',
      telegramId: user.telegram === false ? null : BigInt(nextTelegramId++),
      botBlockedAt: user.botBlockedAt ?? null,
    },
  });
}

const orderStatusChanged = (orderId = randomUUID()) =>
  ({
    kind: 'ORDER_STATUS_CHANGED',
    payload: { orderId, orderNumber: 42, status: 'READY', shopName: 'Fleur & Co' },
  }) as const;

async function enqueue(
  userId: string,
  input: Partial<EnqueueNotificationInput> = {},
  target: TestApp = app,
): Promise<string> {
  const id = await target.prisma.$transaction((tx) =>
    enqueueNotification(tx, {
      userId,
      dedupeKey: `test:${randomUUID()}`,
      ...orderStatusChanged(),
      ...input,
    } as EnqueueNotificationInput),
  );
  expect(id).toEqual(expect.any(String));
  return id!;
}

/** Polls until `check` returns something other than undefined. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function jobsOf(target: TestApp, notificationId: string) {
  return target.prisma.$queryRaw<Array<{ attempts: number; flags: Record<string, true> | null }>>`
    SELECT attempts, flags FROM graphile_worker.jobs WHERE key = ${notificationJobKey(notificationId)}`;
}

/** Moves a notification's waiting job to now (add_job with the same key replaces it). */
async function runJobNow(notificationId: string) {
  await app.prisma.$executeRaw`SELECT 1 FROM graphile_worker.add_job('send-notification',
    json_build_object('notificationId', ${notificationId}::text), job_key := ${notificationJobKey(notificationId)})`;
}

/** The row once it reached a final status and its job is gone, so nothing more will happen to it. */
async function outcome(notificationId: string) {
  return waitFor(`notification ${notificationId} to settle`, async () => {
    const row = await app.prisma.notification.findUniqueOrThrow({ where: { id: notificationId } });
    if (row.status === 'PENDING' || row.status === 'SENDING') return undefined;
    return (await jobsOf(app, notificationId)).length === 0 ? row : undefined;
  });
}

const attemptsOf = (notificationId: string) =>
  app.prisma.notificationAttempt.findMany({ where: { notificationId }, orderBy: { number: 'asc' } });

const recovery = () => ({
  prisma: app.prisma,
  log: pino({ level: 'silent' }),
  stuckAfterSeconds: app.config.notifications.stuckAfterSeconds,
  maxAttempts: MAX_ATTEMPTS,
});

const sendsTo = (telegramId: bigint | null) =>
  telegram.calls.filter(
    (call) => call.method === 'sendMessage' && call.payload.chat_id === Number(telegramId),
  );

describe('notification outbox', () => {
  test('sends once to the user’s chat, in their language, with a button opening the Mini App', async () => {
    const user = await createUser(app, { locale: 'ru' });
    const message = orderStatusChanged();
    const id = await enqueue(user.id, message);

    const row = await outcome(id);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null, locale: 'ru' });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.telegramMessageId).toEqual(expect.any(BigInt));
    const expected = renderNotification({ ...message, locale: 'ru', webAppUrl: WEB_APP_URL });
    const calls = sendsTo(user.telegramId);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.payload).toMatchObject({
      chat_id: Number(user.telegramId),
      text: expected.text,
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [
          [
            {
              text: expect.any(String),
              web_app: { url: `${WEB_APP_URL}/orders/${message.payload.orderId}` },
            },
          ],
        ],
      },
    });
    expect(expected.text).toContain('Fleur &amp; Co');
  });

  test('the same dedupe key queued twice is sent once', async () => {
    const user = await createUser(app);
    const dedupeKey = `order:${randomUUID()}:status:READY`;
    const first = await enqueue(user.id, { dedupeKey });
    const second = await app.prisma.$transaction((tx) =>
      enqueueNotification(tx, { userId: user.id, dedupeKey, ...orderStatusChanged() }),
    );
    expect(second).toBeNull();
    expect(await outcome(first)).toMatchObject({ status: 'SENT' });
    expect(await app.prisma.notification.count({ where: { dedupeKey } })).toBe(1);
    expect(sendsTo(user.telegramId)).toHaveLength(1);
  });

  test('429: waits as long as Telegram asks, then sends', async () => {
    const user = await createUser(app);
    telegram.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const id = await enqueue(user.id);
    const row = await outcome(id);
    expect(row).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(sendsTo(user.telegramId)).toHaveLength(2);
    expect(await attemptsOf(id)).toEqual([
      expect.objectContaining({ number: 1, outcome: 'RETRY', errorCode: 429, retryAfterSeconds: 1 }),
      expect.objectContaining({ number: 2, outcome: 'SENT', errorCode: null }),
    ]);
  });

  test('500: retried with backoff, then sent', async () => {
    const user = await createUser(app);
    telegram.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const id = await enqueue(user.id);
    // Between the tries the row is PENDING again, with the error that made it wait.
    await waitFor('the first try to fail', async () => {
      const row = await app.prisma.notification.findUniqueOrThrow({ where: { id } });
      return row.attempts === 1 && row.status === 'PENDING' ? row : undefined;
    }).then((row) => expect(row.lastError).toContain('Internal Server Error'));
    expect(await outcome(id)).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
    expect(sendsTo(user.telegramId)).toHaveLength(2);
    expect(await attemptsOf(id)).toEqual([
      expect.objectContaining({
        number: 1,
        outcome: 'RETRY',
        errorCode: 500,
        description: 'Internal Server Error',
      }),
      expect.objectContaining({ number: 2, outcome: 'SENT' }),
    ]);
  });

  test('403: the user blocked the bot, so it is marked and nothing more is sent to them', async () => {
    const user = await createUser(app);
    telegram.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    const blocked = await outcome(await enqueue(user.id));
    expect(blocked).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(blocked.lastError).toMatch(/^BLOCKED: Forbidden: bot was blocked/);
    const after = await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.botBlockedAt).toBeInstanceOf(Date);

    expect(await attemptsOf(blocked.id)).toEqual([
      expect.objectContaining({ number: 1, outcome: 'FAILED', errorCode: 403 }),
    ]);

    const next = await outcome(await enqueue(user.id));
    expect(next).toMatchObject({ status: 'SKIPPED' });
    expect(sendsTo(user.telegramId)).toHaveLength(1);
    expect(await attemptsOf(next.id)).toEqual([
      expect.objectContaining({ number: 1, outcome: 'SKIPPED', description: 'The user has blocked the bot' }),
    ]);
  });

  test('a user who blocked the bot is skipped without calling Telegram', async () => {
    const user = await createUser(app, { botBlockedAt: new Date() });
    const row = await outcome(await enqueue(user.id));
    expect(row).toMatchObject({ status: 'SKIPPED', lastError: 'The user has blocked the bot' });
    expect(sendsTo(user.telegramId)).toHaveLength(0);
  });

  test('a user without Telegram is skipped', async () => {
    const user = await createUser(app, { telegram: false });
    const callsBefore = telegram.calls.length;
    const row = await outcome(await enqueue(user.id));
    expect(row).toMatchObject({ status: 'SKIPPED', lastError: 'The user has no Telegram account linked' });
    expect(telegram.calls.length).toBe(callsBefore);
  });

  test('fails for good after NOTIFICATION_MAX_ATTEMPTS tries', async () => {
    const user = await createUser(app);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      telegram.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    }
    const row = await outcome(await enqueue(user.id));
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS });
    expect(row.lastError).toBe(`Gave up after ${MAX_ATTEMPTS} attempts: Bad Gateway`);
    expect(sendsTo(user.telegramId)).toHaveLength(MAX_ATTEMPTS);
    expect((await attemptsOf(row.id)).map((a) => [a.number, a.outcome, a.errorCode])).toEqual([
      [1, 'RETRY', 502],
      [2, 'FAILED', 502],
    ]);
  });

  test('a permanent 400 fails at once', async () => {
    const user = await createUser(app);
    telegram.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    const row = await outcome(await enqueue(user.id));
    expect(row).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastError: 'CHAT_NOT_FOUND: Bad Request: chat not found',
    });
  });

  test('a row left SENDING by a killed worker is sent again once, and failed after a second interruption', async () => {
    const user = await createUser(app);
    // A job that only ever runs after the row was claimed: as if the process died mid-send.
    const id = await enqueue(user.id, { sendAfter: new Date(Date.now() + 60 * 60_000) });
    const interrupt = async (number: number) => {
      await app.prisma.notification.update({
        where: { id },
        data: { status: 'SENDING', attempts: number, claimedAt: new Date(Date.now() - 10 * 60_000) },
      });
      await app.prisma.notificationAttempt.create({ data: { notificationId: id, number } });
    };
    await interrupt(1);
    expect(await recoverInterruptedSends(recovery())).toBeGreaterThanOrEqual(1);
    const resent = await outcome(id);
    expect(resent).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(sendsTo(user.telegramId)).toHaveLength(1);
    expect(await attemptsOf(id)).toEqual([
      expect.objectContaining({ number: 1, outcome: 'INTERRUPTED', finishedAt: expect.any(Date) }),
      expect.objectContaining({ number: 2, outcome: 'SENT' }),
    ]);

    // Interrupted again (twice in all): not sent a third time, failed with the reason kept.
    await interrupt(3);
    await recoverInterruptedSends(recovery());
    const failed = await app.prisma.notification.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ status: 'FAILED', lastError: INTERRUPTED_SEND_ERROR });
    expect(sendsTo(user.telegramId)).toHaveLength(1);
  });

  test('a row SENDING for less than NOTIFICATION_STUCK_AFTER_SECONDS is left alone', async () => {
    const user = await createUser(app);
    const id = await enqueue(user.id, { sendAfter: new Date(Date.now() + 60 * 60_000) });
    await app.prisma.notification.update({
      where: { id },
      data: { status: 'SENDING', attempts: 1, claimedAt: new Date() },
    });
    await recoverInterruptedSends(recovery());
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'SENDING',
    });
  });

  test('one-time codes are blanked once the row is settled, sent or not', async () => {
    const user = await createUser(app);
    const sent = await enqueue(user.id, {
      kind: 'LOGIN_CODE',
      payload: { code: '111222', expiresInMinutes: 5 },
    });
    expect(await outcome(sent)).toMatchObject({
      status: 'SENT',
      payload: { code: null, expiresInMinutes: 5 },
    });
    expect(sendsTo(user.telegramId)[0]?.payload.text).toContain('111222');

    telegram.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    const failed = await enqueue(user.id, {
      kind: 'LOGIN_CODE',
      payload: { code: '333444', expiresInMinutes: 5 },
    });
    expect(await outcome(failed)).toMatchObject({ status: 'FAILED', payload: { code: null } });

    // Until then the code is kept: the message needs it.
    const waiting = await enqueue(user.id, {
      kind: 'LOGIN_CODE',
      payload: { code: '555666', expiresInMinutes: 5 },
      sendAfter: new Date(Date.now() + 60 * 60_000),
    });
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: waiting } })).toMatchObject({
      status: 'PENDING',
      payload: { code: '555666' },
    });
  });

  test('a login code that expired while it waited is skipped, not sent', async () => {
    const user = await createUser(app);
    const id = await enqueue(user.id, {
      kind: 'LOGIN_CODE',
      payload: { code: '654321', expiresInMinutes: 5 },
      sendAfter: new Date(Date.now() + 60 * 60_000),
    });
    await app.prisma.notification.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - 10 * 60_000) },
    });
    await runJobNow(id);
    const row = await outcome(id);
    expect(row).toMatchObject({
      status: 'SKIPPED',
      lastError: 'The login code expired before it could be sent',
    });
    expect(sendsTo(user.telegramId)).toHaveLength(0);
  });

  test('queued in a transaction that rolls back: neither row nor job remain', async () => {
    const user = await createUser(app);
    const dedupeKey = `test:${randomUUID()}`;
    let queuedId: string | null = null;
    await expect(
      app.prisma.$transaction(async (tx) => {
        queuedId = await enqueueNotification(tx, { userId: user.id, dedupeKey, ...orderStatusChanged() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(queuedId).toEqual(expect.any(String));
    expect(await app.prisma.notification.count({ where: { dedupeKey } })).toBe(0);
    expect(await jobsOf(app, queuedId!)).toEqual([]);
  });
});

describe('without BOT_TOKEN', () => {
  test('nothing is sent and nothing lost: login codes are logged, and sent once a token is configured', async () => {
    const quiet = await startTestApp({ JOBS_ENABLED: 'false' });
    try {
      const user = await createUser(quiet);
      const id = await enqueue(
        user.id,
        { kind: 'LOGIN_CODE', payload: { code: '123456', expiresInMinutes: 5 } },
        quiet,
      );

      // A runner with no token (as in `pnpm start` without one) holds the job and logs the code.
      const lines: Array<{ msg: string; text?: string }> = [];
      const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
      const tokenless = parseConfig({ NODE_ENV: 'test', DATABASE_URL: quiet.config.databaseUrl });
      const holding = await startJobRunner({
        config: tokenless,
        databaseUrl: quiet.config.databaseUrl!,
        log,
        webAppUrl: WEB_APP_URL,
      });
      try {
        await waitFor('the job to be held', async () => {
          const [job] = await jobsOf(quiet, id);
          return job?.flags?.[NEEDS_BOT_TOKEN_FLAG] ? job : undefined;
        });
      } finally {
        await holding.stop();
      }
      expect(lines.find((line) => line.msg.startsWith('login code'))?.text).toContain('123456');
      expect(await quiet.prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'PENDING',
        attempts: 0,
      });
      expect(sendsTo(user.telegramId)).toHaveLength(0);

      // A runner with a token sends it.
      const sending = await startJobRunner({
        config: parseConfig({
          NODE_ENV: 'test',
          BOT_TOKEN: telegram.token,
          BOT_API_ROOT: telegram.apiRoot,
          DATABASE_URL: quiet.config.databaseUrl,
        }),
        databaseUrl: quiet.config.databaseUrl!,
        log: pino({ level: 'silent' }),
        webAppUrl: WEB_APP_URL,
      });
      try {
        await waitFor('the code to be sent', async () => {
          const row = await quiet.prisma.notification.findUniqueOrThrow({ where: { id } });
          return row.status === 'SENT' ? row : undefined;
        });
      } finally {
        await sending.stop();
      }
      const [call] = sendsTo(user.telegramId);
      expect(call?.payload.text).toContain('123456');
    } finally {
      await quiet.stop();
    }
  });
});
