import { DomainError } from '../../domain-error.js';

/** No provider token is configured for the shop (or no bot): its orders are paid at the shop. */
export class TelegramPaymentsUnavailable extends DomainError {
  constructor() {
    super('Payment in Telegram is off for this shop: the order is paid at the shop');
  }
}

export type NotPayableReason = 'CANCELLED' | 'ALREADY_PAID' | 'ZERO_TOTAL' | 'WINDOW_PASSED';

/** The order cannot take a payment now; `reason` says why. */
export class OrderNotPayable extends DomainError {
  constructor(readonly reason: NotPayableReason) {
    super(`The order cannot be paid now: ${reason}`);
  }
}

/**
 * Telegram did not refund the Stars payment (refundStarPayment failed, or could not be asked): nothing was
 * recorded, the order stays paid. `description` is Telegram's reason, to show the person who asked.
 */
export class RefundRefused extends DomainError {
  constructor(readonly description: string) {
    super(`Telegram refused the refund: ${description}`);
  }
}
