// What the orders feature calls as an order moves on: confirm reserves, production consumes, cancel releases.
// Each runs in the caller's transaction (or its own outside a mutation) and locks the order's stock items
// first, so concurrent orders for the last stems serialise and exactly one gets them.
import { type Context, requireShop } from '../../context.js';
import { notFound } from '../../errors.js';
import { type Database, inTransaction } from '../../transaction.js';
import { InsufficientStockError } from './insufficient-stock.error.js';
import { type ConsumedBatch, fefoFrom, liveBatches, planFefo } from './stock-fefo.js';
import { lockStockItems } from './stock-locks.js';

export { InsufficientStockError } from './insufficient-stock.error.js';
export type { ConsumedBatch } from './stock-fefo.js';

/** Reserves every component of every item of the order; does nothing when the order holds a reservation. */
export function reserveOrderStock(ctx: Context, orderId: string): Promise<void> {
  const shopId = requireShop(ctx);
  return inTransaction(ctx, async (db) => {
    const needs = await orderNeeds(db, shopId, orderId);
    const levels = await lockStockItems(ctx, db, shopId, needs.keys());
    const held = await db.stockReservation.count({ where: { orderId, releasedAt: null } });
    if (held > 0) return;
    const shortages = [...needs].flatMap(([stockItemId, needed]) => {
      const level = levels.get(stockItemId) ?? { onHand: 0, reserved: 0 };
      const available = Math.max(0, level.onHand - level.reserved);
      return available < needed ? [{ stockItemId, needed, available }] : [];
    });
    if (shortages.length > 0) throw new InsufficientStockError(shortages);
    for (const [stockItemId, quantity] of needs) {
      // A cancelled order confirmed again reuses its released row (one row per order × stock item).
      await db.stockReservation.upsert({
        where: { orderId_stockItemId: { orderId, stockItemId } },
        create: { orderId, stockItemId, quantity },
        update: { quantity, releasedAt: null, consumedAt: null, createdAt: new Date() },
      });
      await db.stockItem.update({ where: { id: stockItemId }, data: { reserved: { increment: quantity } } });
    }
  });
}

/**
 * The batches production would take for the order now (FEFO), writing nothing. Reads through `ctx.prisma`
 * without a transaction of its own: it writes nothing, and a production board lists it for every task.
 */
export async function planOrderConsumption(ctx: Context, orderId: string): Promise<ConsumedBatch[]> {
  const shopId = requireShop(ctx);
  const open = await openReservations(ctx.prisma, shopId, orderId);
  const needs = open.length > 0 ? toNeeds(open) : await orderNeeds(ctx.prisma, shopId, orderId);
  return (await planFefo(ctx.prisma, needs)).plan;
}

/**
 * planOrderConsumption for several orders at once (a production board's page): one read of their
 * reservations, one of the needs of those without any, one of the live batches. Each order's plan is made
 * as if it were the only one, as planOrderConsumption makes it; an order not of the shop plans nothing.
 */
export async function planOrdersConsumption(
  ctx: Context,
  orderIds: readonly string[],
): Promise<Map<string, ConsumedBatch[]>> {
  const shopId = requireShop(ctx);
  const open = await ctx.prisma.stockReservation.findMany({
    where: { orderId: { in: [...orderIds] }, order: { shopId }, releasedAt: null, consumedAt: null },
    select: { orderId: true, stockItemId: true, quantity: true },
    orderBy: { stockItemId: 'asc' },
  });
  const needsOf = new Map<string, Map<string, number>>();
  for (const r of open) {
    const needs = needsOf.get(r.orderId) ?? new Map<string, number>();
    needs.set(r.stockItemId, r.quantity);
    needsOf.set(r.orderId, needs);
  }
  const unreserved = orderIds.filter((id) => !needsOf.has(id));
  if (unreserved.length > 0) {
    const orders = await ctx.prisma.order.findMany({
      where: { id: { in: unreserved }, shopId },
      select: { id: true, items: { select: { quantity: true, product: { select: { components: true } } } } },
    });
    for (const order of orders) needsOf.set(order.id, needsOfItems(order.items));
  }
  const itemIds = new Set([...needsOf.values()].flatMap((needs) => [...needs.keys()]));
  const batches = itemIds.size > 0 ? await liveBatches(ctx.prisma, itemIds) : [];
  return new Map([...needsOf].map(([orderId, needs]) => [orderId, fefoFrom(batches, needs).plan]));
}

