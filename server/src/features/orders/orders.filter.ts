import type { OrderStatus, Prisma } from '@posy/prisma';
import { containsLiteral, containsText } from '../common/text-search.js';

export interface OrdersFilter {
  status?: OrderStatus[] | null;
  windowFrom?: Date | null;
  windowTo?: Date | null;
  search?: string | null;
}

/**
 * Turns the board's filter into a where clause. Search matches an order number exactly when the
 * term is a number, and otherwise (or also) phone digits and recipient/customer names; by the customer's
 * only among `senderShown`, the orders whose sender the viewer may know (access.ts).
 */
export function ordersWhere(
  filter: OrdersFilter | null | undefined,
  senderShown: Prisma.OrderWhereInput = {},
): Prisma.OrderWhereInput {
  if (!filter) return {};
  const and: Prisma.OrderWhereInput[] = [];
  if (filter.status?.length) and.push({ status: { in: filter.status } });
  if (filter.windowFrom) and.push({ windowStart: { gte: filter.windowFrom } });
  if (filter.windowTo) and.push({ windowStart: { lt: filter.windowTo } });
  const term = filter.search?.trim();
  if (term) {
    const or: Prisma.OrderWhereInput[] = [
      { recipientName: containsText(term) },
      { AND: [senderShown, { customer: { name: containsText(term) } }] },
    ];
    const digits = term.replace(/\D/g, '');
    if (/^#?\d{1,9}$/.test(term)) or.push({ number: Number(digits) });
    if (digits.length >= 3) {
      or.push(
        { recipientPhone: containsLiteral(digits) },
        { AND: [senderShown, { customer: { phone: containsLiteral(digits) } }] },
      );
    }
    and.push({ OR: or });
  }
  return { AND: and };
}
