import type { NotificationKind, NotificationStatus } from '@posy/prisma';
import { DomainError } from '../../domain-error.js';

/** Why a notification is not sent again. */
export type NotResendableReason =
  /** It went out (SENT), or is still on its way (PENDING, SENDING). */
  | 'NOT_FAILED'
  /** The recipient blocked the bot and has not unblocked it since. */
  | 'BOT_BLOCKED'
  /** The recipient has no Telegram account linked. */
  | 'NO_TELEGRAM';

/** Only a FAILED or SKIPPED notification to a reachable recipient is sent again. */
export class NotificationNotResendable extends DomainError {
  constructor(
    readonly status: NotificationStatus,
    readonly reason: NotResendableReason,
  ) {
    super(
      reason === 'NOT_FAILED'
        ? `The notification is ${status}; only a failed or skipped one is sent again`
        : reason === 'BOT_BLOCKED'
          ? 'The recipient has blocked the bot; it can be sent again once they unblock it'
          : 'The recipient has no Telegram account linked',
    );
  }
}

/** A login or handover code that no longer works (expired, replaced, or removed from the row) is not resent. */
export class NotificationCodeExpired extends DomainError {
  constructor(readonly kind: NotificationKind) {
    super('The code in this notification no longer works; a new one must be made instead');
  }
}
