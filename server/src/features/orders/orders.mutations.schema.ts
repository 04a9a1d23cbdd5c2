import type { ArgBuilder } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { CARD_TEXT_CEILING } from '../checkout/checkout-order.service.js';
import { DeliveryZoneRef, PickupPointRef, SlotChoiceInput } from '../checkout/checkout-types.schema.js';
import { SlotUnavailableError } from '../checkout/slot-availability.service.js';
import { CustomerRef } from '../customers/customers.schema.js';
import { BouquetNotApproved } from '../production/production.errors.js';
import { ProductRef } from '../products/products.schema.js';
import { InsufficientStockError } from '../stock/insufficient-stock.error.js';
import { markOrderPaid, markOrderRefunded } from './order-payments.service.js';
import {
  IdempotencyKeyReused,
  InvalidPaymentTransition,
  InvalidTransition,
  OrderNotEditable,
  PaidTotalChange,
  StaleVersion,
} from './orders.errors.js';
import './orders.errors.schema.js';
import { createOrder } from './order-create.service.js';
import { FulfillmentTypeEnum, OrderRef, OrderStatusEnum } from './orders.schema.js';
import { changeOrderStatus, updateOrder } from './orders.service.js';

const text = (max: number) => z.string().max(max, `At most ${max} characters`);

const OrderItemInput = builder.inputType('OrderItemInput', {
  fields: (t) => ({
    productId: t.globalID({ required: true, for: ProductRef }),
    quantity: t.int({ required: true, validate: z.number().int().min(1).max(999) }),
  }),
});

