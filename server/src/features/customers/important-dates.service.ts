import type { ImportantDateKind } from '@posy/prisma';
import type { Context } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { editableCustomers } from '../common/access.js';
import { lockCustomer } from './customer-locks.js';
import { findEditableCustomer } from './customers.service.js';

export interface ImportantDateFields {
  kind?: ImportantDateKind | null;
  /** Whose date or what it is ("Mum's birthday"). */
  title?: string | null;
  month?: number | null;
  day?: number | null;
  /** The year it happened, when known (an anniversary's wedding year); reminders need only month and day. */
  year?: number | null;
  remindDaysBefore?: number | null;
}

/** Adds an important date to a customer the viewer may change (a customer: to themself). Answers the customer. */
export async function addImportantDate(
  ctx: Context,
  customerId: string,
  input: ImportantDateFields & { title: string; month: number; day: number },
) {
  assertOnCalendar(input.month, input.day, input.year);
  const customer = await findEditableCustomer(ctx, customerId);
  await lockCustomer(ctx, customer.shopId, customer.id);
  const row = await ctx.prisma.importantDate.create({
    data: {
      customerId: customer.id,
      ...dateData(input),
      title: input.title.trim(),
      month: input.month,
      day: input.day,
    },
    select: { id: true },
  });
  ctx.audit.target = { type: 'ImportantDate', id: row.id };
  ctx.audit.changes = { customerId: customer.id, ...input };
  return { customerId: customer.id };
}

/** Edits an important date of a customer the viewer may change; the day is checked against the month it ends up in. */
export async function updateImportantDate(ctx: Context, dateId: string, patch: ImportantDateFields) {
  for (const field of ['title', 'month', 'day'] as const)
    if (patch[field] === null) throw badInput(`An important date needs its ${field}`, field);
  const date = await findEditableDate(ctx, dateId);
  const year = patch.year !== undefined ? patch.year : date.year;
  assertOnCalendar(patch.month ?? date.month, patch.day ?? date.day, year);
  await ctx.prisma.importantDate.update({ where: { id: date.id }, data: dateData(patch) });
  ctx.audit.target = { type: 'ImportantDate', id: date.id };
  ctx.audit.changes = { customerId: date.customerId, ...patch };
  return { customerId: date.customerId };
}

export async function removeImportantDate(ctx: Context, dateId: string) {
  const date = await findEditableDate(ctx, dateId);
  await ctx.prisma.importantDate.delete({ where: { id: date.id } });
  ctx.audit.target = { type: 'ImportantDate', id: date.id };
  ctx.audit.changes = { customerId: date.customerId, removed: true };
  return { customerId: date.customerId };
}

/** The date, when its customer is one the viewer may change, with the customer locked; else NOT_FOUND. */
async function findEditableDate(ctx: Context, id: string) {
  const date = await ctx.prisma.importantDate.findFirst({
    where: { id, customer: editableCustomers(ctx) },
    select: {
      id: true,
      customerId: true,
      month: true,
      day: true,
      year: true,
      customer: { select: { shopId: true } },
    },
  });
  if (!date) throw notFound('Important date');
  await lockCustomer(ctx, date.customer.shopId, date.customerId);
  return date;
}

/** 31 April is no date; 29 February is, unless the year given is not a leap year. */
function assertOnCalendar(month: number, day: number, year: number | null | undefined) {
  const daysInMonth = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
  if (day > daysInMonth) throw badInput(`This month has ${daysInMonth} days`, 'day');
}

function dateData(fields: ImportantDateFields) {
  return {
    ...(fields.kind != null ? { kind: fields.kind } : {}),
    ...(fields.title != null ? { title: fields.title.trim() } : {}),
    ...(fields.month != null ? { month: fields.month } : {}),
    ...(fields.day != null ? { day: fields.day } : {}),
    ...(fields.year !== undefined ? { year: fields.year } : {}),
    ...(fields.remindDaysBefore != null ? { remindDaysBefore: fields.remindDaysBefore } : {}),
  };
}
