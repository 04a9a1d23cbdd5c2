// Supplies in, write-offs out, and the figures managers read. Every quantity change locks its stock items
// (stock-locks.ts), writes a StockMovement and keeps StockItem.onHand = Σ remaining of its live batches.
import type { StockUnit } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { type Database, inTransaction } from '../../transaction.js';
import { publishShopChange } from '../live/shop-changes.js';
import { lockStockItems } from './stock-locks.js';
import { actorOf } from './stock-reservations.service.js';
import { writeOffNote } from './write-off-note.js';

export type WriteOffReason = 'EXPIRED' | 'DAMAGED' | 'OTHER';

export async function createStockItem(
  ctx: Context,
  input: { name: string; unit: StockUnit; reorderLevel?: number | null },
) {
  const shopId = requireShop(ctx);
  await assertNameFree(ctx.prisma, shopId, input.name);
  const item = await ctx.prisma.stockItem.create({ data: { shopId, ...input }, select: { id: true } });
  publishShopChange(ctx, shopId, 'stockItem', [item.id]);
  return item;
}

export async function updateStockItem(
  ctx: Context,
  id: string,
  input: { name?: string | null; unit?: StockUnit | null; reorderLevel?: number | null },
) {
  const shopId = requireShop(ctx);
  await findStockItem(ctx.prisma, shopId, id);
  if (input.name) await assertNameFree(ctx.prisma, shopId, input.name, id);
  publishShopChange(ctx, shopId, 'stockItem', [id]);
  return ctx.prisma.stockItem.update({
    where: { id },
    data: {
      ...(input.name ? { name: input.name } : {}),
      ...(input.unit ? { unit: input.unit } : {}),
      ...(input.reorderLevel !== undefined ? { reorderLevel: input.reorderLevel } : {}),
    },
    select: { id: true },
  });
}

export async function archiveStockItem(ctx: Context, id: string) {
  const shopId = requireShop(ctx);
  await findStockItem(ctx.prisma, shopId, id);
  publishShopChange(ctx, shopId, 'stockItem', [id]);
  return ctx.prisma.stockItem.update({
    where: { id },
    data: { archivedAt: new Date() },
    select: { id: true },
  });
}

export interface SupplyLine {
  stockItemId: string;
  quantity: number;
  unitCostMinor: number;
  expiresAt?: Date | null;
}

/** One batch and one SUPPLY movement per line; the item's unit cost becomes the latest supply's. */
export function receiveSupply(
  ctx: Context,
  input: { supplierName: string; note?: string | null; lines: SupplyLine[] },
) {
  const shopId = requireShop(ctx);
  if (input.lines.length === 0) throw badInput('A supply needs at least one line', 'lines');
  const now = new Date();
  input.lines.forEach((line, i) => {
    if (line.expiresAt && line.expiresAt <= now) throw badInput('Already expired', `lines.${i}.expiresAt`);
  });
  return inTransaction(ctx, async (db) => {
    const levels = await lockStockItems(
      ctx,
      db,
      shopId,
      input.lines.map((l) => l.stockItemId),
    );
    const live = await db.stockItem.findMany({
      where: { id: { in: [...levels.keys()] }, archivedAt: null },
      select: { id: true },
    });
    const liveIds = new Set(live.map((i) => i.id));
    input.lines.forEach((line, i) => {
      if (!liveIds.has(line.stockItemId)) throw badInput('No such stock item', `lines.${i}.stockItemId`);
    });
    const supply = await db.supply.create({
      data: {
        shopId,
        supplierName: input.supplierName,
        note: input.note ?? null,
        receivedById: actorOf(ctx),
        receivedAt: now,
        totalCostMinor: input.lines.reduce((sum, l) => sum + l.quantity * l.unitCostMinor, 0),
      },
      select: { id: true },
    });
    for (const line of input.lines) {
      const batch = await db.stockBatch.create({
        data: {
          stockItemId: line.stockItemId,
          supplyId: supply.id,
          quantityReceived: line.quantity,
          quantityRemaining: line.quantity,
          unitCostMinor: line.unitCostMinor,
          receivedAt: now,
          expiresAt: line.expiresAt ?? null,
        },
        select: { id: true },
      });
      await db.stockMovement.create({
        data: {
          shopId,
          stockItemId: line.stockItemId,
          batchId: batch.id,
          kind: 'SUPPLY',
          quantity: line.quantity,
          actorId: actorOf(ctx),
        },
      });
      await db.stockItem.update({
        where: { id: line.stockItemId },
        data: { onHand: { increment: line.quantity }, unitCostMinor: line.unitCostMinor },
      });
    }
    return supply;
  });
}

