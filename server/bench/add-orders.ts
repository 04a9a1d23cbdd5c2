/** The bench's shop: the demo shop with many orders, and long lists for the row blow-up check. */
import type { createPrismaClient } from '@posy/prisma/client';

type Prisma = ReturnType<typeof createPrismaClient<never>>;

/** Many orders with an item each, spread over the demo shop's customers and products. */
export async function addOrders(db: Prisma, count: number) {
  const shop = await db.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
  const customers = await db.customer.findMany({ where: { shopId: shop.id } });
  const products = await db.product.findMany({ where: { shopId: shop.id } });
  const statuses = ['NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY', 'DELIVERED'] as const;
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const n = shop.lastOrderNumber + start + i + 1;
      const product = products[n % products.length]!;
      return { n, product, customer: customers[n % customers.length]! };
    });
    const orders = await db.order.createManyAndReturn({
      data: batch.map(({ n, customer, product }) => ({
        shopId: shop.id,
        number: n,
        customerId: customer.id,
        status: statuses[n % statuses.length]!,
        currency: shop.currency,
        subtotalMinor: product.priceMinor,
        totalMinor: product.priceMinor,
        fulfillment: 'PICKUP' as const,
      })),
      select: { id: true, number: true },
    });
    await db.orderItem.createMany({
      data: orders.map((order) => {
        const product = batch.find((b) => b.n === order.number)!.product;
        return {
          orderId: order.id,
          productId: product.id,
          productName: product.name,
          quantity: 1,
          unitPriceMinor: product.priceMinor,
          unitCostMinor: 0,
          totalMinor: product.priceMinor,
        };
      }),
    });
  }
  await db.shop.update({ where: { id: shop.id }, data: { lastOrderNumber: { increment: count } } });
}

/**
 * The long one-to-many lists a join strategy must not make worse: one order with 50 items and one
 * customer with 500 orders. Answers their ids.
 */
export async function addLongLists(db: Prisma) {
  const shop = await db.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
  const products = await db.product.findMany({ where: { shopId: shop.id } });
  const customer = await db.customer.create({ data: { shopId: shop.id, name: 'Bench Regular' } });
  const numbers = (count: number, after: number) => Array.from({ length: count }, (_, i) => after + i + 1);
  const orders = await db.order.createManyAndReturn({
    data: numbers(500, shop.lastOrderNumber).map((number) => ({
      shopId: shop.id,
      number,
      customerId: customer.id,
      currency: shop.currency,
      subtotalMinor: 1000,
      totalMinor: 1000,
      fulfillment: 'PICKUP' as const,
    })),
    select: { id: true },
  });
  const longOrder = orders[0]!;
  await db.orderItem.createMany({
    data: Array.from({ length: 50 }, (_, i) => {
      const product = products[i % products.length]!;
      return {
        orderId: longOrder.id,
        productId: product.id,
        productName: product.name,
        quantity: 1,
        unitPriceMinor: product.priceMinor,
        unitCostMinor: 0,
        totalMinor: product.priceMinor,
      };
    }),
  });
  await db.shop.update({ where: { id: shop.id }, data: { lastOrderNumber: { increment: 500 } } });
  return { orderWith50Items: longOrder.id, customerWith500Orders: customer.id };
}
