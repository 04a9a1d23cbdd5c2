import type { ResultOf } from 'gql.tada';
import type { MessageKey } from '../../i18n/messages';
import type { ChangeOrderStatusMutation } from './order.documents';

/** What a step answers when it is refused, rather than the order. */
export type StatusChangeRefusal = Exclude<
  ResultOf<typeof ChangeOrderStatusMutation>['changeOrderStatus'],
  { __typename: 'MutationChangeOrderStatusSuccess' }
>;

/** Each refusal of a step in the user's words, by its `__typename`. */
export const statusChangeRefusalMessages: Record<StatusChangeRefusal['__typename'], MessageKey> = {
  StaleVersion: 'order.step.stale',
  InvalidTransition: 'order.step.invalid',
  InsufficientStock: 'order.step.insufficientStock',
  BouquetNotApproved: 'order.step.bouquetNotApproved',
};
