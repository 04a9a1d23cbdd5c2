import type { FulfillmentType, OrderStatus } from '@posy/prisma';
import type { ShopRole } from '../../auth/viewer.js';

/**
 * The order status machine as data, the one place it is written: the statuses an order may move to from
 * each status, per fulfillment type. A pickup is handed over at the shop (READY → PICKED_UP); a delivery
 * goes out with a courier and may come back to READY when it fails.
 */
const NEXT: Record<FulfillmentType, Record<OrderStatus, readonly OrderStatus[]>> = {
  DELIVERY: {
    NEW: ['CONFIRMED', 'CANCELLED'],
    CONFIRMED: ['IN_PRODUCTION', 'CANCELLED'],
    IN_PRODUCTION: ['READY', 'CANCELLED'],
    READY: ['OUT_FOR_DELIVERY', 'CANCELLED'],
    OUT_FOR_DELIVERY: ['DELIVERED', 'READY', 'CANCELLED'],
    DELIVERED: [],
    PICKED_UP: [],
    CANCELLED: [],
  },
  PICKUP: {
    NEW: ['CONFIRMED', 'CANCELLED'],
    CONFIRMED: ['IN_PRODUCTION', 'CANCELLED'],
    IN_PRODUCTION: ['READY', 'CANCELLED'],
    READY: ['PICKED_UP', 'CANCELLED'],
    OUT_FOR_DELIVERY: [],
    DELIVERED: [],
    PICKED_UP: [],
    CANCELLED: [],
  },
};

export function allowedNextStatuses(fulfillment: FulfillmentType, from: OrderStatus): readonly OrderStatus[] {
  return NEXT[fulfillment][from];
}

/** Statuses in which items, recipient, window and card text may still change: production has not started. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ['NEW', 'CONFIRMED'];

/**
 * Which steps each role may take, the second half of the rule (the first is `NEXT`). Managers and
 * admins may take any step, and so may API keys with orders:write (checked by the field's scope). A florist
 * makes the bouquets; a courier moves only the orders assigned to them (checked in the service); a customer
 * may only cancel their own order while it is NEW.
 */
const ROLE_STEPS: Partial<Record<ShopRole, readonly [OrderStatus, OrderStatus][]>> = {
  FLORIST: [
    ['CONFIRMED', 'IN_PRODUCTION'],
    ['IN_PRODUCTION', 'READY'],
  ],
  COURIER: [
    ['READY', 'OUT_FOR_DELIVERY'],
    ['OUT_FOR_DELIVERY', 'DELIVERED'],
    ['OUT_FOR_DELIVERY', 'READY'],
  ],
  CUSTOMER: [['NEW', 'CANCELLED']],
};

export function roleMayStep(role: ShopRole | null, from: OrderStatus, to: OrderStatus): boolean {
  if (role === null) return false;
  if (role === 'ADMIN' || role === 'MANAGER' || role === 'API_KEY') return true;
  return (ROLE_STEPS[role] ?? []).some(([f, t]) => f === from && t === to);
}

/**
 * The steps a viewer in `role` may take from `from` with changeOrderStatus (the order page's buttons):
 * `NEXT` less what the role may not do, and less cancelling, which has its own action asking for a reason.
 */
export function nextStatusesFor(role: ShopRole | null, fulfillment: FulfillmentType, from: OrderStatus) {
  return allowedNextStatuses(fulfillment, from).filter(
    (to) => to !== 'CANCELLED' && roleMayStep(role, from, to),
  );
}
