// Addresses and important dates of a customer: staff and customers:write keys change any customer's, a
// customer their own (editableCustomers in common/access.ts). Each mutation answers the customer, so the
// client sees every address's default flag as it now is.
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import {
  addCustomerAddress,
  removeCustomerAddress,
  updateCustomerAddress,
} from './customer-addresses.service.js';
import { CHANGES_CUSTOMERS } from './customers.mutations.schema.js';
import { CustomerRef, ImportantDateKindEnum } from './customers.schema.js';
import { addImportantDate, removeImportantDate, updateImportantDate } from './important-dates.service.js';

const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const required = (max: number, what: string) => text(max).trim().min(1, `${what} cannot be empty`);
/** Addresses and dates are not Relay nodes: their ids are plain uuids. */
const uuid = z.uuid('Not an id');
const month = z.number().int().min(1, 'A month is 1 to 12').max(12, 'A month is 1 to 12');
const day = z.number().int().min(1, 'A day is 1 to 31').max(31, 'A day is 1 to 31');
const year = z.number().int().min(1900, 'A year from 1900').max(2100, 'A year up to 2100');
const remindDaysBefore = z.number().int().min(0).max(365, 'At most 365 days before');

const CustomerAddressInput = builder.inputType('CustomerAddressInput', {
  fields: (t) => ({
    label: t.string({ required: false, description: 'Home, work…', validate: text(50).nullish() }),
    address: t.string({ validate: required(500, 'An address') }),
    comment: t.string({
      required: false,
      description: 'Entrance, floor, intercom.',
      validate: text(500).nullish(),
    }),
    isDefault: t.boolean({ required: false, description: 'Default: true for the first address.' }),
  }),
});

const CustomerAddressPatchInput = builder.inputType('CustomerAddressPatchInput', {
  description: 'Fields to change; omitted ones stay.',
  fields: (t) => ({
    label: t.string({ required: false, validate: text(50).nullish() }),
    address: t.string({ required: false, validate: required(500, 'An address').nullish() }),
    comment: t.string({ required: false, validate: text(500).nullish() }),
    isDefault: t.boolean({ required: false }),
  }),
});

const ImportantDateInput = builder.inputType('ImportantDateInput', {
  fields: (t) => ({
    kind: t.field({ type: ImportantDateKindEnum, required: false, description: 'Default: OTHER.' }),
    title: t.string({ description: 'Whose date or what it is.', validate: required(100, 'A title') }),
    month: t.int({ validate: month }),
    day: t.int({ validate: day }),
    year: t.int({ required: false, validate: year.nullish() }),
    remindDaysBefore: t.int({
      required: false,
      description: 'Default: 3.',
      validate: remindDaysBefore.nullish(),
    }),
  }),
});

const ImportantDatePatchInput = builder.inputType('ImportantDatePatchInput', {
  description: 'Fields to change; omitted ones stay, a null year clears it.',
  fields: (t) => ({
    kind: t.field({ type: ImportantDateKindEnum, required: false }),
    title: t.string({ required: false, validate: required(100, 'A title').nullish() }),
    month: t.int({ required: false, validate: month.nullish() }),
    day: t.int({ required: false, validate: day.nullish() }),
    year: t.int({ required: false, validate: year.nullish() }),
    remindDaysBefore: t.int({ required: false, validate: remindDaysBefore.nullish() }),
  }),
});

builder.mutationFields((t) => {
  const customerId = () => t.arg.globalID({ for: CustomerRef });
  const detailId = () => t.arg.id({ validate: uuid });
  /** Reads the changed customer for the answer, spreading Pothos' query (nested addresses, dates). */
  const answer =
    <A>(change: (ctx: Context, args: A) => Promise<{ customerId: string }>) =>
    async (query: object, _root: unknown, args: A, ctx: Context) => {
      const { customerId } = await change(ctx, args);
      return ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: customerId } });
    };
  return {
    addCustomerAddress: t.prismaField({
      type: 'Customer',
      authScopes: CHANGES_CUSTOMERS,
      args: { customerId: customerId(), input: t.arg({ type: CustomerAddressInput }) },
      resolve: answer((ctx, args) => addCustomerAddress(ctx, args.customerId.id, args.input)),
    }),
    updateCustomerAddress: t.prismaField({
      type: 'Customer',
      authScopes: CHANGES_CUSTOMERS,
      args: { addressId: detailId(), patch: t.arg({ type: CustomerAddressPatchInput }) },
      resolve: answer((ctx, args) => updateCustomerAddress(ctx, String(args.addressId), args.patch)),
    }),
    removeCustomerAddress: t.prismaField({
      type: 'Customer',
      authScopes: CHANGES_CUSTOMERS,
      args: { addressId: detailId() },
      resolve: answer((ctx, args) => removeCustomerAddress(ctx, String(args.addressId))),
    }),
    addImportantDate: t.prismaField({
      type: 'Customer',
      authScopes: CHANGES_CUSTOMERS,
      args: { customerId: customerId(), input: t.arg({ type: ImportantDateInput }) },
      resolve: answer((ctx, args) => addImportantDate(ctx, args.customerId.id, args.input)),
    }),
    updateImportantDate: t.prismaField({
      type: 'Customer',
      authScopes: CHANGES_CUSTOMERS,
      args: { importantDateId: detailId(), patch: t.arg({ type: ImportantDatePatchInput }) },
      resolve: answer((ctx, args) => updateImportantDate(ctx, String(args.importantDateId), args.patch)),
    }),
    removeImportantDate: t.prismaField({
      type: 'Customer',
      authScopes: CHANGES_CUSTOMERS,
      args: { importantDateId: detailId() },
      resolve: answer((ctx, args) => removeImportantDate(ctx, String(args.importantDateId))),
    }),
  };
});
