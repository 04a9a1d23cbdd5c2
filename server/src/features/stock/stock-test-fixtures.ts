// Rows the stock tests build straight in their own test database: orders are not creatable through GraphQL
// yet, so reservations are exercised on orders inserted here and a context a real request would get.
import { DEMO_SHOP_SLUG } from '@posy/prisma/seed';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.js';
import type { Context } from '../../context.js';

let nextNumber = 10_000;

export async function demoShop(app: TestApp) {
  return app.prisma.shop.findUniqueOrThrow({ where: { slug: DEMO_SHOP_SLUG } });
}

/** The context of a request with the given headers, as the server builds it. */
export function contextOf(app: TestApp, headers: Record<string, string>): Promise<Context> {
  return app.createContext({ headers: new Headers(headers), requestId: 'stock-test', ip: null });
}

/** A stock item of its own with batches [quantity, expires in hours | null], kept consistent like a supply. */
export async function stockItemWith(app: TestApp, name: string, batches: [number, number | null][]) {
  const shop = await demoShop(app);
  const onHand = batches.reduce((sum, [q]) => sum + q, 0);
  const item = await app.prisma.stockItem.create({
    data: { shopId: shop.id, name, unit: 'STEM', onHand, unitCostMinor: 100 },
  });
  const ids: string[] = [];
  for (const [quantity, hours] of batches) {
    const batch = await app.prisma.stockBatch.create({
      data: {
        stockItemId: item.id,
        quantityReceived: quantity,
        quantityRemaining: quantity,
        unitCostMinor: 100,
        expiresAt: hours === null ? null : new Date(Date.now() + hours * 3_600_000),
      },
    });
    await app.prisma.stockMovement.create({
      data: { shopId: shop.id, stockItemId: item.id, batchId: batch.id, kind: 'SUPPLY', quantity },
    });
    ids.push(batch.id);
  }
  return { id: item.id, batchIds: ids };
}

/** A confirmed order of `quantity` × a new product made of `parts` (stock item id → per bouquet). */
export async function orderOf(app: TestApp, parts: Record<string, number>, quantity = 1) {
  const shop = await demoShop(app);
  const customer = await app.prisma.customer.findFirstOrThrow({ where: { shopId: shop.id } });
  nextNumber += 1;
  const number = nextNumber;
  const product = await app.prisma.product.create({
    data: {
      shopId: shop.id,
      name: `Bouquet ${number}`,
      priceMinor: 1000,
      components: { create: Object.entries(parts).map(([stockItemId, q]) => ({ stockItemId, quantity: q })) },
    },
  });
  return app.prisma.order.create({
    data: {
      shopId: shop.id,
      number,
      customerId: customer.id,
      status: 'CONFIRMED',
      currency: shop.currency,
      subtotalMinor: 1000 * quantity,
      totalMinor: 1000 * quantity,
      items: {
        create: [
          {
            productId: product.id,
            productName: product.name,
            quantity,
            unitPriceMinor: 1000,
            unitCostMinor: 0,
            totalMinor: 1000 * quantity,
          },
        ],
      },
    },
  });
}

/** onHand = Σ remaining of live batches = Σ movements; reserved = Σ open reservations; none below zero. */
export async function expectConsistent(app: TestApp, stockItemId: string) {
  const item = await app.prisma.stockItem.findUniqueOrThrow({ where: { id: stockItemId } });
  const live = await app.prisma.stockBatch.aggregate({
    where: { stockItemId, writtenOffAt: null },
    _sum: { quantityRemaining: true },
  });
  const moved = await app.prisma.stockMovement.aggregate({
    where: { stockItemId },
    _sum: { quantity: true },
  });
  const held = await app.prisma.stockReservation.aggregate({
    where: { stockItemId, releasedAt: null, consumedAt: null },
    _sum: { quantity: true },
  });
  expect(item.onHand).toBe(live._sum.quantityRemaining ?? 0);
  expect(item.onHand).toBe(moved._sum.quantity ?? 0);
  expect(item.reserved).toBe(held._sum.quantity ?? 0);
  expect(item.onHand).toBeGreaterThanOrEqual(0);
  expect(item.reserved).toBeGreaterThanOrEqual(0);
  return item;
}