export const RecipientInput = builder.inputType('RecipientInput', {
  description: 'Who receives the flowers, when it is not the customer.',
  fields: (t) => ({
    name: t.string({ required: true, validate: text(200).min(1) }),
    phone: t.string({ required: true, validate: text(32).min(3) }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** Every change names the order and the version it read (StaleVersion otherwise). */
const versionedOrder = (arg: ArgBuilder<Types>) => ({
  id: arg.globalID({ for: OrderRef, required: true }),
  version: arg.int({ required: true }),
});

/** What create sets and a patch edits (OrderDetails in order-create.service.ts); all optional. */
const orderDetailFields = (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) => ({
  recipient: t.field({ type: RecipientInput, required: false, description: 'Empty: for the customer.' }),
  deliveryAddress: t.string({ required: false, validate: text(500) }),
  instructions: t.string({ required: false, validate: text(500) }),
  slot: t.field({
    type: SlotChoiceInput,
    required: false,
    description:
      'When it is delivered or picked up; the window is the slot’s in the shop’s time zone. Required of ' +
      'customers and API keys; a manager may leave it empty (time to be agreed). In a patch, null clears it.',
  }),
  cardText: t.string({
    required: false,
    validate: text(CARD_TEXT_CEILING),
    description: 'At most the shop’s card text limit (checkoutSettings.cardTextMaxLength).',
  }),
  anonymousSender: t.boolean({ required: false }),
  overrideSlotRules: t.boolean({
    required: false,
    description: 'ADMIN/MANAGER only: take the slot even when it is full, closed, past, cut off or too soon.',
  }),
});

const CreateOrderInput = builder.inputType('CreateOrderInput', {
  fields: (t) => ({
    customerId: t.globalID({ required: false, for: CustomerRef, description: 'Staff and API keys only.' }),
    items: t.field({ type: [OrderItemInput], required: true }),
    fulfillment: t.field({ type: FulfillmentTypeEnum, required: true }),
    ...orderDetailFields(t),
    pickupPointId: t.globalID({
      required: false,
      for: PickupPointRef,
      description: 'PICKUP: where it is collected. Required of customers and API keys.',
    }),
    deliveryZoneId: t.globalID({
      required: false,
      for: DeliveryZoneRef,
      description: 'DELIVERY: the zone whose fee replaces the shop’s flat delivery fee.',
    }),
    idempotencyKey: t.string({
      required: false,
      description: 'A retry with the same key and body answers the same order.',
      validate: text(100).min(8),
    }),
  }),
});

const OrderPatchInput = builder.inputType('OrderPatchInput', {
  description: 'Fields to change; omitted ones stay.',
  fields: (t) => ({
    items: t.field({ type: [OrderItemInput], required: false }),
    ...orderDetailFields(t),
    pickupPointId: t.globalID({
      required: false,
      for: PickupPointRef,
      description: 'PICKUP: another active pickup point; null (managers only) leaves it to be agreed.',
    }),
    deliveryZoneId: t.globalID({
      required: false,
      for: DeliveryZoneRef,
      description:
        'DELIVERY: another active zone, whose fee the order takes; null goes back to the shop’s flat fee. ' +
        'The total follows (PaidTotalChange once the order is paid).',
    }),
  }),
});

/** A patch's id: undefined keeps the field, null takes it away. */
const patchedId = (id: { id: string } | null | undefined) =>
  id === undefined ? undefined : (id?.id ?? null);

/** The order a service changed, read fresh for the answer. */
const reread = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.order.findUniqueOrThrow({ where: { id } });

const CHANGE_ROLES = {
  shopRole: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'],
  customer: true,
  apiScope: 'orders:write',
} as const;
const MANAGE = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'orders:write' } as const;

builder.mutationField('createOrder', (t) =>
  t.field({
    type: OrderRef,
    description: 'A new order priced from the catalog now.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'], customer: true, apiScope: 'orders:write' },
    errors: { types: [IdempotencyKeyReused, SlotUnavailableError, InsufficientStockError] },
    args: { input: t.arg({ type: CreateOrderInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      reread(
        ctx,
        await createOrder(ctx, {
          ...input,
          customerId: input.customerId?.id,
          pickupPointId: input.pickupPointId?.id,
          deliveryZoneId: input.deliveryZoneId?.id,
          slot: input.slot && { slotId: input.slot.slotId.id, date: input.slot.date },
          items: input.items.map((i) => ({ productId: i.productId.id, quantity: i.quantity })),
        }),
      ),
  }),
);

builder.mutationField('updateOrder', (t) =>
  t.field({
    type: OrderRef,
    description:
      'Edits items, recipient, slot, pickup point, delivery zone or card text until production starts.',
    authScopes: MANAGE,
    errors: {
      types: [StaleVersion, OrderNotEditable, InsufficientStockError, SlotUnavailableError, PaidTotalChange],
    },
    args: {
      ...versionedOrder(t.arg),
      patch: t.arg({ type: OrderPatchInput, required: true }),
    },
    resolve: async (_root, args, ctx) =>
      reread(
        ctx,
        await updateOrder(ctx, {
          id: args.id.id,
          version: args.version,
          patch: {
            ...args.patch,
            pickupPointId: patchedId(args.patch.pickupPointId),
            deliveryZoneId: patchedId(args.patch.deliveryZoneId),
            slot: args.patch.slot && { slotId: args.patch.slot.slotId.id, date: args.patch.slot.date },
            items: args.patch.items?.map((i) => ({ productId: i.productId.id, quantity: i.quantity })),
          },
        }),
      ),
  }),
);

builder.mutationField('changeOrderStatus', (t) =>
  t.field({
    type: OrderRef,
    description: 'Moves the order to the next status; `note` is the reason when cancelling.',
    authScopes: CHANGE_ROLES,
    errors: { types: [StaleVersion, InvalidTransition, InsufficientStockError, BouquetNotApproved] },
    args: {
      ...versionedOrder(t.arg),
      to: t.arg({ type: OrderStatusEnum, required: true }),
      note: t.arg.string({ required: false, validate: text(500) }),
    },
    resolve: async (_root, args, ctx) =>
      reread(
        ctx,
        await changeOrderStatus(ctx, { id: args.id.id, version: args.version, to: args.to, note: args.note }),
      ),
  }),
);

builder.mutationField('cancelOrder', (t) =>
  t.field({
    type: OrderRef,
    description: 'Cancels an open order, with the reason; the same rules as changeOrderStatus to CANCELLED.',
    authScopes: CHANGE_ROLES,
    errors: { types: [StaleVersion, InvalidTransition] },
    args: {
      ...versionedOrder(t.arg),
      reason: t.arg.string({ required: true, validate: text(500) }),
    },
    resolve: async (_root, args, ctx) =>
      reread(
        ctx,
        await changeOrderStatus(ctx, {
          id: args.id.id,
          version: args.version,
          to: 'CANCELLED',
          note: args.reason,
        }),
      ),
  }),
);

builder.mutationField('markOrderPaid', (t) =>
  t.field({
    type: OrderRef,
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    errors: { types: [StaleVersion, InvalidPaymentTransition] },
    args: {
      ...versionedOrder(t.arg),
      method: t.arg.string({ required: true, validate: text(50).min(1) }),
      reference: t.arg.string({ required: false, validate: text(200) }),
    },
    resolve: async (_root, args, ctx) => reread(ctx, await markOrderPaid(ctx, { ...args, id: args.id.id })),
  }),
);

builder.mutationField('markOrderRefunded', (t) =>
  t.field({
    type: OrderRef,
    // Kept for integrators: it only records a refund, which for a payment made in Telegram leaves the
    // payment row unrefunded and a Stars payment's money with the shop.
    deprecationReason:
      'Use refundOrderPayment: it refunds Telegram Stars through Telegram and records the refund on the payment too.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    errors: { types: [StaleVersion, InvalidPaymentTransition] },
    args: {
      ...versionedOrder(t.arg),
      reason: t.arg.string({ required: true, validate: text(500).min(1) }),
    },
    resolve: async (_root, args, ctx) =>
      reread(ctx, await markOrderRefunded(ctx, { ...args, id: args.id.id })),
  }),
);
