import { z } from 'zod';
import { builder } from '../../builder.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { isLocalDate } from './local-time.js';

/** Who sees a shop's checkout options: its staff, its customers at checkout, and order keys. */
export const seesCheckout = {
  shopRole: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'],
  customer: true,
  apiScope: 'orders:read',
  // One key per scope in an object: keys that create orders see the slots they choose from.
  $any: { apiScope: 'orders:write' },
} as const;

/** A row of another shop is not found by its global id. */
const inActiveShop = (id: string, ctx: { shopId: string | null }) => ({ id, shopId: ctx.shopId ?? '' });

export const DeliverySlotRef = builder.prismaNode('DeliverySlot', {
  select: { id: true },
  id: { field: 'id' },
  description: 'A window of a weekday the shop delivers (and hands over pickups) in, with its capacity.',
  findUnique: inActiveShop,
  nullable: true,
  authScopes: seesCheckout,
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' }),
    startMinutes: t.exposeInt('startMinutes', { description: 'Minutes past local midnight.' }),
    endMinutes: t.exposeInt('endMinutes', { description: 'Minutes past local midnight.' }),
    capacity: t.exposeInt('capacity', { description: 'Orders the slot takes on one date.' }),
    active: t.exposeBoolean('active'),
  }),
});

export const PickupPointRef = builder.prismaNode('PickupPoint', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: inActiveShop,
  nullable: true,
  authScopes: seesCheckout,
  fields: (t) => ({
    name: t.exposeString('name'),
    address: t.exposeString('address'),
    active: t.exposeBoolean('active', { description: 'False once archived: no new order can choose it.' }),
  }),
});

export const DeliveryZoneRef = builder.prismaNode('DeliveryZone', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: inActiveShop,
  nullable: true,
  authScopes: seesCheckout,
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    fee: t.field({
      type: MoneyRef,
      description: 'Replaces the shop’s flat delivery fee for orders to this zone.',
      select: { feeMinor: true, shop: { select: { currency: true } } },
      resolve: (zone) => money(zone.feeMinor, zone.shop.currency),
    }),
    active: t.exposeBoolean('active', { description: 'False once archived: no new order can choose it.' }),
  }),
});

export const ShopClosureRef = builder.prismaObject('ShopClosure', {
  select: { id: true },
  description: 'A local date on which the shop takes no orders for delivery or pickup.',
  fields: (t) => ({
    date: t.string({
      select: { date: true },
      description: 'YYYY-MM-DD, the shop’s local date.',
      resolve: (closure) => closure.date.toISOString().slice(0, 10),
    }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

/** A local date of the shop as YYYY-MM-DD, refused as BAD_USER_INPUT on its field otherwise. */
export const localDate = z.string().refine(isLocalDate, 'Give the date as YYYY-MM-DD');

export const SlotChoiceInput = builder.inputType('SlotChoiceInput', {
  description: 'A delivery slot on a local date of the shop (see availableSlots).',
  fields: (t) => ({
    slotId: t.globalID({ required: true, for: DeliverySlotRef }),
    date: t.string({ required: true, validate: localDate, description: 'YYYY-MM-DD, the shop’s time zone.' }),
  }),
});

builder.prismaObjectFields('Order', (t) => ({
  pickupPoint: t.relation('pickupPoint', { nullable: true }),
  deliveryZone: t.relation('deliveryZone', { nullable: true }),
}));
