import { GrammyError } from 'grammy';
import type { BotConfig } from '../config.js';
import { createBotApi } from './api.js';

/** Telegram answers a second refund of one charge so; a retry after a lost commit must still count as done. */
const ALREADY_REFUNDED = /CHARGE_ALREADY_REFUNDED/;

export type StarRefundOutcome =
  | { ok: true; alreadyRefunded: boolean }
  /** `reachedTelegram` false: unreachable or timed out, so whether it refunded is unknown. */
  | { ok: false; description: string; reachedTelegram: boolean };

/**
 * Gives a Telegram Stars payment back (Bot API refundStarPayment). Only Stars can be refunded so: card
 * payments made in Telegram are refunded in the payment provider's dashboard.
 * @param options.timeoutSeconds how long Telegram is waited for; @default 8
 */
export async function refundStarPayment(
  config: Pick<BotConfig, 'botToken' | 'apiRoot'>,
  payment: { payerTelegramId: number; telegramChargeId: string },
  options: { timeoutSeconds?: number } = {},
): Promise<StarRefundOutcome> {
  const api = createBotApi(config, { timeoutSeconds: options.timeoutSeconds ?? 8 });
  try {
    await api.refundStarPayment(payment.payerTelegramId, payment.telegramChargeId);
    return { ok: true, alreadyRefunded: false };
  } catch (error) {
    if (!(error instanceof GrammyError))
      return { ok: false, description: 'Telegram could not be reached; try again', reachedTelegram: false };
    if (ALREADY_REFUNDED.test(error.description)) return { ok: true, alreadyRefunded: true };
    return { ok: false, description: error.description, reachedTelegram: true };
  }
}
