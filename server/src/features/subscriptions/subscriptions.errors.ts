import type { SubscriptionStatus } from '@posy/prisma';
import { DomainError } from '../../domain-error.js';

/** The requested step is not a legal one from the subscription's status (subscription-status.ts). */
export class InvalidSubscriptionTransition extends DomainError {
  constructor(
    readonly from: SubscriptionStatus,
    readonly to: SubscriptionStatus,
    readonly allowed: readonly SubscriptionStatus[],
  ) {
    super(`A subscription cannot go from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}`);
  }
}
