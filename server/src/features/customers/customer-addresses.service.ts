import type { Context } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { editableCustomers } from '../common/access.js';
import { lockCustomer } from './customer-locks.js';
import { findEditableCustomer } from './customers.service.js';

export interface AddressFields {
  label?: string | null;
  address?: string | null;
  /** Entrance, floor, intercom: whatever the courier needs. */
  comment?: string | null;
  isDefault?: boolean | null;
}

/**
 * Adds an address to a customer the viewer may change (a customer: to themself). The first address
 * becomes the default; a new default takes the flag from the old one (one default per customer, checked
 * by the database too). Answers the customer.
 */
export async function addCustomerAddress(
  ctx: Context,
  customerId: string,
  input: AddressFields & { address: string },
) {
  const customer = await findEditableCustomer(ctx, customerId);
  await lockCustomer(ctx, customer.shopId, customer.id);
  const isDefault =
    input.isDefault ?? (await ctx.prisma.customerAddress.count({ where: { customerId: customer.id } })) === 0;
  if (isDefault) await clearDefault(ctx, customer.id);
  const row = await ctx.prisma.customerAddress.create({
    data: { customerId: customer.id, ...addressData(input), address: input.address.trim(), isDefault },
    select: { id: true },
  });
  ctx.audit.target = { type: 'CustomerAddress', id: row.id };
  ctx.audit.changes = { customerId: customer.id, ...input, isDefault };
  return { customerId: customer.id };
}

/** Edits an address of a customer the viewer may change; another customer's is NOT_FOUND. */
export async function updateCustomerAddress(ctx: Context, addressId: string, patch: AddressFields) {
  if (patch.address === null) throw badInput('An address cannot be empty', 'address');
  const address = await findEditableAddress(ctx, addressId);
  if (patch.isDefault) await clearDefault(ctx, address.customerId);
  await ctx.prisma.customerAddress.update({ where: { id: address.id }, data: addressData(patch) });
  ctx.audit.target = { type: 'CustomerAddress', id: address.id };
  ctx.audit.changes = { customerId: address.customerId, ...patch };
  return { customerId: address.customerId };
}

/** Removes an address of a customer the viewer may change; orders keep the address they were sent to. */
export async function removeCustomerAddress(ctx: Context, addressId: string) {
  const address = await findEditableAddress(ctx, addressId);
  await ctx.prisma.customerAddress.delete({ where: { id: address.id } });
  ctx.audit.target = { type: 'CustomerAddress', id: address.id };
  ctx.audit.changes = { customerId: address.customerId, removed: true };
  return { customerId: address.customerId };
}

/** The address, when its customer is one the viewer may change, with the customer locked; else NOT_FOUND. */
async function findEditableAddress(ctx: Context, id: string) {
  const address = await ctx.prisma.customerAddress.findFirst({
    where: { id, customer: editableCustomers(ctx) },
    select: { id: true, customerId: true, customer: { select: { shopId: true } } },
  });
  if (!address) throw notFound('Address');
  await lockCustomer(ctx, address.customer.shopId, address.customerId);
  return address;
}

function clearDefault(ctx: Context, customerId: string) {
  return ctx.prisma.customerAddress.updateMany({
    where: { customerId, isDefault: true },
    data: { isDefault: false },
  });
}

/** The columns a patch sets: trimmed text, empty optional text as null, omitted fields left out. */
function addressData(fields: AddressFields) {
  const optional = (value: string | null | undefined) =>
    value === undefined ? undefined : value?.trim() ? value.trim() : null;
  return {
    ...(fields.address != null ? { address: fields.address.trim() } : {}),
    ...(fields.label !== undefined ? { label: optional(fields.label) } : {}),
    ...(fields.comment !== undefined ? { comment: optional(fields.comment) } : {}),
    ...(fields.isDefault != null ? { isDefault: fields.isDefault } : {}),
  };
}
