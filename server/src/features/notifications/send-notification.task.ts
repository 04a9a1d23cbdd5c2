// The sending side of the Telegram outbox: the graphile-worker task that sends one queued Notification.
//
// A try claims the row (PENDING → SENDING, attempts + 1, claimedAt) in one UPDATE, and only a row claimed that
// way is sent. It then waits for a slot under Telegram's limits (send-throttle.ts; a long wait puts the row
// back with its job due later, not counted as a try), opens an attempt row, calls the Bot API and settles
// row and attempt together. If the process dies mid-call, nobody knows whether Telegram delivered the
// message: the row stays SENDING, and send-recovery.task.ts puts it back once (a second interruption fails
// it), so a message is sent at most twice and never lost silently. A try that fails in a way worth
// retrying puts the row back to PENDING itself, before the job is retried.
import {
  type createBotApi,
  type NotificationKind,
  type RenderedNotification,
  type RenderNotificationOptions,
  renderNotification,
  resolveLocale,
  sendNotification,
  withPhoto,
} from '@posy/bot';
import type { Prisma } from '@posy/prisma';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { AppPrisma } from '../../context.js';
import type { Logger } from '../../logger.js';
import type { FileStorage } from '../../storage/file-storage.js';
import {
  type AttemptOutcome,
  redactedPayload,
  settleAttempt,
  startAttempt,
} from './notification-attempts.js';
import { loadNotificationPhoto } from './notification-photo.js';
import {
  notificationJobKey,
  SEND_NOTIFICATION_TASK,
  type SendNotificationPayload,
} from './notifications.service.js';
import { EARLIER_MESSAGE_WAIT_MS, earlierMessagePending } from './send-order.js';
import type { SendThrottle } from './send-throttle.js';

/** A send job carrying this flag waits for a process with a bot token (see {@link createHoldNotificationTask}). */
export const NEEDS_BOT_TOKEN_FLAG = 'needs-bot-token';

export interface SendNotificationTaskOptions {
  prisma: AppPrisma;
  log: Logger;
  /** A Bot API client, e.g. `createBotApi({ botToken, apiRoot })`. */
  api: ReturnType<typeof createBotApi>;
  /** Telegram's sending limits, shared with every other worker. */
  throttle: SendThrottle;
  /** How long a try may wait in-process for a throttle slot before its job is put back, due later. */
  maxThrottleWaitMs: number;
  /** Earlier messages to the same person younger than this go first (NOTIFICATION_STUCK_AFTER_SECONDS). */
  earlierWithinSeconds: number;
  /** The Mini App's URL without a trailing slash; buttons open pages under it. */
  webAppUrl: string;
  /** Tries per notification (NOTIFICATION_MAX_ATTEMPTS); the one that reaches it marks the row FAILED. */
  maxAttempts: number;
  /** Where uploads are read from, for notifications sent with a photo; without it they go as text. */
  files?: FileStorage;
}

/** The job's payload, checked: it is JSON from the database. */
const payloadSchema: z.ZodType<SendNotificationPayload> = z.object({ notificationId: z.uuid() });

/**
 * The `send-notification` task. Outcomes: sent → SENT with the message id; no Telegram account, bot
 * blocked or a login code already expired → SKIPPED; the user blocked the bot (403) → FAILED and
 * `User.botBlockedAt` set, so later ones are skipped; chat not found or another 400 → FAILED; 429, 5xx or a
 * network error → back to PENDING and tried again (after Telegram's `retry_after` for a 429, else
 * graphile-worker's exponential backoff) until `maxAttempts`, then FAILED. `attempts` counts every try, and
 * each has a NotificationAttempt row. A settled row's one-time code is blanked in the same UPDATE.
 */
