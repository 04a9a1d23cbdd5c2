import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { CustomerHasHistory, CustomersBothLinked, DuplicateCustomer } from './customers.errors.js';
import './customers.errors.schema.js';
import { CustomerRef } from './customers.schema.js';
import { createCustomer, deleteCustomer, updateCustomer } from './customers.service.js';
import { mergeCustomers } from './customers-merge.service.js';

const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const email = z.union([z.literal(''), z.email('Not an email address').max(254)]);

/** Who changes customers; a customer changes themself (the service narrows it to name and phone). */
export const CHANGES_CUSTOMERS = {
  shopRole: ['ADMIN', 'MANAGER'],
  customer: true,
  apiScope: 'customers:write',
} as const;
const MANAGES_CUSTOMERS = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'customers:write' } as const;

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  fields: (t) => ({
    name: t.string({ validate: text(200).trim().min(1, 'A customer needs a name') }),
    phone: t.string({
      required: false,
      description: 'Stored as + and digits.',
      validate: text(32).nullish(),
    }),
    email: t.string({ required: false, validate: email.nullish() }),
    note: t.string({ required: false, description: 'The shop’s own note.', validate: text(2000).nullish() }),
  }),
});

const CustomerPatchInput = builder.inputType('CustomerPatchInput', {
  description:
    'Fields to change; omitted ones stay, null or empty clears. A customer changes only name and phone.',
  fields: (t) => ({
    name: t.string({
      required: false,
      validate: text(200).trim().min(1, 'A customer needs a name').nullish(),
    }),
    phone: t.string({ required: false, validate: text(32).nullish() }),
    email: t.string({ required: false, validate: email.nullish() }),
    note: t.string({ required: false, validate: text(2000).nullish() }),
  }),
});

/** The customer a service changed, read fresh for the answer. */
const reread = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.customer.findUniqueOrThrow({ where: { id } });

builder.mutationFields((t) => ({
  createCustomer: t.field({
    type: CustomerRef,
    description: 'Adds a customer to the shop; a phone another customer has answers DuplicateCustomer.',
    authScopes: MANAGES_CUSTOMERS,
    errors: { types: [DuplicateCustomer] },
    args: { input: t.arg({ type: CreateCustomerInput }) },
    resolve: async (_root, { input }, ctx) => reread(ctx, await createCustomer(ctx, input)),
  }),
  updateCustomer: t.field({
    type: CustomerRef,
    authScopes: CHANGES_CUSTOMERS,
    errors: { types: [DuplicateCustomer] },
    args: {
      id: t.arg.globalID({ for: CustomerRef }),
      patch: t.arg({ type: CustomerPatchInput }),
    },
    resolve: async (_root, { id, patch }, ctx) => reread(ctx, await updateCustomer(ctx, id.id, patch)),
  }),
  deleteCustomer: t.field({
    type: 'ID',
    description: 'Deletes a customer without orders or subscriptions (typed in by mistake); answers its id.',
    authScopes: MANAGES_CUSTOMERS,
    errors: { types: [CustomerHasHistory] },
    args: { id: t.arg.globalID({ for: CustomerRef }) },
    resolve: async (_root, { id }, ctx) => encodeGlobalId('Customer', (await deleteCustomer(ctx, id.id)).id),
  }),
  mergeCustomers: t.field({
    type: CustomerRef,
    description:
      'Makes two customers of one person one: the merged one’s orders, addresses, dates and subscriptions move to the kept one, which takes what it lacks (Telegram user, phone, email, note); the merged one is deleted.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    errors: { types: [CustomersBothLinked] },
    args: {
      keepId: t.arg.globalID({ for: CustomerRef }),
      mergeId: t.arg.globalID({ for: CustomerRef }),
    },
    resolve: async (_root, { keepId, mergeId }, ctx) =>
      reread(ctx, await mergeCustomers(ctx, keepId.id, mergeId.id)),
  }),
}));
