import type { SubscriptionStatus } from '@posy/prisma';

/**
 * The subscription status machine as data, the one place it is written. EXPIRED is set by the generator
 * when validUntil has passed (not by people); renewing an expired subscription makes it ACTIVE again, and
 * renewing an active or paused one only moves validUntil (no step). CANCELLED is final.
 */
const NEXT: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  ACTIVE: ['PAUSED', 'CANCELLED', 'EXPIRED'],
  PAUSED: ['ACTIVE', 'CANCELLED', 'EXPIRED'],
  EXPIRED: ['ACTIVE'],
  CANCELLED: [],
};

/** The statuses a subscription may go to from `from` (EXPIRED only by the generator). */
export function allowedNextSubscriptionStatuses(from: SubscriptionStatus): readonly SubscriptionStatus[] {
  return NEXT[from];
}

/** Statuses that still have a future: their validity can be extended. */
export const RENEWABLE_STATUSES: readonly SubscriptionStatus[] = ['ACTIVE', 'PAUSED', 'EXPIRED'];
