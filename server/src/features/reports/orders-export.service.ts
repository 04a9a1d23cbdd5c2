import type { Prisma } from '@posy/prisma';
import type { Context } from '../../context.js';
import { exportedOrders } from '../common/access.js';
import type { ReportPeriod } from './reports.service.js';

/** Orders read per statement: a few hundred KB of rows, so memory stays flat however long the period. */
export const EXPORT_BATCH_SIZE = 1000;

/** The file's columns, in order: its header row. */
export const ORDER_CSV_COLUMNS = [
  'number',
  'created_at',
  'status',
  'payment_status',
  'fulfillment',
  'source',
  'customer_name',
  'customer_phone',
  'recipient_name',
  'recipient_phone',
  'delivery_address',
  'window_start',
  'window_end',
  'courier',
  'items',
  'currency',
  'subtotal',
  'delivery_fee',
  'discount',
  'total',
  'paid_at',
] as const;

type CsvRecord = Record<(typeof ORDER_CSV_COLUMNS)[number], string | number | null>;

const SELECT = {
  id: true,
  number: true,
  createdAt: true,
  status: true,
  paymentStatus: true,
  fulfillment: true,
  source: true,
  recipientName: true,
  recipientPhone: true,
  deliveryAddress: true,
  windowStart: true,
  windowEnd: true,
  currency: true,
  subtotalMinor: true,
  deliveryFeeMinor: true,
  discountMinor: true,
  totalMinor: true,
  paidAt: true,
  customer: { select: { name: true, phone: true } },
  courier: { select: { name: true } },
  items: { select: { productName: true, quantity: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.OrderSelect;

type ExportedOrder = Prisma.OrderGetPayload<{ select: typeof SELECT }>;

/**
 * The orders of a period the viewer may export (`exportedOrders`: the `orders` query's rule, for those who
 * keep the books), made in `[start, end)`, oldest first, as CSV records. Read in batches by keyset on
 * (createdAt, id), so each batch is one indexed statement (plus one per relation) and only one batch is in
 * memory; the next is read only when the consumer asks for more, and none once it stops (return()).
 */
export async function* exportOrderRecords(
  ctx: Context,
  period: ReportPeriod,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<CsvRecord> {
  const base: Prisma.OrderWhereInput = {
    AND: [exportedOrders(ctx), { createdAt: { gte: period.start, lt: period.end } }],
  };
  const digits = new Map<string, number>();
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    // (createdAt, id) > last, written so PostgreSQL can start the (shopId, createdAt) index at the last
    // createdAt and stop after a batch: a bare OR of the two cases is a bitmap scan and a sort of every
    // remaining row, each batch (quadratic over a year).
    const where: Prisma.OrderWhereInput = after
      ? {
          AND: [
            base,
            { createdAt: { gte: after.createdAt } },
            { OR: [{ createdAt: { gt: after.createdAt } }, { id: { gt: after.id } }] },
          ],
        }
      : base;
    const batch: ExportedOrder[] = await ctx.prisma.order.findMany({
      where,
      select: SELECT,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: batchSize,
    });
    for (const order of batch) yield record(order, digits);
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

function record(order: ExportedOrder, digits: Map<string, number>): CsvRecord {
  const amount = (minor: number) => decimal(minor, order.currency, digits);
  return {
    number: order.number,
    created_at: order.createdAt.toISOString(),
    status: order.status,
    payment_status: order.paymentStatus,
    fulfillment: order.fulfillment,
    source: order.source,
    customer_name: order.customer.name,
    customer_phone: order.customer.phone,
    recipient_name: order.recipientName,
    recipient_phone: order.recipientPhone,
    delivery_address: order.deliveryAddress,
    window_start: order.windowStart?.toISOString() ?? null,
    window_end: order.windowEnd?.toISOString() ?? null,
    courier: order.courier?.name ?? null,
    items: order.items.map((item) => `${item.productName} × ${item.quantity}`).join('; '),
    currency: order.currency,
    subtotal: amount(order.subtotalMinor),
    delivery_fee: amount(order.deliveryFeeMinor),
    discount: amount(order.discountMinor),
    total: amount(order.totalMinor),
    paid_at: order.paidAt?.toISOString() ?? null,
  };
}

/** Minor units as a decimal in the currency's own digits (RUB 2, JPY 0), as spreadsheets sum them. */
function decimal(minor: number, currency: string, digits: Map<string, number>): string {
  let places = digits.get(currency);
  if (places === undefined) {
    places =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digits.set(currency, places);
  }
  const sign = minor < 0 ? '-' : '';
  const whole = Math.abs(minor);
  if (places === 0) return `${sign}${whole}`;
  const scale = 10 ** places;
  return `${sign}${Math.floor(whole / scale)}.${String(whole % scale).padStart(places, '0')}`;
}
