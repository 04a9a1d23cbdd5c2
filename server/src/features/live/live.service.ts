import type { Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import type { PubSubEvents } from '../../pubsub.js';
import { readKey, readShared } from './shared-reads.js';

/** An `order:changed` event: which order, and its version after the change. */
export type OrderChange = PubSubEvents['order:changed'][1];

/** A change of an order the viewer delivers; `assigned` false when it was taken away from them. */
export type DeliveryChange = OrderChange & { assigned: boolean };

/**
 * The active shop's order changes whose order matches `where`, each checked when it arrives (one lookup
 * by primary key), so a subscriber hears nothing of orders it may not see, not even that they changed.
 * Events come after their transaction committed (orders.service.ts `publishOrderChange`), so the lookup
 * sees the change. `where` is computed by the caller before listening: a refusal ends the subscription
 * at once, as an error, instead of on its first event.
 */
export async function* orderChangesAmong(
  ctx: Context,
  where: Prisma.OrderWhereInput,
): AsyncGenerator<OrderChange> {
  for await (const event of ctx.pubsub.subscribe('order:changed', requireShop(ctx))) {
    if (await matches(ctx, event, where)) yield event;
  }
}

/**
 * Changes of the orders the viewer delivers (`where`, see `deliveriesOfViewer`): each event of an order
 * that is theirs, and once, with `assigned: false`, the event that took an order they had away from them
 * (reassigned, unassigned, or it left their view). "Had" means: theirs when the subscription started, or
 * since then by an event. The row says nothing of who delivered it before, so the set is kept here.
 */
export async function* deliveryChangesAmong(
  ctx: Context,
  where: Prisma.OrderWhereInput,
): AsyncGenerator<DeliveryChange> {
  const shopId = requireShop(ctx);
  const events = ctx.pubsub.subscribe('order:changed', shopId);
  const iterator = events[Symbol.asyncIterator]();
  // Listening starts with the first next(); the set is read meanwhile, so an order assigned while it is
  // being read is either in it or announced by its event.
  const first = iterator.next();
  try {
    const assigned = new Set(
      (await ctx.prisma.order.findMany({ where, select: { id: true } })).map((order) => order.id),
    );
    for (let next = await first; !next.done; next = await iterator.next()) {
      const event = next.value;
      if (await matches(ctx, event, where)) {
        assigned.add(event.orderId);
        yield { ...event, assigned: true };
      } else if (assigned.delete(event.orderId)) {
        yield { ...event, assigned: false };
      }
    }
  } finally {
    await iterator.return?.();
  }
}

/** Whether the order of `event` is among `where`; subscribers with the same rule ask once (shared-reads.ts). */
async function matches(ctx: Context, event: OrderChange, where: Prisma.OrderWhereInput) {
  const found = await readShared(ctx, readKey('matches', event, where), () =>
    ctx.prisma.order.findFirst({ where: { AND: [{ id: event.orderId }, where] }, select: { id: true } }),
  );
  return found !== null;
}
