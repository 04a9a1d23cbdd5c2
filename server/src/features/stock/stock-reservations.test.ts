import { DEMO_API_KEY } from '@posy/prisma/seed';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import type { Context } from '../../context.js';
import { runInTransaction } from '../../transaction.js';
import { InsufficientStockError } from './insufficient-stock.error.js';
import { writeOff } from './stock.service.js';
import {
  consumeOrderStock,
  planOrderConsumption,
  releaseOrderStock,
  reserveOrderStock,
} from './stock-reservations.service.js';
import { contextOf, expectConsistent, orderOf, stockItemWith } from './stock-test-fixtures.js';

let app: TestApp;
let ctx: Context;
beforeAll(async () => {
  app = await startTestApp();
  ctx = await contextOf(app, { 'x-api-key': DEMO_API_KEY });
});
afterAll(() => app?.stop());

/** Like a mutation: its own transaction on its own connection. */
const inOwnTransaction = <T>(fn: (ctx: Context) => Promise<T>) => runInTransaction(ctx, fn);

describe('order stock reservations', () => {
  test('reserve holds stock, is idempotent, and release gives it back once', async () => {
    const rose = await stockItemWith(app, 'Reserve rose', [[10, 48]]);
    const order = await orderOf(app, { [rose.id]: 3 }, 2);
    await inOwnTransaction((c) => reserveOrderStock(c, order.id));
    await inOwnTransaction((c) => reserveOrderStock(c, order.id));
    expect((await expectConsistent(app, rose.id)).reserved).toBe(6);
    await inOwnTransaction((c) => releaseOrderStock(c, order.id));
    await inOwnTransaction((c) => releaseOrderStock(c, order.id));
    const item = await expectConsistent(app, rose.id);
    expect([item.onHand, item.reserved]).toEqual([10, 0]);
  });

  test('an order short of stock answers InsufficientStock naming the short components and holds nothing', async () => {
    const rose = await stockItemWith(app, 'Short rose', [[4, 48]]);
    const fern = await stockItemWith(app, 'Plenty fern', [[50, 48]]);
    const order = await orderOf(app, { [rose.id]: 5, [fern.id]: 1 });
    const error = await inOwnTransaction((c) => reserveOrderStock(c, order.id)).catch((e) => e);
    expect(error).toBeInstanceOf(InsufficientStockError);
    expect(error.shortages).toEqual([{ stockItemId: rose.id, needed: 5, available: 4 }]);
    expect((await expectConsistent(app, fern.id)).reserved).toBe(0);
    expect(await app.prisma.stockReservation.count({ where: { orderId: order.id } })).toBe(0);
  });

  test('two orders racing for the last stems: exactly one wins, the other is short', async () => {
    const rose = await stockItemWith(app, 'Last rose', [[5, 48]]);
    const orders = await Promise.all([orderOf(app, { [rose.id]: 5 }), orderOf(app, { [rose.id]: 5 })]);
    const outcomes = await Promise.allSettled(
      orders.map((o) => inOwnTransaction((c) => reserveOrderStock(c, o.id))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(InsufficientStockError);
    expect(lost.reason.shortages).toEqual([{ stockItemId: rose.id, needed: 5, available: 0 }]);
    const item = await expectConsistent(app, rose.id);
    expect([item.onHand, item.reserved]).toEqual([5, 5]);
  });

  test('many concurrent orders never reserve more than is on hand', async () => {
    const rose = await stockItemWith(app, 'Crowded rose', [[7, 48]]);
    const orders = await Promise.all(Array.from({ length: 6 }, () => orderOf(app, { [rose.id]: 2 })));
    const outcomes = await Promise.allSettled(
      orders.map((o) => inOwnTransaction((c) => reserveOrderStock(c, o.id))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect((await expectConsistent(app, rose.id)).reserved).toBe(6);
  });

  test('production consumes earliest expiry first, no-expiry last, never expired; plan matches', async () => {
    const rose = await stockItemWith(app, 'Fefo rose', [
      [5, null],
      [3, 72],
      [4, -1],
      [2, 24],
    ]);
    const [noExpiry, later, expired, sooner] = rose.batchIds;
    const order = await orderOf(app, { [rose.id]: 7 });
    await inOwnTransaction((c) => reserveOrderStock(c, order.id));
    const plan = await planOrderConsumption(ctx, order.id);
    const used = await inOwnTransaction((c) => consumeOrderStock(c, order.id));
    expect(used.map((u) => [u.batchId, u.quantity])).toEqual([
      [sooner, 2],
      [later, 3],
      [noExpiry, 2],
    ]);
    expect(plan).toEqual(used);
    expect(used.map((u) => u.batchId)).not.toContain(expired);
    expect(await inOwnTransaction((c) => consumeOrderStock(c, order.id))).toEqual([]);
    const item = await expectConsistent(app, rose.id);
    expect([item.onHand, item.reserved]).toEqual([7, 0]);
    const movements = await app.prisma.stockMovement.findMany({
      where: { orderId: order.id, kind: 'CONSUMPTION' },
    });
    expect(movements.reduce((s, m) => s + m.quantity, 0)).toBe(-7);
  });

  test('consume and write-off of the same batch at once never take more than it holds', async () => {
    const rose = await stockItemWith(app, 'Contested rose', [[5, 48]]);
    const order = await orderOf(app, { [rose.id]: 4 });
    await inOwnTransaction((c) => reserveOrderStock(c, order.id));
    const outcomes = await Promise.allSettled([
      inOwnTransaction((c) => consumeOrderStock(c, order.id)),
      inOwnTransaction((c) =>
        writeOff(c, { batchId: rose.batchIds[0], quantity: 3, reason: 'DAMAGED', note: 'dropped' }),
      ),
    ]);
    // Whichever goes second finds too little left: only one of them can have happened.
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const item = await expectConsistent(app, rose.id);
    expect([1, 2]).toContain(item.onHand);
    const batch = await app.prisma.stockBatch.findUniqueOrThrow({ where: { id: rose.batchIds[0] } });
    expect(batch.quantityRemaining).toBeGreaterThanOrEqual(0);
  });
});
