import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { ProductRef } from '../products/products.schema.js';
import { DeliveryZoneRef, seesCheckout } from './checkout-types.schema.js';
import {
  availableSlots,
  SLOT_UNAVAILABLE_REASONS,
  type SlotOfDay,
  SlotUnavailableError,
} from './slot-availability.service.js';

export const SlotUnavailableReasonRef = builder.enumType('SlotUnavailableReason', {
  values: SLOT_UNAVAILABLE_REASONS,
});

/** Listed by the order mutations in `errors: { types }` once they take a slot. */
export const SlotUnavailableRef = builder.objectType(SlotUnavailableError, {
  name: 'SlotUnavailable',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    reason: t.field({ type: SlotUnavailableReasonRef, resolve: (error) => error.reason }),
  }),
});

const AvailableSlotRef = builder.objectRef<SlotOfDay>('AvailableSlot').implement({
  description: 'One delivery slot on one local date, and whether a customer can still choose it.',
  fields: (t) => ({
    slotId: t.globalID({
      description: 'The DeliverySlot to name in SlotChoiceInput.',
      resolve: (slot) => ({ type: 'DeliverySlot', id: slot.slotId }),
    }),
    windowStart: t.expose('windowStart', { type: 'DateTime' }),
    windowEnd: t.expose('windowEnd', { type: 'DateTime' }),
    capacity: t.exposeInt('capacity'),
    taken: t.exposeInt('taken'),
    remaining: t.exposeInt('remaining'),
    available: t.boolean({ resolve: (slot) => slot.reason === null }),
    reason: t.field({ type: SlotUnavailableReasonRef, nullable: true, resolve: (slot) => slot.reason }),
  }),
});

builder.queryField('availableSlots', (t) =>
  t.field({
    type: [AvailableSlotRef],
    description: 'Every delivery slot of a local date (YYYY-MM-DD, the shop’s time zone) of the active shop.',
    // Staff plan deliveries, customers and order keys choose a slot at checkout.
    authScopes: seesCheckout,
    args: {
      date: t.arg.string({ required: true }),
      zoneId: t.arg.globalID({ required: false, for: DeliveryZoneRef }),
      productIds: t.arg.globalIDList({
        required: false,
        for: ProductRef,
        description:
          'The products of the order: a slot sooner than the slowest one’s lead time is LEAD_TIME.',
      }),
      leadTimeMinutes: t.arg.int({
        required: false,
        defaultValue: 0,
        description: 'A floor for the lead time; the products’ own lead times raise it.',
      }),
    },
    resolve: (_root, args, ctx) =>
      availableSlots(ctx, {
        date: args.date,
        zoneId: args.zoneId?.id,
        leadTimeMinutes: args.leadTimeMinutes ?? 0,
        productIds: args.productIds?.map((p) => p.id) ?? [],
      }),
  }),
);
