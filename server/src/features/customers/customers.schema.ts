import { ImportantDateKind } from '@posy/prisma';
import { builder } from '../../builder.js';
import { countBesidePage } from '../../graphql/total-count.js';
import { senderKnownOrders, visibleCustomers } from '../common/access.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { rereadShared, type ShopChange, shopChangesAmong } from '../live/shop-changes.js';
import { type CustomerTotals, customerTotals } from './customer-totals.js';
import { countCustomers, listCustomers } from './customers.service.js';

export const ImportantDateKindEnum = builder.enumType(ImportantDateKind, { name: 'ImportantDateKind' });

builder.prismaObject('CustomerAddress', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label', { nullable: true }),
    address: t.exposeString('address'),
    comment: t.exposeString('comment', { nullable: true }),
    isDefault: t.exposeBoolean('isDefault'),
  }),
});

builder.prismaObject('ImportantDate', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ImportantDateKindEnum }),
    title: t.exposeString('title', { description: 'Whose date or what it is.' }),
    month: t.exposeInt('month'),
    day: t.exposeInt('day'),
    year: t.exposeInt('year', { nullable: true }),
    remindDaysBefore: t.exposeInt('remindDaysBefore'),
  }),
});

const CustomerTotalsRef = builder
  .objectRef<CustomerTotals & { currency: string }>('CustomerTotals')
  .implement({
    description: 'What the customer’s orders add up to (of the orders the viewer may see).',
    fields: (t) => ({
      orderCount: t.exposeInt('orderCount', { description: 'Orders not cancelled.' }),
      spent: t.field({
        type: MoneyRef,
        description: 'The totals of those orders that are paid.',
        resolve: (totals) => money(totals.spentMinor, totals.currency),
      }),
      lastOrderAt: t.expose('lastOrderAt', { type: 'DateTime', nullable: true }),
    }),
  });

const managesCustomers = {
  shopRole: ['ADMIN', 'MANAGER'],
  customer: true,
  apiScope: 'customers:read',
} as const;

export const CustomerRef = builder.prismaNode('Customer', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleCustomers(ctx)] }),
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    phone: t.exposeString('phone', { nullable: true }),
    email: t.exposeString('email', { nullable: true, authScopes: managesCustomers }),
    note: t.exposeString('note', { nullable: true, authScopes: { shopRole: ['ADMIN', 'MANAGER'] } }),
    addresses: t.relation('addresses', { authScopes: managesCustomers }),
    importantDates: t.relation('importantDates', { authScopes: managesCustomers }),
    // The orders rule of the root `orders` field, scope check and where-clause alike, less the orders that
    // would tell a courier this customer sent an anonymous one.
    orders: t.relatedConnection('orders', {
      cursor: 'id',
      ...senderKnownOrders.guard,
      query: (_args, ctx) => ({ where: senderKnownOrders.nested(ctx), orderBy: { id: 'desc' } }),
      totalCount: true,
    }),
    // Order data, so the rule of `orders` again; one grouped query per page (customer-totals.ts).
    totals: t.field({
      type: CustomerTotalsRef,
      ...senderKnownOrders.guard,
      select: { id: true, shop: { select: { currency: true } } },
      resolve: async (customer, _args, ctx) => ({
        ...(await customerTotals(ctx, customer.id)),
        currency: customer.shop.currency,
      }),
    }),
  }),
});

const customersCount = countBesidePage((args: { search?: string | null }, ctx) =>
  countCustomers(ctx, args.search),
);

builder.queryField('customers', (t) =>
  t.prismaConnection({
    type: 'Customer',
    cursor: 'id',
    description: 'Customers of the active shop, for those who manage them (and a customer: themself).',
    authScopes: { signedIn: true },
    args: { search: t.arg.string({ required: false }) },
    resolve: (query, _root, args, ctx, info) => {
      customersCount.start(args, ctx, info);
      return listCustomers(ctx, args.search, query);
    },
    totalCount: customersCount.totalCount,
  }),
);

builder.subscriptionField('customerChanged', (t) =>
  t.prismaField({
    type: 'Customer',
    nullable: true,
    description:
      'Each customer of the active shop the viewer may see, as their record changes (details, addresses, ' +
      'important dates, a merge). Null when they left the viewer’s view before they were read.',
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) =>
      shopChangesAmong(ctx, 'customer', {
        where: visibleCustomers(ctx),
        visible: (id, where) =>
          ctx.prisma.customer.findFirst({ where: { AND: [{ id }, where] }, select: { id: true } }),
      }),
    resolve: (query, change: ShopChange, _args, ctx) => {
      const where = { AND: [{ id: change.id }, visibleCustomers(ctx)] };
      return rereadShared(ctx, 'customer', change, [where, query], () =>
        ctx.prisma.customer.findFirst({ ...query, where }),
      );
    },
  }),
);
