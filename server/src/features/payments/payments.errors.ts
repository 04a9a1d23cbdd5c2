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
