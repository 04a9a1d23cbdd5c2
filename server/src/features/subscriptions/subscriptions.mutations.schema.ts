import type { ArgBuilder } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { CustomerRef } from '../customers/customers.schema.js';
import { StaleVersion } from '../orders/orders.errors.js';
import { RecipientInput } from '../orders/orders.mutations.schema.js';
import { ProductRef } from '../products/products.schema.js';
import { InvalidSubscriptionTransition } from './subscriptions.errors.js';
import './subscriptions.errors.schema.js';
import { SubscriptionFrequencyEnum, SubscriptionRef } from './subscriptions.schema.js';
import {
  cancelSubscription,
  createSubscription,
  pauseSubscription,
  renewSubscription,
  renewSubscriptionByTerm,
  resumeSubscription,
} from './subscriptions.service.js';

const text = (max: number) => z.string().max(max, `At most ${max} characters`);

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** Every change names the subscription and the version it read (StaleVersion otherwise). */
const versionedSubscription = (arg: ArgBuilder<Types>) => ({
  id: arg.globalID({ for: SubscriptionRef, required: true }),
  version: arg.int({ required: true }),
});

const CreateSubscriptionInput = builder.inputType('CreateSubscriptionInput', {
  fields: (t) => ({
    customerId: t.globalID({ required: true, for: CustomerRef }),
    productId: t.globalID({ required: true, for: ProductRef }),
    plan: t.string({
      required: true,
      description: 'Its name, e.g. "Weekly tulips".',
      validate: text(100).min(1),
    }),
    frequency: t.field({ type: SubscriptionFrequencyEnum, required: true }),
    quantity: t.int({ required: false, validate: z.number().int().min(1).max(99) }),
    firstDeliveryAt: t.field({
      type: 'DateTime',
      required: true,
      description: "Start of the first delivery's window; its weekday and time of day repeat.",
    }),
    windowMinutes: t.int({
      required: false,
      description: "Length of each delivery's window. Default 120.",
      validate: z
        .number()
        .int()
        .min(15)
        .max(12 * 60),
    }),
    recipient: t.field({ type: RecipientInput, required: false, description: 'Empty: for the customer.' }),
    deliveryAddress: t.string({ required: true, validate: text(500).min(1) }),
    validFrom: t.field({ type: 'DateTime', required: false, description: 'Default: now.' }),
    validUntil: t.field({ type: 'DateTime', required: true }),
    priceMinor: t.int({
      required: false,
      description: "Price of one unit per delivery, minor units. Default: the product's price now.",
      validate: z.number().int().min(0).max(100_000_000),
    }),
  }),
});

/** The subscription a service changed, read fresh for the answer. */
const reread = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.subscription.findUniqueOrThrow({ where: { id } });

const MANAGE = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'subscriptions:write' } as const;
/**
 * A customer may pause and resume their own subscription (it is theirs to skip a few weeks of), and renew it
 * by one term at its price (nothing they did not already agree to).
 */
const MANAGE_OR_OWN = { ...MANAGE, customer: true } as const;

builder.mutationField('createSubscription', (t) =>
  t.field({
    type: SubscriptionRef,
    description: "A customer's recurring delivery; the price is fixed now.",
    authScopes: MANAGE,
    args: { input: t.arg({ type: CreateSubscriptionInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      reread(
        ctx,
        await createSubscription(ctx, {
          ...input,
          customerId: input.customerId.id,
          productId: input.productId.id,
        }),
      ),
  }),
);

builder.mutationField('pauseSubscription', (t) =>
  t.field({
    type: SubscriptionRef,
    description: 'No orders are made until it is resumed.',
    authScopes: MANAGE_OR_OWN,
    errors: { types: [StaleVersion, InvalidSubscriptionTransition] },
    args: versionedSubscription(t.arg),
    resolve: async (_root, args, ctx) =>
      reread(ctx, await pauseSubscription(ctx, { id: args.id.id, version: args.version })),
  }),
);

builder.mutationField('resumeSubscription', (t) =>
  t.field({
    type: SubscriptionRef,
    description: 'Deliveries start again from the next one on its schedule.',
    authScopes: MANAGE_OR_OWN,
    errors: { types: [StaleVersion, InvalidSubscriptionTransition] },
    args: versionedSubscription(t.arg),
    resolve: async (_root, args, ctx) =>
      reread(ctx, await resumeSubscription(ctx, { id: args.id.id, version: args.version })),
  }),
);

builder.mutationField('cancelSubscription', (t) =>
  t.field({
    type: SubscriptionRef,
    description: 'Ends it for good, with the reason; orders already made stay.',
    authScopes: MANAGE,
    errors: { types: [StaleVersion, InvalidSubscriptionTransition] },
    args: {
      ...versionedSubscription(t.arg),
      reason: t.arg.string({ required: true, validate: text(500).min(1) }),
    },
    resolve: async (_root, args, ctx) =>
      reread(
        ctx,
        await cancelSubscription(ctx, { id: args.id.id, version: args.version, reason: args.reason }),
      ),
  }),
);

builder.mutationField('renewSubscription', (t) =>
  t.field({
    type: SubscriptionRef,
    description: 'Extends it to validUntil; an expired one becomes ACTIVE again.',
    authScopes: MANAGE,
    errors: { types: [StaleVersion, InvalidSubscriptionTransition] },
    args: {
      ...versionedSubscription(t.arg),
      validUntil: t.arg({ type: 'DateTime', required: true }),
    },
    resolve: async (_root, args, ctx) =>
      reread(
        ctx,
        await renewSubscription(ctx, { id: args.id.id, version: args.version, validUntil: args.validUntil }),
      ),
  }),
);

builder.mutationField('renewSubscriptionByTerm', (t) =>
  t.field({
    type: SubscriptionRef,
    description:
      'Extends it by one more term of the length it was made for, at the same price: from its end, or from now ' +
      'once that has passed (an expired one becomes ACTIVE again). A customer may renew their own.',
    authScopes: MANAGE_OR_OWN,
    errors: { types: [StaleVersion, InvalidSubscriptionTransition] },
    args: versionedSubscription(t.arg),
    resolve: async (_root, args, ctx) =>
      reread(ctx, await renewSubscriptionByTerm(ctx, { id: args.id.id, version: args.version })),
  }),
);
