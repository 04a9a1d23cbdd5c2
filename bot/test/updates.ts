/** Builders for the Update objects Telegram delivers, for feeding `bot.handleUpdate`. */
import type { Chat, SuccessfulPayment, Update, User } from 'grammy/types';

let nextId = 1;
const now = () => Math.floor(Date.now() / 1000);

export function telegramUser(overrides: Partial<User> = {}): User {
  return { id: 424242, is_bot: false, first_name: 'Alice', language_code: 'en', ...overrides };
}

/** A text message in the private chat with `from`; a leading `/command` gets its bot_command entity. */
export function privateMessage(text: string, from: User = telegramUser()): Update {
  return textMessage({ id: from.id, type: 'private', first_name: from.first_name }, text, from);
}

export function groupMessage(text: string, from: User = telegramUser()): Update {
  return textMessage({ id: -100123, type: 'group', title: 'Shop staff' }, text, from);
}

/** A press of an inline button carrying `data`, under the bot's message `messageId` in the private chat. */
export function callbackQuery(data: string, from: User = telegramUser(), messageId = 77): Update {
  return {
    update_id: nextId++,
    callback_query: {
      id: `callback-${nextId++}`,
      from,
      chat_instance: 'chat-instance-1',
      data,
      message: {
        message_id: messageId,
        date: now(),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        text: 'Choose your language.',
      },
    },
  };
}

function textMessage(chat: Chat.PrivateChat | Chat.GroupChat, text: string, from: User): Update {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: nextId++,
    message: {
      message_id: nextId++,
      date: now(),
      chat,
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Payments: what Telegram sends while a user pays an invoice (https://core.telegram.org/bots/payments).

/** The user pressed Pay: the bot must answer within 10 s whether the order may still be paid. */
export function preCheckoutQuery(
  invoice: { payload: string; totalAmount: number; currency: string },
  from: User = telegramUser(),
): Update {
  return {
    update_id: nextId++,
    pre_checkout_query: {
      id: `pre-checkout-${nextId++}`,
      from,
      currency: invoice.currency,
      total_amount: invoice.totalAmount,
      invoice_payload: invoice.payload,
    },
  };
}

/** The service message in the payer's private chat once the money was taken. */
export function successfulPayment(
  payment: {
    payload: string;
    totalAmount: number;
    currency: string;
    telegramChargeId: string;
    providerChargeId?: string;
  },
  from: User = telegramUser(),
): Update {
  const successful_payment: SuccessfulPayment = {
    currency: payment.currency,
    total_amount: payment.totalAmount,
    invoice_payload: payment.payload,
    telegram_payment_charge_id: payment.telegramChargeId,
    provider_payment_charge_id: payment.providerChargeId ?? `provider-${payment.telegramChargeId}`,
  };
  return {
    update_id: nextId++,
    message: {
      message_id: nextId++,
      date: now(),
      chat: { id: from.id, type: 'private', first_name: from.first_name },
      from,
      successful_payment,
    },
  };
}
