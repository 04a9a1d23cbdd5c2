import { Show } from 'solid-js';
import { t } from '../../i18n/i18n';
import type { DeliveryStatus } from '../../offline/predicted-delivery';

export function DeliveryStatusBadge(props: { status: DeliveryStatus | undefined }) {
  return (
    <Show when={props.status}>
      {(status) => (
        <span class={`badge courier-badge courier-badge--${status().toLowerCase()}`} data-status={status()}>
          {t(`courier.status.${status()}`)}
        </span>
      )}
    </Show>
  );
}
