// The Delivery type and what it adds to orders and shops: an order's delivery progress, the link that
// opens its address in maps, and the shop's way of giving deliveries their courier.
import { CourierAssignment, DeliveryStatus } from '@posy/prisma';
import { builder } from '../../builder.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { seesDeliveryProof } from '../common/delivery-access.js';
import { OrderRef } from '../orders/orders.schema.js';
import { ShopRef } from '../shops/shops.schema.js';
import { ImageRef } from '../uploads/uploads.schema.js';
import { HANDOVER_MAX_ATTEMPTS } from './handover-code.js';

export const DeliveryStatusEnum = builder.enumType(DeliveryStatus, { name: 'DeliveryStatus' });
export const CourierAssignmentEnum = builder.enumType(CourierAssignment, { name: 'CourierAssignment' });

/** A maps search for the address: a plain https link every phone opens in its maps app or browser. */
export const mapsUrl = (address: string) =>
  `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;

export const DeliveryRef = builder.prismaObject('Delivery', {
  select: { id: true },
  description:
    'The progress of an order’s delivery. The order’s courier says who delivers; its status follows: ' +
    'ASSIGNED, PICKED_UP (order OUT_FOR_DELIVERY), EN_ROUTE, DELIVERED, or FAILED (order back to READY).',
  fields: (t) => ({
    status: t.expose('status', { type: DeliveryStatusEnum }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime', nullable: true }),
    pickedUpAt: t.expose('pickedUpAt', { type: 'DateTime', nullable: true }),
    enRouteAt: t.expose('enRouteAt', { type: 'DateTime', nullable: true }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    failedAt: t.expose('failedAt', { type: 'DateTime', nullable: true }),
    failedReason: t.exposeString('failedReason', { nullable: true }),
    handoverCodeSent: t.boolean({
      description: 'A handover code was sent for this trip: the courier completes with it.',
      select: { handoverCodeHash: true },
      resolve: (d) => d.handoverCodeHash !== null,
    }),
    handoverCodeLocked: t.boolean({
      description:
        'Too many wrong codes: the courier attaches a photo and a manager approves (approveDeliveryWithoutCode).',
      select: { handoverLockedAt: true },
      resolve: (d) => d.handoverLockedAt !== null,
    }),
    // Null rather than refused for the customer, so their order page (which may ask) still loads.
    handoverAttemptsLeft: t.int({
      nullable: true,
      description: 'Wrong codes left before the code locks; for the shop’s staff, null for others.',
      select: { handoverAttempts: true },
      resolve: (d, _args, ctx) =>
        seesDeliveryProof(ctx) ? Math.max(0, HANDOVER_MAX_ATTEMPTS - d.handoverAttempts) : null,
    }),
    approvedWithoutCodeAt: t.expose('approvedWithoutCodeAt', { type: 'DateTime', nullable: true }),
    proof: t.field({
      type: ImageRef,
      nullable: true,
      description: 'The photo of the handover (DELIVERY_PROOF): for the shop’s staff only, null for others.',
      select: (_args, _ctx, nestedSelection) => ({ proof: nestedSelection(true) }),
      resolve: (d, _args, ctx) => (seesDeliveryProof(ctx) ? d.proof : null),
    }),
  }),
});

builder.prismaObjectFields(OrderRef, (t) => ({
  delivery: t.relation('delivery', {
    nullable: true,
    description: 'The delivery’s progress, once a courier was given; null for pickups and before.',
  }),
  mapsUrl: t.string({
    nullable: true,
    description: 'Opens the delivery address in maps; null without an address.',
    select: { deliveryAddress: true },
    resolve: (order) => (order.deliveryAddress ? mapsUrl(order.deliveryAddress) : null),
  }),
}));

/**
 * A delivery in the pool, as a courier choosing one sees it: where and when, not yet who receives it or
 * what the card says (that comes with the order once taken). Not the Order itself, which a courier may
 * only read once it is theirs (visibleOrders).
 */
export const PooledDeliveryRef = builder.prismaObject('Order', {
  variant: 'PooledDelivery',
  select: { id: true },
  description: 'A delivery order without a courier, as the pool shows it; `takeDelivery(orderId)` takes it.',
  fields: (t) => ({
    orderId: t.field({
      type: 'ID',
      description: 'The Order’s global id, for takeDelivery.',
      select: { id: true },
      resolve: (order) => encodeGlobalId('Order', order.id),
    }),
    number: t.exposeInt('number'),
    windowStart: t.expose('windowStart', { type: 'DateTime', nullable: true }),
    windowEnd: t.expose('windowEnd', { type: 'DateTime', nullable: true }),
    deliveryAddress: t.exposeString('deliveryAddress', { nullable: true }),
    mapsUrl: t.string({
      nullable: true,
      select: { deliveryAddress: true },
      resolve: (order) => (order.deliveryAddress ? mapsUrl(order.deliveryAddress) : null),
    }),
  }),
});

builder.prismaObjectFields(ShopRef, (t) => ({
  courierAssignment: t.expose('courierAssignment', {
    type: CourierAssignmentEnum,
    description: 'Who gives deliveries their courier: the managers, or the couriers from the pool.',
  }),
}));
