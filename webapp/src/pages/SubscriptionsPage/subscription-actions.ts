import { todayIn } from '../../i18n/format';
import type { ShopSubscription } from './subscriptions.loader';

export interface SubscriptionActions {
  pause: boolean;
  resume: boolean;
  cancel: boolean;
  renew: boolean;
}

/**
 * What a row offers for a subscription in its status, as the server's status machine allows
 * (server/src/features/subscriptions/subscription-status.ts): pause an active one, resume a paused one,
 * cancel either, renew any but a cancelled one (an expired one becomes active again).
 */
export function subscriptionActions(status: ShopSubscription['status']): SubscriptionActions {
  return {
    pause: status === 'ACTIVE',
    resume: status === 'PAUSED',
    cancel: status === 'ACTIVE' || status === 'PAUSED',
    renew: status !== 'CANCELLED',
  };
}

const day = 24 * 60 * 60 * 1000;

/**
 * The last day (`YYYY-MM-DD` on the shop's clock) a renewal proposes: one more term, as long as the
 * subscription has run so far (validFrom to validUntil), after its end, or after today when it ended
 * already (a term added to a long-past end would still be over).
 */
export function renewalLastDay(
  subscription: Pick<ShopSubscription, 'validFrom' | 'validUntil'>,
  timeZone: string,
  now: Date = new Date(),
): string {
  const until = Date.parse(subscription.validUntil);
  const term = Math.max(until - Date.parse(subscription.validFrom), day);
  return todayIn(timeZone, new Date(Math.max(until, now.getTime()) + term));
}
