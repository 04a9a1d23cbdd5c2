import { DomainError } from '../../domain-error.js';

/** The customer record already belongs to a Telegram user: a record is one person, so it links once. */
export class CustomerAlreadyLinked extends DomainError {
  constructor() {
    super('This customer is already linked to a Telegram account');
  }
}

/** Someone already used this link: a link links one record, once. */
export class CustomerLinkUsed extends DomainError {
  constructor(readonly usedAt: Date) {
    super('This link was already used');
  }
}

/** The link's time ran out before it was used; the shop can send a new one. */
export class CustomerLinkExpired extends DomainError {
  constructor(readonly expiresAt: Date) {
    super('This link has expired; ask the shop for a new one');
  }
}

/**
 * The signed-in person already has a customer record in the link's shop (one per person and shop): the
 * shop can merge the two records instead.
 */
export class AlreadyCustomer extends DomainError {
  constructor() {
    super('You already are a customer of this shop; ask it to merge your records');
  }
}
