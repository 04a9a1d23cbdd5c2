import { DomainError } from '../../domain-error.js';

/**
 * Another customer of the shop already has this phone. The client offers to open (or merge with) that
 * customer; `existing` resolves it for those who may see it (a customer editing their own phone may not).
 */
export class DuplicateCustomer extends DomainError {
  constructor(
    readonly shopId: string,
    readonly phone: string,
  ) {
    super(`Another customer of the shop already has the phone ${phone}`);
  }
}

/**
 * Both customers of a merge are linked to a Telegram user: a customer is one person, so one of them is not
 * the other, and merging would drop a person's link to the shop.
 */
export class CustomersBothLinked extends DomainError {
  constructor() {
    super('Both customers are linked to a Telegram user; they are two people and cannot be merged');
  }
}

/** A customer with orders or subscriptions is kept: they are the shop's history (merge a duplicate instead). */
export class CustomerHasHistory extends DomainError {
  constructor(
    readonly orderCount: number,
    readonly subscriptionCount: number,
  ) {
    super(
      `The customer has ${orderCount} order(s) and ${subscriptionCount} subscription(s); merge them into another customer instead`,
    );
  }
}