export function createSendNotificationTask(options: SendNotificationTaskOptions): Task {
  const {
    prisma,
    log,
    api,
    throttle,
    maxThrottleWaitMs,
    earlierWithinSeconds,
    webAppUrl,
    maxAttempts,
    files,
  } = options;

  return async (rawPayload, helpers) => {
    const { notificationId: id } = payloadSchema.parse(rawPayload);
    const [row] = await prisma.notification.updateManyAndReturn({
      where: { id, status: 'PENDING' },
      data: { status: 'SENDING', attempts: { increment: 1 }, claimedAt: new Date() },
      select: {
        id: true,
        userId: true,
        shopId: true,
        kind: true,
        payload: true,
        locale: true,
        attempts: true,
        createdAt: true,
      },
    });
    if (!row) {
      // Already settled, deleted with its user, or SENDING under another try (recovery handles a stuck one):
      // e.g. a crashed worker's job retried hours later, after recovery had queued a fresh one.
      log.debug({ notificationId: id }, 'notification not pending; job ends');
      return;
    }
    const jobLog = log.child({ notificationId: id, kind: row.kind, attempt: row.attempts });
    // Numbered after the row's earlier attempts, not its try count: a resend starts the count again.
    const earlierAttempts = await prisma.notificationAttempt.aggregate({
      where: { notificationId: id },
      _max: { number: true },
    });
    const attempt = { notificationId: id, number: (earlierAttempts._max.number ?? 0) + 1 };
    /** Settles row and attempt; a final status also blanks a one-time code. */
    const settle = (
      data: Prisma.NotificationUpdateManyMutationInput,
      outcome: AttemptOutcome,
      andThen?: (tx: Prisma.TransactionClient) => Promise<unknown>,
    ) => {
      const final = data.status === 'SENT' || data.status === 'FAILED' || data.status === 'SKIPPED';
      const redacted = final ? redactedPayload(row) : {};
      return settleAttempt(prisma, attempt, { ...data, ...redacted }, outcome, andThen);
    };

    let chatId: number;
    let rendered: RenderedNotification;
    try {
      const user = await prisma.user.findUnique({
        where: { id: row.userId },
        select: { telegramId: true, botBlockedAt: true },
      });
      if (!user?.telegramId || user.botBlockedAt || isExpiredLoginCode(row)) {
        const reason = !user?.telegramId
          ? 'The user has no Telegram account linked'
          : user.botBlockedAt
            ? 'The user has blocked the bot'
            : 'The login code expired before it could be sent';
        await settle({ status: 'SKIPPED', lastError: reason }, { outcome: 'SKIPPED', description: reason });
        jobLog.info({ reason }, 'notification skipped');
        return;
      }
      // Telegram user ids fit in 52 bits (https://core.telegram.org/bots/api#user).
      chatId = Number(user.telegramId);
      const shop = row.shopId
        ? await prisma.shop.findUnique({ where: { id: row.shopId }, select: { timezone: true } })
        : null;
      try {
        rendered = withoutInsecureWebAppButtons(
          renderNotification({
            kind: row.kind,
            payload: row.payload,
            locale: resolveLocale(row.locale),
            webAppUrl,
            timeZone: shop?.timezone,
          } as RenderNotificationOptions<NotificationKind>),
        );
      } catch (error) {
        // A malformed payload renders the same way every time: retrying cannot help.
        const description = `Cannot render: ${errorMessage(error)}`;
        await settle({ status: 'FAILED', lastError: description }, { outcome: 'FAILED', description });
        jobLog.error({ err: error }, 'notification cannot be rendered');
        return;
      }
      const photo = files ? await loadNotificationPhoto(prisma, files, row) : null;
      if (photo) rendered = withPhoto(rendered, photo);
    } catch (error) {
      // Nothing was sent yet: release the claim (not a try), so the retry graphile-worker makes can send it.
      await release(prisma, id, errorMessage(error));
      throw error;
    }

    /** Gives the claim back untried, the job due again after `wait` ms. */
    const dueAgainAfter = (wait: number) =>
      prisma.$transaction(async (tx) => {
        const released = await release(tx, id, null);
        if (released.count === 0) return;
        await tx.$executeRaw`SELECT 1 FROM graphile_worker.add_job(
          ${SEND_NOTIFICATION_TASK},
          json_build_object('notificationId', ${id}::text),
          run_at := now() + make_interval(secs => ${wait / 1000}::double precision),
          job_key := ${notificationJobKey(id)},
          max_attempts := ${helpers.job.max_attempts}::int
        )`;
      });
    // Messages to one person go out in the order they were queued.
    if (await earlierMessagePending(prisma, row, earlierWithinSeconds)) {
      await dueAgainAfter(EARLIER_MESSAGE_WAIT_MS);
      jobLog.debug('an earlier message to this person goes first; due again later');
      return;
    }
    const wait = await throttle.acquire(chatId, maxThrottleWaitMs);
    if (wait > 0) {
      // Over Telegram's limits for longer than a worker should idle: due again after the wait, not a try.
      await dueAgainAfter(wait);
      jobLog.debug({ waitMs: wait }, 'notification throttled; due again later');
      return;
    }
    if (!(await startAttempt(prisma, id, attempt.number))) return;

    const result = await sendNotification(api, chatId, rendered);
    await throttle.sent(chatId);
    if (result.ok) {
      await settle(
        { status: 'SENT', sentAt: new Date(), telegramMessageId: result.messageId, lastError: null },
        { outcome: 'SENT' },
      );
      jobLog.debug({ messageId: result.messageId }, 'notification sent');
      return;
    }
    const { description, errorCode } = result;
    if (!result.retry) {
      const lastError = `${result.reason}: ${description}`;
      await settle({ status: 'FAILED', lastError }, { outcome: 'FAILED', errorCode, description }, (tx) =>
        result.reason === 'BLOCKED'
          ? tx.user.updateMany({
              where: { id: row.userId, botBlockedAt: null },
              data: { botBlockedAt: new Date() },
            })
          : Promise.resolve(),
      );
      jobLog.warn({ reason: result.reason, description }, 'notification not deliverable');
      return;
    }

    const { retryAfterSeconds } = result;
    if (row.attempts >= maxAttempts) {
      await settle(
        { status: 'FAILED', lastError: `Gave up after ${row.attempts} attempts: ${description}` },
        { outcome: 'FAILED', errorCode, description, retryAfterSeconds },
      );
      jobLog.warn({ description }, 'notification failed: no attempts left');
      return;
    }
    const retry = { outcome: 'RETRY', errorCode, description, retryAfterSeconds } as const;
    const jobHasTriesLeft = helpers.job.attempts < helpers.job.max_attempts;
    if (retryAfterSeconds === undefined && jobHasTriesLeft) {
      await settle({ status: 'PENDING', lastError: description, claimedAt: null }, retry);
      // graphile-worker retries after exp(min(attempts, 10)) seconds.
      throw new Error(`Telegram did not take the message, will retry: ${description}`);
    }
    // A 429 names the wait (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this),
    // and a job out of tries while the row has some left needs a new one: queue a replacement under the same
    // key (graphile-worker retires this locked job) with this job completing normally.
    const delaySeconds = retryAfterSeconds ?? Math.exp(Math.min(row.attempts, 10));
    await settle(
      { status: 'PENDING', lastError: description, claimedAt: null },
      retry,
      (tx) => tx.$executeRaw`SELECT 1 FROM graphile_worker.add_job(
        ${SEND_NOTIFICATION_TASK},
        json_build_object('notificationId', ${id}::text),
        run_at := now() + make_interval(secs => ${delaySeconds}::double precision),
        job_key := ${notificationJobKey(id)},
        max_attempts := ${maxAttempts - row.attempts}::int
      )`,
    );
    jobLog.info({ delaySeconds, description }, 'notification send retried later');
  };
}

