import { builder } from '../../builder.js';
import { senderKnownOrders, visibleCustomers } from '../common/access.js';
import { countCustomers, listCustomers } from './customers.service.js';

builder.prismaObject('CustomerAddress', {
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label', { nullable: true }),
    address: t.exposeString('address'),
    comment: t.exposeString('comment', { nullable: true }),
    isDefault: t.exposeBoolean('isDefault'),
  }),
});

builder.prismaObject('ImportantDate', {
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    month: t.exposeInt('month'),
    day: t.exposeInt('day'),
    year: t.exposeInt('year', { nullable: true }),
  }),
});

const managesCustomers = {
  shopRole: ['ADMIN', 'MANAGER'],
  customer: true,
  apiScope: 'customers:read',
} as const;

export const CustomerRef = builder.prismaNode('Customer', {
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
  }),
});

builder.queryField('customers', (t) =>
  t.prismaConnection({
    type: 'Customer',
    cursor: 'id',
    description: 'Customers of the active shop, for those who manage them (and a customer: themself).',
    authScopes: { signedIn: true },
    args: { search: t.arg.string({ required: false }) },
    resolve: (query, _root, args, ctx) => listCustomers(ctx, args.search, query),
    totalCount: (_parent, args, ctx) => countCustomers(ctx, args.search),
  }),
);
