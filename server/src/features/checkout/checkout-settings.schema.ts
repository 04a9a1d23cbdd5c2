import { z } from 'zod';
import { builder } from '../../builder.js';
import { type Context, requireShop } from '../../context.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { CARD_TEXT_CEILING } from './checkout-order.service.js';
import {
  addShopClosure,
  archiveDeliveryZone,
  archivePickupPoint,
  deleteDeliverySlot,
  removeShopClosure,
  updateCheckoutRules,
  upsertDeliverySlot,
  upsertDeliveryZone,
  upsertPickupPoint,
} from './checkout-settings.service.js';
import {
  DeliverySlotRef,
  DeliveryZoneRef,
  localDate,
  PickupPointRef,
  ShopClosureRef,
} from './checkout-types.schema.js';

const MANAGE = { shopRole: ['ADMIN', 'MANAGER'] } as const;
const STAFF = { shopRole: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'] } as const;
const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
const name = z.string().trim().min(1).max(200);

const DAY = 86_400_000;

export const CheckoutSettingsRef = builder.prismaObject('Shop', {
  select: { id: true },
  variant: 'CheckoutSettings',
  description: 'How the active shop takes orders: its slots, closures, pickup points, zones and rules.',
  fields: (t) => ({
    timezone: t.exposeString('timezone', { description: 'IANA zone the slots are local times of.' }),
    sameDayCutoffMinutes: t.exposeInt('sameDayCutoffMinutes', {
      nullable: true,
      description: 'Minutes past local midnight after which same-day slots close; null: none.',
    }),
    cardTextMaxLength: t.exposeInt('cardTextMaxLength'),
    deliveryFee: t.field({
      type: MoneyRef,
      description: 'The flat fee of a delivery that names no zone.',
      select: { deliveryFeeMinor: true, currency: true },
      resolve: (shop) => money(shop.deliveryFeeMinor, shop.currency),
    }),
    slots: t.relation('deliverySlots', {
      type: DeliverySlotRef,
      query: { orderBy: [{ weekday: 'asc' }, { startMinutes: 'asc' }, { id: 'asc' }] },
    }),
    closures: t.relation('closures', {
      description: 'Closure days from today on.',
      // From yesterday in UTC: today's closure is never missed, whatever the shop's zone.
      query: () => ({ where: { date: { gte: new Date(Date.now() - DAY) } }, orderBy: { date: 'asc' } }),
    }),
    pickupPoints: t.relation('pickupPoints', {
      type: PickupPointRef,
      query: { orderBy: [{ active: 'desc' }, { name: 'asc' }] },
    }),
    zones: t.relation('deliveryZones', {
      type: DeliveryZoneRef,
      query: { orderBy: [{ active: 'desc' }, { name: 'asc' }] },
    }),
  }),
});

/** The active shop's checkout settings, read with the query the client asked for. */
const settingsOf = (query: object, ctx: Context) =>
  ctx.prisma.shop.findUniqueOrThrow({ ...query, where: { id: requireShop(ctx) } });

builder.queryField('checkoutSettings', (t) =>
  t.prismaField({
    type: CheckoutSettingsRef,
    description: 'The active shop’s checkout settings (its staff only).',
    authScopes: STAFF,
    resolve: (query, _root, _args, ctx) => settingsOf(query, ctx),
  }),
);

const DeliverySlotInput = builder.inputType('DeliverySlotInput', {
  fields: (t) => ({
    id: t.globalID({ required: false, for: DeliverySlotRef, description: 'Empty: a new slot.' }),
    weekday: t.int({ required: true, validate: z.number().int().min(1).max(7) }),
    startMinutes: t.int({ required: true, validate: minuteOfDay }),
    endMinutes: t.int({ required: true, validate: minuteOfDay }),
    capacity: t.int({ required: true, validate: z.number().int().min(0).max(10_000) }),
    active: t.boolean({ required: false, defaultValue: true }),
  }),
});

builder.mutationField('upsertDeliverySlot', (t) =>
  t.prismaField({
    type: DeliverySlotRef,
    authScopes: MANAGE,
    args: { input: t.arg({ type: DeliverySlotInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await upsertDeliverySlot(ctx, { ...input, id: input.id?.id });
      return ctx.prisma.deliverySlot.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('deleteDeliverySlot', (t) =>
  t.field({
    type: 'ID',
    description: 'Deletes a weekly slot (orders in it keep their window); answers its id.',
    authScopes: MANAGE,
    args: { id: t.arg.globalID({ required: true, for: DeliverySlotRef }) },
    resolve: async (_root, { id }, ctx) => {
      await deleteDeliverySlot(ctx, id.id);
      return encodeGlobalId('DeliverySlot', id.id);
    },
  }),
);

builder.mutationField('addShopClosure', (t) =>
  t.prismaField({
    type: ShopClosureRef,
    description: 'Closes the shop on a local date; closing it again changes the reason.',
    authScopes: MANAGE,
    args: {
      date: t.arg.string({ required: true, validate: localDate }),
      reason: t.arg.string({ required: false, validate: z.string().max(200) }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await addShopClosure(ctx, args);
      return ctx.prisma.shopClosure.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('removeShopClosure', (t) =>
  t.boolean({
    authScopes: MANAGE,
    args: { date: t.arg.string({ required: true, validate: localDate }) },
    resolve: (_root, { date }, ctx) => removeShopClosure(ctx, date),
  }),
);

const PickupPointInput = builder.inputType('PickupPointInput', {
  fields: (t) => ({
    id: t.globalID({ required: false, for: PickupPointRef, description: 'Empty: a new point.' }),
    name: t.string({ required: true, validate: name }),
    address: t.string({ required: true, validate: z.string().trim().min(1).max(500) }),
  }),
});

builder.mutationField('upsertPickupPoint', (t) =>
  t.prismaField({
    type: PickupPointRef,
    authScopes: MANAGE,
    args: { input: t.arg({ type: PickupPointInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await upsertPickupPoint(ctx, { ...input, id: input.id?.id });
      return ctx.prisma.pickupPoint.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('archivePickupPoint', (t) =>
  t.prismaField({
    type: PickupPointRef,
    authScopes: MANAGE,
    args: { id: t.arg.globalID({ required: true, for: PickupPointRef }) },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await archivePickupPoint(ctx, args.id.id);
      return ctx.prisma.pickupPoint.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const DeliveryZoneInput = builder.inputType('DeliveryZoneInput', {
  fields: (t) => ({
    id: t.globalID({ required: false, for: DeliveryZoneRef, description: 'Empty: a new zone.' }),
    name: t.string({ required: true, validate: name }),
    feeMinor: t.int({ required: true, validate: z.number().int().min(0).max(100_000_000) }),
    description: t.string({ required: false, validate: z.string().max(500) }),
  }),
});

builder.mutationField('upsertDeliveryZone', (t) =>
  t.prismaField({
    type: DeliveryZoneRef,
    authScopes: MANAGE,
    args: { input: t.arg({ type: DeliveryZoneInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await upsertDeliveryZone(ctx, { ...input, id: input.id?.id });
      return ctx.prisma.deliveryZone.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('archiveDeliveryZone', (t) =>
  t.prismaField({
    type: DeliveryZoneRef,
    authScopes: MANAGE,
    args: { id: t.arg.globalID({ required: true, for: DeliveryZoneRef }) },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await archiveDeliveryZone(ctx, args.id.id);
      return ctx.prisma.deliveryZone.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const CheckoutRulesInput = builder.inputType('CheckoutRulesInput', {
  description: 'Omitted fields stay; sameDayCutoffMinutes null removes the cut-off.',
  fields: (t) => ({
    timezone: t.string({ required: false, validate: z.string().min(1).max(64) }),
    sameDayCutoffMinutes: t.int({ required: false, validate: minuteOfDay.nullish() }),
    cardTextMaxLength: t.int({
      required: false,
      validate: z.number().int().min(1).max(CARD_TEXT_CEILING).nullish(),
    }),
  }),
});

builder.mutationField('updateCheckoutRules', (t) =>
  t.prismaField({
    type: CheckoutSettingsRef,
    description: 'Time zone (IANA), same-day cut-off and card text limit of the active shop.',
    authScopes: MANAGE,
    args: { input: t.arg({ type: CheckoutRulesInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await updateCheckoutRules(ctx, input);
      return settingsOf(query, ctx);
    },
  }),
);
