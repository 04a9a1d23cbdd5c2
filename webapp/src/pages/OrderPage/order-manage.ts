import type { ShopRole } from '../../auth/access';
import type { OrderStatus } from '../OrdersPage/orders-filter';

export interface ManagedOrder {
  status: OrderStatus;
  fulfillment: 'DELIVERY' | 'PICKUP';
  paymentStatus: 'UNPAID' | 'PAID' | 'REFUNDED';
}

export interface OrderManageActions {
  cancel: boolean;
  edit: boolean;
  assignCourier: boolean;
  assignFlorist: boolean;
  markPaid: boolean;
}

const closed: readonly OrderStatus[] = ['DELIVERED', 'PICKED_UP', 'CANCELLED'];

/**
 * The order page's manager actions, as the server allows them (orders.mutations.schema.ts,
 * order-status.ts, delivery and production services), so no button is offered that would be refused for
 * the role or the status alone: cancelling an open order, editing until production (EDITABLE_STATUSES),
 * a courier for a delivery until it leaves, a florist while the task is open, marking an unpaid order paid.
 * Admins and managers only.
 */
export function orderManageActions(order: ManagedOrder, role: ShopRole | undefined): OrderManageActions {
  if (role !== 'ADMIN' && role !== 'MANAGER') {
    return { cancel: false, edit: false, assignCourier: false, assignFlorist: false, markPaid: false };
  }
  const open = !closed.includes(order.status);
  return {
    cancel: open,
    edit: order.status === 'NEW' || order.status === 'CONFIRMED',
    assignCourier:
      order.fulfillment === 'DELIVERY' &&
      ['NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY'].includes(order.status),
    assignFlorist: order.status === 'CONFIRMED' || order.status === 'IN_PRODUCTION',
    markPaid: order.paymentStatus === 'UNPAID' && order.status !== 'CANCELLED',
  };
}
