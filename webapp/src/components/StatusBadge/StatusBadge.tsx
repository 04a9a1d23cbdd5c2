import { t } from '../../i18n/i18n';
import type { OrderStatus } from '../../pages/OrdersPage/orders-filter';

export function StatusBadge(props: { status: OrderStatus }) {
  return <span class={`badge badge--${props.status.toLowerCase()}`}>{t(`orderStatus.${props.status}`)}</span>;
}
