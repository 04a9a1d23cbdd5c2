import { builder } from '../../builder.js';
import { visibleCustomers } from '../common/access.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { CustomerHasHistory, CustomersBothLinked, DuplicateCustomer } from './customers.errors.js';

builder.objectType(DuplicateCustomer, {
  name: 'DuplicateCustomer',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    phone: t.exposeString('phone', { description: 'The phone as stored, normalised.' }),
    // Read after the mutation rolled back, on the request's own client: a concurrent create that won the
    // race has committed by then (the unique index made this one wait for it).
    existing: t.prismaField({
      type: 'Customer',
      nullable: true,
      description: 'The customer who has the phone; null when the viewer may not see them.',
      resolve: (query, e, _args, ctx) =>
        ctx.prisma.customer.findFirst({
          ...query,
          where: { AND: [{ shopId: e.shopId, phone: e.phone }, visibleCustomers(ctx)] },
        }),
    }),
  }),
});

builder.objectType(CustomersBothLinked, {
  name: 'CustomersBothLinked',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});

builder.objectType(CustomerHasHistory, {
  name: 'CustomerHasHistory',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    orderCount: t.exposeInt('orderCount'),
    subscriptionCount: t.exposeInt('subscriptionCount'),
  }),
});
