import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { dateTime, t } from '../../i18n/i18n';
import {
  type NotificationKind,
  type NotificationStatus,
  type RecipientRole,
  type ResendRefusal,
  resendable,
  resendRefusalMessages,
  resendsNotifications,
} from './order-notifications';
import { OrderNotificationsQuery, ResendNotificationMutation } from './order-notifications.documents';

/**
 * The order's Telegram messages for staff: what went to whom and how it went, with a Resend button on the
 * ones that failed or were skipped (for admins and managers). The page shows it only to staff who may see it.
 */
export function OrderNotifications(props: { orderId: string }) {
  const [result, refetch] = createQuery({
    query: OrderNotificationsQuery,
    variables: () => ({ id: props.orderId }),
  });
  const [state, resend] = createMutation(ResendNotificationMutation);
  const [refusal, setRefusal] = createSignal<ResendRefusal>();
  const timeZone = () => activeShopAccess()?.shop.timezone;

  async function resendOne(id: string) {
    const answer = (await resend({ id })).data?.resendNotification;
    setRefusal(answer?.__typename === 'MutationResendNotificationSuccess' ? undefined : answer);
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <section class="section">
      <h2 class="section__title">{t('order.notifications')}</h2>
      <div class="section__body">
        <Show
          when={result.data?.order?.notifications?.length}
          fallback={<p class="empty">{t('order.notifications.none')}</p>}
        >
          <ul class="timeline">
            <For each={result.data?.order?.notifications}>
              {(notice) => (
                <li class="timeline__event">
                  <div class="timeline__what">
                    {t(`notificationKind.${notice.kind as NotificationKind}`)} → {notice.recipient.name} (
                    {t(`notificationRecipient.${notice.recipientRole as RecipientRole}`)})
                  </div>
                  <div class="timeline__meta">
                    {t(`notificationStatus.${notice.status as NotificationStatus}`)} ·{' '}
                    {dateTime(notice.sentAt ?? notice.createdAt, { timeZone: timeZone() })} ·{' '}
                    {t('order.notifications.attempts', { count: notice.attempts })}
                  </div>
                  <Show when={notice.lastError}>
                    <div class="timeline__note">{notice.lastError}</div>
                  </Show>
                  <Show when={resendable(notice.status) && resendsNotifications(activeShopAccess()?.role)}>
                    <button
                      type="button"
                      class="button button--small"
                      disabled={state.fetching}
                      onClick={() => void resendOne(notice.id)}
                    >
                      {t('order.notifications.resend')}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <RefusalMessage refusal={refusal()} messages={resendRefusalMessages} />
        <ErrorMessage error={result.error ?? state.error} />
      </div>
    </section>
  );
}
