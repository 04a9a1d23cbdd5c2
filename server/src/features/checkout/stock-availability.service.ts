import { type Context, requireShop } from '../../context.js';
import { InsufficientStockError, type StockShortage } from '../stock/insufficient-stock.error.js';

/**
 * Whether the stock on the shelf now can make these lines, by the rule confirmation reserves with
 * (stock-reservations.service.ts): per stock item, composition × quantity against on hand minus reserved.
 * Writes and locks nothing: creation only refuses what cannot be made today; confirming reserves, and may
 * still answer InsufficientStock if others confirmed first. Throws InsufficientStockError naming every short
 * component.
 */
export async function assertStockAvailable(
  ctx: Context,
  lines: readonly { productId: string; quantity: number }[],
): Promise<void> {
  const shopId = requireShop(ctx);
  const products = await ctx.prisma.product.findMany({
    where: { shopId, id: { in: [...new Set(lines.map((l) => l.productId))] } },
    select: {
      id: true,
      components: {
        select: { quantity: true, stockItem: { select: { id: true, onHand: true, reserved: true } } },
      },
    },
  });
  const byId = new Map(products.map((p) => [p.id, p.components]));
  const needs = new Map<string, { needed: number; available: number }>();
  for (const line of lines)
    for (const c of byId.get(line.productId) ?? []) {
      const need = needs.get(c.stockItem.id) ?? {
        needed: 0,
        available: Math.max(0, c.stockItem.onHand - c.stockItem.reserved),
      };
      need.needed += c.quantity * line.quantity;
      needs.set(c.stockItem.id, need);
    }
  const shortages: StockShortage[] = [...needs]
    .filter(([, n]) => n.available < n.needed)
    .map(([stockItemId, n]) => ({ stockItemId, ...n }));
  if (shortages.length > 0) throw new InsufficientStockError(shortages);
}