/** Gives a claim back untried: PENDING again, the try not counted. */
function release(prisma: Pick<AppPrisma, 'notification'>, id: string, lastError: string | null) {
  return prisma.notification.updateMany({
    where: { id, status: 'SENDING' },
    data: {
      status: 'PENDING',
      attempts: { decrement: 1 },
      claimedAt: null,
      ...(lastError ? { lastError } : {}),
    },
  });
}

export interface HoldNotificationTaskOptions {
  prisma: AppPrisma;
  log: Logger;
  webAppUrl: string;
}

/**
 * The `send-notification` task of a process with no bot token, outside production: it sends nothing and
 * leaves the row PENDING, queueing the job again with {@link NEEDS_BOT_TOKEN_FLAG} (which this process
 * refuses), so it goes out as soon as a process with BOT_TOKEN runs. LOGIN_CODE messages are logged at info
 * level meanwhile, so code sign-in works in a demo without Telegram.
 */
export function createHoldNotificationTask(options: HoldNotificationTaskOptions): Task {
  const { prisma, log, webAppUrl } = options;
  return async (rawPayload, helpers) => {
    const { notificationId: id } = payloadSchema.parse(rawPayload);
    const row = await prisma.notification.findUnique({
      where: { id },
      select: { userId: true, kind: true, payload: true, locale: true, status: true },
    });
    if (row?.status !== 'PENDING') return;
    if (row.kind === 'LOGIN_CODE') {
      const { text } = renderNotification({
        kind: row.kind,
        payload: row.payload,
        locale: resolveLocale(row.locale),
        webAppUrl,
      } as RenderNotificationOptions<'LOGIN_CODE'>);
      log.info(
        { notificationId: id, userId: row.userId, text: htmlToPlainText(text) },
        'login code, logged because BOT_TOKEN is not set',
      );
    }
    await prisma.$executeRaw`SELECT 1 FROM graphile_worker.add_job(
      ${SEND_NOTIFICATION_TASK},
      json_build_object('notificationId', ${id}::text),
      job_key := ${helpers.job.key ?? notificationJobKey(id)},
      max_attempts := ${helpers.job.max_attempts}::int,
      flags := ARRAY[${NEEDS_BOT_TOKEN_FLAG}]::text[]
    )`;
  };
}

/** A login code held back (no token, retries) past its lifetime would only confuse: it no longer works. */
function isExpiredLoginCode(row: { kind: string; payload: Prisma.JsonValue; createdAt: Date }): boolean {
  if (row.kind !== 'LOGIN_CODE') return false;
  const minutes = (row.payload as { expiresInMinutes?: unknown } | null)?.expiresInMinutes;
  return typeof minutes === 'number' && row.createdAt.getTime() + minutes * 60_000 < Date.now();
}

/**
 * Telegram refuses web_app buttons whose URL is not https (a 400 that would fail the notification); in a
 * local setup without an https PUBLIC_URL the message goes out without its button instead.
 */
function withoutInsecureWebAppButtons(rendered: RenderedNotification): RenderedNotification {
  const insecure = rendered.replyMarkup?.inline_keyboard
    .flat()
    .some((button) => 'web_app' in button && !button.web_app?.url.startsWith('https://'));
  return insecure ? { text: rendered.text, parseMode: rendered.parseMode } : rendered;
}

function htmlToPlainText(html: string): string {
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|amp|quot);/g, (_, name: string) => entities[name] ?? '');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
