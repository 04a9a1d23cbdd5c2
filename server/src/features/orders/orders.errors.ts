import type { OrderStatus } from '@posy/prisma';
import { DomainError } from '../../domain-error.js';

/** The requested status is not a legal next step from the current one. */
export class InvalidTransition extends DomainError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    readonly allowed: readonly OrderStatus[],
  ) {
    super(`An order cannot go from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}`);
  }
}

/**
 * The change named a version someone else has changed since; re-read it and try again. Any versioned record
 * answers it (orders, subscriptions): `what` names the record in the message.
 */
export class StaleVersion extends DomainError {
  constructor(
    readonly current: number,
    what = 'order',
  ) {
    super(`The ${what} has changed since you read it (now version ${current})`);
  }
}

/** The order has left the statuses in which it may be edited. */
export class OrderNotEditable extends DomainError {
  constructor(readonly status: OrderStatus) {
    super(`An order in ${status} can no longer be edited: production has started`);
  }
}

/**
 * The idempotency key was already used for a different request. Typed, not BAD_USER_INPUT: the input is
 * valid on its own, and the client must branch (make a new key, or show the first order) rather than fix a field.
 */
export class IdempotencyKeyReused extends DomainError {
  constructor(readonly orderId: string) {
    super('This idempotency key was already used for a different order');
  }
}

/** Payment state cannot take this step (paying a paid order, refunding an unpaid one). */
export class InvalidPaymentTransition extends DomainError {
  constructor(readonly paymentStatus: string) {
    super(`The order's payment is ${paymentStatus}; this step is not possible`);
  }
}

/**
 * The edit would change the total of an order already paid: the money taken would no longer match it.
 * Refused rather than left to be noticed: the shop keeps the total, or settles the payment first.
 */
export class PaidTotalChange extends DomainError {
  constructor(
    readonly paidMinor: number,
    readonly totalMinor: number,
  ) {
    super(
      `The order is paid (${paidMinor} minor units); this edit would make its total ${totalMinor}. ` +
        'Keep the total, or refund the payment first',
    );
  }
}
