import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { currentBatches, productCostMinor } from '../products/products.cost.js';
import type { OrderItemInput } from './order-create.service.js';

/**
 * Prices order lines from the catalog as it is now (name, price and cost are copied onto the line), in one
 * query whatever the number of lines. A product that is not on sale in this shop is refused.
 */
export async function priceItems(ctx: Context, shopId: string, lines: OrderItemInput[]) {
  if (lines.length === 0) throw badInput('An order needs at least one item', 'items');
  const products = await ctx.prisma.product.findMany({
    where: { shopId, id: { in: lines.map((l) => l.productId) }, active: true, archivedAt: null },
    select: {
      id: true,
      name: true,
      priceMinor: true,
      components: {
        select: {
          quantity: true,
          // The line's cost by the catalog's one rule (products.cost.ts): the current batches on the shelf.
          stockItem: { select: { unitCostMinor: true, batches: currentBatches(new Date()) } },
        },
      },
    },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  return lines.map((line, index) => {
    const product = byId.get(line.productId);
    if (!product) throw badInput('This product is not on sale', `items.${index}.productId`);
    return {
      productId: product.id,
      productName: product.name,
      quantity: line.quantity,
      unitPriceMinor: product.priceMinor,
      unitCostMinor: productCostMinor(product.components),
      totalMinor: product.priceMinor * line.quantity,
    };
  });
}