/**
 * Writes off `quantity` of one batch, or of a stock item taking its expired batches first, then FEFO.
 * Reserved stock may be written off (a damaged rose is gone either way); the order then falls short at
 * production, which answers InsufficientStock.
 */
export function writeOff(
  ctx: Context,
  input: {
    batchId?: string | null;
    stockItemId?: string | null;
    quantity: number;
    reason: WriteOffReason;
    note?: string | null;
  },
) {
  const shopId = requireShop(ctx);
  if (!input.batchId === !input.stockItemId) throw badInput('Name either a batch or a stock item', 'batchId');
  return inTransaction(ctx, async (db) => {
    const stockItemId = input.stockItemId ?? (await batchItem(db, shopId, input.batchId!));
    const levels = await lockStockItems(ctx, db, shopId, [stockItemId]);
    if (!levels.has(stockItemId)) throw notFound('Stock item');
    const batches = await db.stockBatch.findMany({
      where: {
        stockItemId,
        writtenOffAt: null,
        quantityRemaining: { gt: 0 },
        ...(input.batchId ? { id: input.batchId } : {}),
      },
      orderBy: [{ expiresAt: { sort: 'asc', nulls: 'last' } }, { receivedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, quantityRemaining: true },
    });
    const available = batches.reduce((sum, b) => sum + b.quantityRemaining, 0);
    if (input.quantity > available) throw badInput(`Only ${available} left to write off`, 'quantity');
    let left = input.quantity;
    for (const batch of batches) {
      if (left === 0) break;
      const quantity = Math.min(left, batch.quantityRemaining);
      await takeFromBatch(ctx, db, shopId, stockItemId, batch, quantity, input.reason, input.note ?? null);
      left -= quantity;
    }
    return { stockItemId, quantity: input.quantity };
  });
}

/** Writes off every remaining unit of every expired batch of the shop (the scheduled job calls this too). */
export function writeOffExpired(ctx: Context, now = new Date()) {
  const shopId = requireShop(ctx);
  return inTransaction(ctx, async (db) => {
    const candidates = await expiredBatches(db, shopId, now);
    await lockStockItems(
      ctx,
      db,
      shopId,
      candidates.map((b) => b.stockItemId),
    );
    // Read again under the locks: a concurrent write-off may have taken some meanwhile.
    const batches = await expiredBatches(db, shopId, now);
    for (const batch of batches)
      await takeFromBatch(
        ctx,
        db,
        shopId,
        batch.stockItemId,
        batch,
        batch.quantityRemaining,
        'EXPIRED',
        null,
      );
    return { batches: batches.length, quantity: batches.reduce((sum, b) => sum + b.quantityRemaining, 0) };
  });
}

function expiredBatches(db: Database, shopId: string, now: Date) {
  return db.stockBatch.findMany({
    where: {
      stockItem: { shopId },
      writtenOffAt: null,
      quantityRemaining: { gt: 0 },
      expiresAt: { lte: now },
    },
    select: { id: true, stockItemId: true, quantityRemaining: true },
  });
}

/** Caller holds the stock item's lock. A batch emptied by a write-off is marked written off. */
async function takeFromBatch(
  ctx: Context,
  db: Database,
  shopId: string,
  stockItemId: string,
  batch: { id: string; quantityRemaining: number },
  quantity: number,
  reason: WriteOffReason,
  note: string | null,
) {
  const emptied = quantity === batch.quantityRemaining;
  await db.stockBatch.update({
    where: { id: batch.id },
    data: { quantityRemaining: { decrement: quantity }, ...(emptied ? { writtenOffAt: new Date() } : {}) },
  });
  await db.stockMovement.create({
    data: {
      shopId,
      stockItemId,
      batchId: batch.id,
      kind: 'WRITE_OFF',
      quantity: -quantity,
      note: writeOffNote(reason, note),
      actorId: actorOf(ctx),
    },
  });
  await db.stockItem.update({ where: { id: stockItemId }, data: { onHand: { decrement: quantity } } });
}

async function batchItem(db: Database, shopId: string, batchId: string) {
  const batch = await db.stockBatch.findFirst({
    where: { id: batchId, stockItem: { shopId } },
    select: { stockItemId: true },
  });
  if (!batch) throw notFound('Stock batch');
  return batch.stockItemId;
}

async function findStockItem(db: Database, shopId: string, id: string) {
  const item = await db.stockItem.findFirst({ where: { id, shopId }, select: { id: true } });
  if (!item) throw notFound('Stock item');
  return item;
}

async function assertNameFree(db: Database, shopId: string, name: string, exceptId?: string) {
  const clash = await db.stockItem.findFirst({
    where: { shopId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw badInput('A stock item with this name exists', 'name');
}
