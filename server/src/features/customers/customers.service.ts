import { Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { assertCustomerFieldsEditable, editableCustomers, listedCustomers } from '../common/access.js';
import { containsLiteral, containsText } from '../common/text-search.js';
import { publishShopChange } from '../live/shop-changes.js';
import { lockCustomer } from './customer-locks.js';
import { CustomerHasHistory, DuplicateCustomer } from './customers.errors.js';
import { normalizePhone } from './phone.js';

/** A page of customers (Pothos' connection `query`: cursor, take, relations). */
type CustomersPage = Omit<Prisma.CustomerFindManyArgs, 'where' | 'orderBy'>;

/** The customers the viewer may list, by name, phone or email when `search` is given, oldest first. */
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

const PHONE_LIKE = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

/** A search term matches a name or an email (any case), or, when it looks like one, a phone by its digits (and a leading +). */
function customersWhere(ctx: Context, search: string | null | undefined): Prisma.CustomerWhereInput {
  const term = search?.trim();
  return {
    AND: [
      listedCustomers(ctx),
      term
        ? {
            OR: [
              { name: containsText(term) },
              { email: containsText(term) },
              // Only a term that looks like a phone searches phones: "anna3@mail" is no number with a 3.
              ...(PHONE_LIKE.test(term) ? [{ phone: containsLiteral(term.replace(/[^\d+]/g, '')) }] : []),
            ],
          }
        : {},
    ],
  };
}

/** A customer's own fields; in a patch, omitted ones stay and null clears (but the name). */
export interface CustomerFields {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  note?: string | null;
}

/**
 * Adds a customer to the active shop. A phone another customer of the shop has answers DuplicateCustomer,
 * also when two creates race: the unique index on (shop, phone) makes the second wait for the first.
 */
export async function createCustomer(ctx: Context, input: CustomerFields & { name: string }) {
  const shopId = requireShop(ctx);
  editableCustomers(ctx);
  const data = { shopId, ...cleanFields(input), name: input.name.trim() };
  await assertPhoneFree(ctx, shopId, data.phone);
  const customer = await duplicateAsTyped(shopId, data.phone, () =>
    ctx.prisma.customer.create({ data, select: { id: true } }),
  );
  ctx.audit.target = { type: 'Customer', id: customer.id };
  ctx.audit.changes = { ...data };
  publishShopChange(ctx, shopId, 'customer', [customer.id]);
  return customer;
}

/** Edits a customer the viewer may change; a customer edits only their own name and phone. */
export async function updateCustomer(ctx: Context, id: string, patch: CustomerFields) {
  const changed = Object.keys(patch).filter((k) => patch[k as keyof CustomerFields] !== undefined);
  assertCustomerFieldsEditable(ctx, changed);
  const customer = await findEditableCustomer(ctx, id);
  if (patch.name === null) throw badInput('A customer needs a name', 'name');
  await lockCustomer(ctx, customer.shopId, customer.id);
  const data = cleanFields(patch);
  if (data.phone) await assertPhoneFree(ctx, customer.shopId, data.phone, customer.id);
  await duplicateAsTyped(customer.shopId, data.phone, () =>
    ctx.prisma.customer.update({ where: { id: customer.id }, data, select: { id: true } }),
  );
  ctx.audit.target = { type: 'Customer', id: customer.id };
  ctx.audit.changes = { ...data };
  return { id: customer.id };
}

/**
 * Deletes a customer typed in by mistake, with their addresses and dates. One with orders or
 * subscriptions is the shop's history and answers CustomerHasHistory: merge such a duplicate instead.
 */
export async function deleteCustomer(ctx: Context, id: string) {
  const customer = await findEditableCustomer(ctx, id);
  await lockCustomer(ctx, customer.shopId, customer.id);
  const [orderCount, subscriptionCount] = await Promise.all([
    ctx.prisma.order.count({ where: { customerId: customer.id } }),
    ctx.prisma.subscription.count({ where: { customerId: customer.id } }),
  ]);
  if (orderCount || subscriptionCount) throw new CustomerHasHistory(orderCount, subscriptionCount);
  const deleted = await ctx.prisma.customer.delete({
    where: { id: customer.id },
    select: { id: true, name: true, phone: true },
  });
  publishShopChange(ctx, customer.shopId, 'customer', [deleted.id], { gone: true });
  ctx.audit.target = { type: 'Customer', id: deleted.id };
  ctx.audit.changes = { deleted: true, name: deleted.name, phone: deleted.phone };
  return deleted;
}

/** The customer the viewer may change, or NOT_FOUND (another shop's, another customer's). */
export async function findEditableCustomer(ctx: Context, id: string) {
  const customer = await ctx.prisma.customer.findFirst({
    where: { AND: [{ id }, editableCustomers(ctx)] },
    select: { id: true, shopId: true },
  });
  if (!customer) throw notFound('Customer');
  return customer;
}

/** Trims text, stores the phone normalised and the email in lower case; empty optional text is null. */
function cleanFields(fields: CustomerFields) {
  const optional = (value: string | null | undefined) =>
    value === undefined ? undefined : value?.trim() ? value.trim() : null;
  return {
    ...(fields.name != null ? { name: fields.name.trim() } : {}),
    ...(fields.phone !== undefined ? { phone: normalizePhone(fields.phone) } : {}),
    ...(fields.email !== undefined ? { email: optional(fields.email)?.toLowerCase() ?? null } : {}),
    ...(fields.note !== undefined ? { note: optional(fields.note) } : {}),
  };
}

/** DuplicateCustomer when another customer of the shop has the phone (the common case, read first). */
async function assertPhoneFree(
  ctx: Context,
  shopId: string,
  phone: string | null | undefined,
  self?: string,
) {
  if (!phone) return;
  const holder = await ctx.prisma.customer.findUnique({
    where: { shopId_phone: { shopId, phone } },
    select: { id: true },
  });
  if (holder && holder.id !== self) throw new DuplicateCustomer(shopId, phone);
}

/**
 * The race the read above cannot see: a concurrent create or edit committed the phone meanwhile, and the
 * unique index refused ours. The transaction is aborted by then, so the answer is the typed result (whose
 * `existing` is read after the rollback) rather than anything read here.
 */
async function duplicateAsTyped<T>(
  shopId: string,
  phone: string | null | undefined,
  write: () => Promise<T>,
) {
  try {
    return await write();
  } catch (error) {
    if (phone && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new DuplicateCustomer(shopId, phone);
    throw error;
  }
}
