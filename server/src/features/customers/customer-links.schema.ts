import { z } from 'zod';
import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import {
  AlreadyCustomer,
  CustomerAlreadyLinked,
  CustomerLinkExpired,
  CustomerLinkUsed,
} from './customer-links.errors.js';
import { type CreatedCustomerLink, claimCustomerLink, createCustomerLink } from './customer-links.service.js';
import { CustomerRef } from './customers.schema.js';

const CreatedCustomerLinkRef = builder.objectRef<CreatedCustomerLink>('CreatedCustomerLink').implement({
  description:
    'A new link for a customer record. It holds its secret and is shown only now: send it to the customer.',
  fields: (t) => ({
    customer: t.field({
      type: CustomerRef,
      resolve: (created, _args, ctx) =>
        ctx.prisma.customer.findUniqueOrThrow({ where: { id: created.customerId } }),
    }),
    telegramUrl: t.exposeString('telegramUrl', {
      description: 'Opens the chat with the bot, which opens the Mini App to claim the record.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

/**
 * The answer to `claimCustomerLink`: the record the link gave the signed-in user. The claim has no active shop
 * (it comes from a bot link), so the answer is the record's own id and name; the rest is read in its shop.
 */
const ClaimedCustomerRecordRef = builder
  .objectRef<{ id: string; name: string }>('ClaimedCustomerRecord')
  .implement({
    fields: (t) => ({
      id: t.globalID({ resolve: (customer) => ({ type: 'Customer', id: customer.id }) }),
      name: t.exposeString('name'),
    }),
  });

builder.objectType(CustomerAlreadyLinked, {
  name: 'CustomerAlreadyLinked',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});

builder.objectType(CustomerLinkUsed, {
  name: 'CustomerLinkUsed',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ usedAt: t.expose('usedAt', { type: 'DateTime' }) }),
});

builder.objectType(CustomerLinkExpired, {
  name: 'CustomerLinkExpired',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ expiresAt: t.expose('expiresAt', { type: 'DateTime' }) }),
});

builder.objectType(AlreadyCustomer, {
  name: 'AlreadyCustomer',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});

builder.mutationFields((t) => ({
  createCustomerLink: t.field({
    type: CreatedCustomerLinkRef,
    description:
      'A one-use link giving a customer record of the active shop to the Telegram user who claims it ' +
      '(a record taken by phone, say). Valid as long as an invite (INVITE_TTL_SECONDS).',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    errors: { types: [CustomerAlreadyLinked] },
    args: { customerId: t.arg.globalID({ for: CustomerRef }) },
    resolve: (_root, { customerId }, ctx) => createCustomerLink(ctx, customerId.id),
  }),
  claimCustomerLink: t.field({
    type: ClaimedCustomerRecordRef,
    description: 'Makes the signed-in user the customer record of a link (the token from it).',
    authScopes: { user: true },
    errors: { types: [CustomerLinkUsed, CustomerLinkExpired, CustomerAlreadyLinked, AlreadyCustomer] },
    args: {
      token: t.arg.string({
        validate: z.string().regex(/^[\w-]{16,55}$/, 'This is not a customer link token'),
      }),
    },
    resolve: async (_root, { token }, ctx) => {
      const { id } = await claimCustomerLink(ctx, token);
      return ctx.prisma.customer.findUniqueOrThrow({ where: { id }, select: { id: true, name: true } });
    },
  }),
}));
