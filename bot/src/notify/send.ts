import { type Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { RenderedNotification } from './templates.js';

/** Why a notification can never be delivered to this chat, however often it is retried. */
export type PermanentFailureReason = 'BLOCKED' | 'CHAT_NOT_FOUND' | 'BAD_REQUEST';

/** The outcome of one delivery attempt; the outbox worker branches on `ok` and `retry`. */
export type SendNotificationResult =
  | { ok: true; messageId: number }
  | { ok: false; retry: false; reason: PermanentFailureReason; errorCode: number; description: string }
  | { ok: false; retry: true; retryAfterSeconds?: number; errorCode?: number; description: string };

/**
 * Sends a rendered notification and classifies the outcome. Never throws.
 *
 * - 403 (blocked by the user, user deactivated, kicked from the chat, never started the bot) → `BLOCKED`
 * - 400 "chat not found" → `CHAT_NOT_FOUND`; any other 400 → `BAD_REQUEST` (retrying would fail the same way)
 * - 429 → retry after `parameters.retry_after` seconds (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)
 * - 5xx, network failures and anything else (a wrong token or API root is our fault, not the recipient's) → retry
 */
export async function sendNotification(
  api: Api,
  chatId: number | string,
  rendered: RenderedNotification,
): Promise<SendNotificationResult> {
  if (rendered.photo) return sendNotificationPhoto(api, chatId, rendered, rendered.photo);
  try {
    const message = await api.sendMessage(chatId, rendered.text, {
      parse_mode: rendered.parseMode,
      reply_markup: rendered.replyMarkup,
      link_preview_options: { is_disabled: true },
    });
    return { ok: true, messageId: message.message_id };
  } catch (error) {
    return classifySendError(error);
  }
}

/**
 * Sends a rendered notification as a photo, its text the caption (Telegram allows 1024 characters there,
 * far more than any template writes), classified like {@link sendNotification}. Never throws.
 */
export async function sendNotificationPhoto(
  api: Api,
  chatId: number | string,
  rendered: RenderedNotification,
  photo: NonNullable<RenderedNotification['photo']>,
): Promise<SendNotificationResult> {
  try {
    const message = await api.sendPhoto(chatId, new InputFile(photo.bytes, photo.filename), {
      caption: rendered.text,
      parse_mode: rendered.parseMode,
      reply_markup: rendered.replyMarkup,
    });
    return { ok: true, messageId: message.message_id };
  } catch (error) {
    return classifySendError(error);
  }
}

/** Maps an error thrown by a Bot API call to a {@link SendNotificationResult}. */
export function classifySendError(error: unknown): Exclude<SendNotificationResult, { ok: true }> {
  if (error instanceof GrammyError) {
    const { error_code: code, description } = error;
    if (code === 403) return { ok: false, retry: false, reason: 'BLOCKED', errorCode: code, description };
    if (code === 400) {
      const reason = /chat not found|PEER_ID_INVALID/i.test(description) ? 'CHAT_NOT_FOUND' : 'BAD_REQUEST';
      return { ok: false, retry: false, reason, errorCode: code, description };
    }
    const retryAfter = error.parameters.retry_after;
    if (code === 429 && typeof retryAfter === 'number') {
      return { ok: false, retry: true, retryAfterSeconds: retryAfter, errorCode: code, description };
    }
    return { ok: false, retry: true, errorCode: code, description };
  }
  if (error instanceof HttpError) {
    return { ok: false, retry: true, description: describeHttpError(error) };
  }
  return { ok: false, retry: true, description: error instanceof Error ? error.message : String(error) };
}

/**
 * The network failure without the request URL, which contains the bot token
 * (grammY keeps it out of its own message unless `sensitiveLogs` is set; the cause's message has it).
 */
export function describeHttpError(error: HttpError): string {
  const cause = error.error as { code?: unknown; name?: unknown } | undefined;
  const code =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.name === 'string' ? cause.name : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
