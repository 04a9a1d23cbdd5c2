import type { Prisma } from '@posy/prisma';
import type { Context } from '../../context.js';
import { listedCustomers } from '../common/access.js';
import { containsLiteral, containsText } from '../common/text-search.js';

/** A page of customers (Pothos' connection `query`: cursor, take, relations). */
type CustomersPage = Omit<Prisma.CustomerFindManyArgs, 'where' | 'orderBy'>;

/** The customers the viewer may list, by name or phone when `search` is given, oldest first. */
export function listCustomers(ctx: Context, search: string | null | undefined, page: CustomersPage = {}) {
  return ctx.prisma.customer.findMany({
    ...page,
    where: customersWhere(ctx, search),
    orderBy: { id: 'asc' },
  });
}

export function countCustomers(ctx: Context, search: string | null | undefined) {
  return ctx.prisma.customer.count({ where: customersWhere(ctx, search) });
}

/** A search term matches a name, or a phone by its digits (and a leading +). */
function customersWhere(ctx: Context, search: string | null | undefined): Prisma.CustomerWhereInput {
  const term = search?.trim();
  return {
    AND: [
      listedCustomers(ctx),
      term
        ? {
            OR: [
              { name: containsText(term) },
              { phone: containsLiteral(term.replace(/[^\d+]/g, '') || term) },
            ],
          }
        : {},
    ],
  };
}
