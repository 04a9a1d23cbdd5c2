import type { ResultOf } from 'gql.tada';
import type { MessageKey } from '../../i18n/messages';
import type {
  CancelSubscriptionMutation,
  PauseSubscriptionMutation,
  RenewSubscriptionMutation,
  ResumeSubscriptionMutation,
} from './subscriptions.documents';

/** What a row's actions answer: the subscription as it now is, or a typed refusal. */
export type SubscriptionAnswer =
  | ResultOf<typeof PauseSubscriptionMutation>['pauseSubscription']
  | ResultOf<typeof ResumeSubscriptionMutation>['resumeSubscription']
  | ResultOf<typeof CancelSubscriptionMutation>['cancelSubscription']
  | ResultOf<typeof RenewSubscriptionMutation>['renewSubscription'];

export type SubscriptionRefusal = Exclude<SubscriptionAnswer, { __typename: `Mutation${string}Success` }>;

/** Each refusal in the user's words, by its `__typename` (a new one is a compile error here). */
export const subscriptionRefusalMessages: Record<SubscriptionRefusal['__typename'], MessageKey> = {
  InvalidSubscriptionTransition: 'subscriptions.refused.transition',
  StaleVersion: 'subscriptions.refused.stale',
};

export function refusalOf(answer: SubscriptionAnswer): SubscriptionRefusal | undefined {
  return answer.__typename.startsWith('Mutation') ? undefined : (answer as SubscriptionRefusal);
}
