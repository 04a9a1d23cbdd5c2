// The sending side of the Telegram outbox: the graphile-worker task that sends one queued Notification.
//
// Delivery is at most once. A try first claims the row (PENDING → SENDING, attempts + 1) in one UPDATE, and
// only a row claimed that way is sent. If the process dies between claiming and recording the outcome,
// nobody knows whether Telegram delivered the message; the row stays SENDING, and when graphile-worker
// retries the job (after its 4-hour lock timeout) the task finds it unclaimable and marks it FAILED instead
// of risking a duplicate. A try that fails in a way worth retrying puts the row back to PENDING itself,
// before the job is retried, so that only rows released by us are tried again.
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
import { loadNotificationPhoto } from './notification-photo.js';
import {
  notificationJobKey,
  SEND_NOTIFICATION_TASK,
  type SendNotificationPayload,
} from './notifications.service.js';

/** A send job carrying this flag waits for a process with a bot token (see {@link createHoldNotificationTask}). */
export const NEEDS_BOT_TOKEN_FLAG = 'needs-bot-token';

/** Marked on a row found still SENDING: the try that claimed it never said how the send ended. */
export const INTERRUPTED_SEND_ERROR =
  'Interrupted while sending: Telegram may or may not have delivered it; not sent again to avoid a duplicate';

export interface SendNotificationTaskOptions {
  prisma: AppPrisma;
  log: Logger;
  /** A Bot API client, e.g. `createBotApi({ botToken, apiRoot })`. */
  api: ReturnType<typeof createBotApi>;
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
 * blocked or a login code already expired → SKIPPED; the user blocked the bot (403) → FAILED and `User.botBlockedAt` set, so later ones are
 * skipped; chat not found or another 400 → FAILED; 429, 5xx or a network error → back to PENDING and tried
 * again (after Telegram's `retry_after` for a 429, else graphile-worker's exponential backoff) until
 * `maxAttempts`, then FAILED. `attempts` counts every try.
 */
export function createSendNotificationTask(options: SendNotificationTaskOptions): Task {
  const { prisma, log, api, webAppUrl, maxAttempts, files } = options;

  /** Sets the outcome of a try, only while the row is still claimed by it. */
  const settle = (id: string, data: Prisma.NotificationUpdateManyMutationInput) =>
    prisma.notification.updateMany({ where: { id, status: 'SENDING' }, data });

  return async (rawPayload, helpers) => {
    const { notificationId: id } = payloadSchema.parse(rawPayload);
    const [row] = await prisma.notification.updateManyAndReturn({
      where: { id, status: 'PENDING' },
      data: { status: 'SENDING', attempts: { increment: 1 } },
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
      // Already settled (a job queued again by hand, say), deleted with its user, or stuck SENDING.
      const stuck = await prisma.notification.updateMany({
        where: { id, status: 'SENDING' },
        data: { status: 'FAILED', lastError: INTERRUPTED_SEND_ERROR },
      });
      if (stuck.count)
        log.warn({ notificationId: id }, 'notification was interrupted while sending; not resent');
      return;
    }
    const jobLog = log.child({ notificationId: id, kind: row.kind, attempt: row.attempts });

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
        await settle(id, { status: 'SKIPPED', lastError: reason });
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
        await settle(id, { status: 'FAILED', lastError: `Cannot render: ${errorMessage(error)}` });
        jobLog.error({ err: error }, 'notification cannot be rendered');
        return;
      }
      const photo = files ? await loadNotificationPhoto(prisma, files, row) : null;
      if (photo) rendered = withPhoto(rendered, photo);
    } catch (error) {
      // Nothing was sent yet: release the claim, so the retry graphile-worker makes can send it.
      await prisma.notification.updateMany({
        where: { id, status: 'SENDING' },
        data: { status: 'PENDING', lastError: errorMessage(error) },
      });
      throw error;
    }

    const result = await sendNotification(api, chatId, rendered);
    if (result.ok) {
      await settle(id, {
        status: 'SENT',
        sentAt: new Date(),
        telegramMessageId: result.messageId,
        lastError: null,
      });
      jobLog.debug({ messageId: result.messageId }, 'notification sent');
      return;
    }
    if (!result.retry) {
      const lastError = `${result.reason}: ${result.description}`;
      if (result.reason === 'BLOCKED') {
        await prisma.$transaction([
          prisma.user.updateMany({
            where: { id: row.userId, botBlockedAt: null },
            data: { botBlockedAt: new Date() },
          }),
          prisma.notification.updateMany({
            where: { id, status: 'SENDING' },
            data: { status: 'FAILED', lastError },
          }),
        ]);
      } else {
        await settle(id, { status: 'FAILED', lastError });
      }
      jobLog.warn({ reason: result.reason, description: result.description }, 'notification not deliverable');
      return;
    }

    if (row.attempts >= maxAttempts) {
      await settle(id, {
        status: 'FAILED',
        lastError: `Gave up after ${row.attempts} attempts: ${result.description}`,
      });
      jobLog.warn({ description: result.description }, 'notification failed: no attempts left');
      return;
    }
    const jobHasTriesLeft = helpers.job.attempts < helpers.job.max_attempts;
    if (result.retryAfterSeconds === undefined && jobHasTriesLeft) {
      await prisma.notification.updateMany({
        where: { id, status: 'SENDING' },
        data: { status: 'PENDING', lastError: result.description },
      });
      // graphile-worker retries after exp(min(attempts, 10)) seconds.
      throw new Error(`Telegram did not take the message, will retry: ${result.description}`);
    }
    // A 429 names the wait (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this),
    // and a job out of tries while the row has some left needs a new one: queue a replacement under the same
    // key (graphile-worker retires this locked job) with this job completing normally.
    const delaySeconds = result.retryAfterSeconds ?? Math.exp(Math.min(row.attempts, 10));
    await prisma.$transaction(async (tx) => {
      const released = await tx.notification.updateMany({
        where: { id, status: 'SENDING' },
        data: { status: 'PENDING', lastError: result.description },
      });
      if (released.count === 0) return;
      await tx.$executeRaw`SELECT 1 FROM graphile_worker.add_job(
        ${SEND_NOTIFICATION_TASK},
        json_build_object('notificationId', ${id}::text),
        run_at := now() + make_interval(secs => ${delaySeconds}::double precision),
        job_key := ${notificationJobKey(id)},
        max_attempts := ${maxAttempts - row.attempts}::int
      )`;
    });
    jobLog.info({ delaySeconds, description: result.description }, 'notification send retried later');
  };
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
