import type { ResultOf } from 'gql.tada';
import type { ShopAccess } from '../../auth/session';
import type { MessageKey } from '../../i18n/messages';
import type { OrderNotificationsQuery, ResendNotificationMutation } from './order-notifications.documents';

/** Who sees the order's notifications (the server's visibleNotifications) and who may resend one. */
export const seesNotifications = (role: ShopAccess['role'] | undefined) =>
  role === 'ADMIN' || role === 'MANAGER' || role === 'FLORIST';
export const resendsNotifications = (role: ShopAccess['role'] | undefined) =>
  role === 'ADMIN' || role === 'MANAGER';

type Notice = NonNullable<ResultOf<typeof OrderNotificationsQuery>['order']>['notifications'][number];
export type NotificationKind = Notice['kind'];
export type NotificationStatus = Notice['status'];
export type RecipientRole = Notice['recipientRole'];

/** Only these go out again; the server refuses the rest (NotificationNotResendable). */
export const resendable = (status: string) => status === 'FAILED' || status === 'SKIPPED';

export type ResendRefusal = Exclude<
  ResultOf<typeof ResendNotificationMutation>['resendNotification'],
  { __typename: 'MutationResendNotificationSuccess' }
>;

export const resendRefusalMessages: Record<ResendRefusal['__typename'], MessageKey> = {
  NotificationNotResendable: 'order.notifications.notResendable',
  NotificationCodeExpired: 'order.notifications.codeExpired',
};
