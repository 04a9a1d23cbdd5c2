import type { Context } from '../../context.js';
import { InvalidPaymentTransition } from './orders.errors.js';
import { applyOrderChange, findOrder } from './orders.service.js';

/**
 * Records that an order was paid. Staff call it through `markOrderPaid`; an online payment's confirmation
 * (a provider webhook, not built yet) is meant to call this same function with its method and reference.
 */
export async function markOrderPaid(
  ctx: Context,
  input: { id: string; version: number; method: string; reference?: string | null },
): Promise<{ id: string }> {
  const order = await findOrder(ctx, input.id);
  if (order.paymentStatus !== 'UNPAID') throw new InvalidPaymentTransition(order.paymentStatus);
  return applyOrderChange(
    ctx,
    order,
    input.version,
    {
      paymentStatus: 'PAID',
      paymentMethod: input.method,
      paymentReference: input.reference ?? null,
      paidAt: new Date(),
    },
    { toStatus: order.status, note: `Paid: ${input.method}${input.reference ? ` ${input.reference}` : ''}` },
  );
}

/** Records that a paid order's money was given back. */
export async function markOrderRefunded(
  ctx: Context,
  input: { id: string; version: number; reason: string },
): Promise<{ id: string }> {
  const order = await findOrder(ctx, input.id);
  if (order.paymentStatus !== 'PAID') throw new InvalidPaymentTransition(order.paymentStatus);
  return applyOrderChange(
    ctx,
    order,
    input.version,
    { paymentStatus: 'REFUNDED', refundedAt: new Date(), refundReason: input.reason },
    { toStatus: order.status, note: `Refunded: ${input.reason}` },
  );
}
