import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { t } from '../../i18n/i18n';
import type { OrderStatus } from '../OrdersPage/orders-filter';
import { ChangeOrderStatusMutation } from './order.documents';
import { type StatusChangeRefusal, statusChangeRefusalMessages } from './order-status-actions';

/**
 * A button for each status the server says the viewer may move the order to (`Order.nextStatuses`), sent
 * with the version shown, so a change made meanwhile is refused (StaleVersion) instead of overwritten.
 * The page follows the order live, so the new status arrives by itself; `onChanged` re-reads it anyway.
 */
export function OrderStatusActions(props: {
  order: { id: string; version: number; nextStatuses: readonly OrderStatus[] };
  onChanged: () => void;
}) {
  const [state, changeOrderStatus] = createMutation(ChangeOrderStatusMutation);
  const [refusal, setRefusal] = createSignal<StatusChangeRefusal>();

  async function move(to: OrderStatus) {
    const result = await changeOrderStatus({ id: props.order.id, version: props.order.version, to });
    const answer = result.data?.changeOrderStatus;
    setRefusal(answer?.__typename === 'MutationChangeOrderStatusSuccess' ? undefined : answer);
    if (answer) props.onChanged();
  }

  return (
    <Show when={props.order.nextStatuses.length > 0}>
      <fieldset class="order-actions">
        <legend class="visually-hidden">{t('order.step.label')}</legend>
        <For each={props.order.nextStatuses}>
          {(status) => (
            <button
              type="button"
              class="button button--small"
              disabled={state.fetching}
              onClick={() => void move(status)}
            >
              {t('order.step.moveTo', { status: t(`orderStatus.${status}`) })}
            </button>
          )}
        </For>
        <RefusalMessage refusal={refusal()} messages={statusChangeRefusalMessages} />
        <ErrorMessage error={state.error} />
      </fieldset>
    </Show>
  );
}
