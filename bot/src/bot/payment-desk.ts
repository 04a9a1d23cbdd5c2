/** Why an order can no longer be paid when the payer presses Pay. */
export type PaymentRefusal = 'NOT_FOUND' | 'CANCELLED' | 'ALREADY_PAID' | 'AMOUNT_CHANGED' | 'WINDOW_PASSED';

/** What Telegram reported of an invoice paid (message.successful_payment). */
export interface ReportedPayment {
  payload: string;
  totalAmount: number;
  currency: string;
  telegramChargeId: string;
  providerChargeId: string;
  telegramUserId: number;
}

/**
 * Where the bot checks and records payments of invoices the server created. The server backs it with the
 * database (the bot package knows none), as it backs the {@link StartLinkLookup}.
 */
export interface PaymentDesk {
  /**
   * Whether the order the invoice `payload` names may still be paid `totalAmount` in `currency`: Telegram
   * waits 10 s for the answer, so one or two queries at most.
   */
  check(
    payload: string,
    totalAmount: number,
    currency: string,
    telegramUserId: number,
  ): Promise<PaymentRefusal | null>;
  /**
   * Records the payment once: `recorded` the first time this charge is reported, `repeated` when Telegram
   * reports it again (the same update delivered twice, or another one with the same charge id).
   */
  record(payment: ReportedPayment): Promise<'recorded' | 'repeated'>;
}
