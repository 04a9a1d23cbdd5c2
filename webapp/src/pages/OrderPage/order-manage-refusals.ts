import type { ResultOf } from 'gql.tada';
import type { MessageKey } from '../../i18n/messages';
import type {
  AssignCourierMutation,
  AssignFloristMutation,
  CancelOrderMutation,
  MarkOrderPaidMutation,
  UpdateOrderMutation,
} from './order-manage.documents';

type Answer =
  | ResultOf<typeof CancelOrderMutation>['cancelOrder']
  | ResultOf<typeof AssignCourierMutation>['assignCourier']
  | ResultOf<typeof AssignFloristMutation>['assignProductionTask']
  | ResultOf<typeof MarkOrderPaidMutation>['markOrderPaid']
  | ResultOf<typeof UpdateOrderMutation>['updateOrder'];

/** What the order page's manager actions answer when refused. */
export type OrderManageRefusal = Exclude<Answer, { __typename: `Mutation${string}Success` }>;

export const orderManageRefusalMessages: Record<OrderManageRefusal['__typename'], MessageKey> = {
  StaleVersion: 'order.step.stale',
  InvalidTransition: 'order.step.invalid',
  DeliveryNotAssignable: 'orderManage.refused.notAssignable',
  NotACourier: 'orderManage.refused.notACourier',
  NotADelivery: 'orderManage.refused.notADelivery',
  NotAFlorist: 'orderManage.refused.notAFlorist',
  InvalidTaskStatus: 'orderManage.refused.taskClosed',
  TaskAlreadyTaken: 'productionTask.refused.taken',
  InvalidPaymentTransition: 'orderManage.refused.payment',
  InsufficientStock: 'order.step.insufficientStock',
  OrderNotEditable: 'orderManage.refused.notEditable',
  PaidTotalChange: 'orderManage.refused.paidTotal',
  SlotUnavailable: 'newOrder.refused.slot',
};