/**
 * Turns the order's reservation into CONSUMPTION movements from its batches, earliest expiry first, and
 * returns what was taken; an order already consumed (or never reserved) takes nothing. When the live
 * batches cannot cover the reservation (some expired meanwhile) nothing is taken: InsufficientStock.
 */
export function consumeOrderStock(ctx: Context, orderId: string): Promise<ConsumedBatch[]> {
  const shopId = requireShop(ctx);
  return inTransaction(ctx, async (db) => {
    const order = await findOrder(db, shopId, orderId);
    const reservations = await db.stockReservation.findMany({
      where: { orderId, releasedAt: null, consumedAt: null },
      select: { stockItemId: true },
    });
    await lockStockItems(
      ctx,
      db,
      shopId,
      reservations.map((r) => r.stockItemId),
    );
    // Read again under the locks: a concurrent consume of the same order may have finished meanwhile.
    const open = await openReservations(db, shopId, orderId);
    if (open.length === 0) return [];
    const { plan, short } = await planFefo(db, toNeeds(open));
    if (short.size > 0)
      throw new InsufficientStockError([...short].map(([stockItemId, s]) => ({ stockItemId, ...s })));
    for (const use of plan) {
      await db.stockBatch.update({
        where: { id: use.batchId },
        data: { quantityRemaining: { decrement: use.quantity } },
      });
      await db.stockMovement.create({
        data: {
          shopId,
          stockItemId: use.stockItemId,
          batchId: use.batchId,
          orderId: order.id,
          kind: 'CONSUMPTION',
          quantity: -use.quantity,
          actorId: actorOf(ctx),
        },
      });
    }
    const now = new Date();
    for (const r of open) {
      await db.stockItem.update({
        where: { id: r.stockItemId },
        data: { onHand: { decrement: r.quantity }, reserved: { decrement: r.quantity } },
      });
      await db.stockReservation.update({ where: { id: r.id }, data: { consumedAt: now } });
    }
    return plan;
  });
}

/** Gives back what a cancelled order held and did not use; a second call finds nothing to release. */
export function releaseOrderStock(ctx: Context, orderId: string): Promise<void> {
  const shopId = requireShop(ctx);
  return inTransaction(ctx, async (db) => {
    await findOrder(db, shopId, orderId);
    const held = await db.stockReservation.findMany({
      where: { orderId, releasedAt: null, consumedAt: null },
      select: { stockItemId: true },
    });
    await lockStockItems(
      ctx,
      db,
      shopId,
      held.map((r) => r.stockItemId),
    );
    const now = new Date();
    for (const r of await openReservations(db, shopId, orderId)) {
      await db.stockItem.update({
        where: { id: r.stockItemId },
        data: { reserved: { decrement: r.quantity } },
      });
      await db.stockReservation.update({ where: { id: r.id }, data: { releasedAt: now } });
    }
  });
}

export function actorOf(ctx: Context): string | null {
  return ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
}

async function findOrder(db: Database, shopId: string, orderId: string) {
  const order = await db.order.findFirst({ where: { id: orderId, shopId }, select: { id: true } });
  if (!order) throw notFound('Order');
  return order;
}

/** Product composition × item quantity, summed per stock item. */
async function orderNeeds(db: Database, shopId: string, orderId: string) {
  const order = await db.order.findFirst({
    where: { id: orderId, shopId },
    select: { items: { select: { quantity: true, product: { select: { components: true } } } } },
  });
  if (!order) throw notFound('Order');
  return needsOfItems(order.items);
}

/** Stock item → quantity the order's items take, by their products' compositions as they are now. */
function needsOfItems(
  items: { quantity: number; product: { components: { stockItemId: string; quantity: number }[] } }[],
) {
  const needs = new Map<string, number>();
  for (const item of items)
    for (const c of item.product.components)
      needs.set(c.stockItemId, (needs.get(c.stockItemId) ?? 0) + c.quantity * item.quantity);
  return needs;
}

function openReservations(db: Database, shopId: string, orderId: string) {
  return db.stockReservation.findMany({
    where: { orderId, order: { shopId }, releasedAt: null, consumedAt: null },
    select: { id: true, stockItemId: true, quantity: true },
    orderBy: { stockItemId: 'asc' },
  });
}

function toNeeds(reservations: { stockItemId: string; quantity: number }[]) {
  return new Map(reservations.map((r) => [r.stockItemId, r.quantity]));
}
