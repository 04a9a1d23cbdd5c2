import type { PrismaClient } from '@posy/prisma';

/** What `insertBulkOrders` makes; every order has one line of the shop's first product. */
export interface BulkOrders {
  shopId: string;
  count: number;
  /** The first order's createdAt; the rest follow, `spacingSeconds` apart. */
  from: Date;
  /** @default 60 */
  spacingSeconds?: number;
  /** Unit cost of each line, for margins. @default 0 */
  unitCostMinor?: number;
}

/**
 * Inserts `count` orders of a shop (one line each, customers in turn, statuses, sources and couriers
 * cycled) in two statements, INSERT … SELECT over generate_series: 100k orders take seconds, not the hours
 * 100k createOrder calls would. Numbers continue the shop's, which is bumped. Returns the first number.
 */
export async function insertBulkOrders(prisma: Pick<PrismaClient, '$executeRaw'>, bulk: BulkOrders) {
  const spacing = bulk.spacingSeconds ?? 60;
  const cost = bulk.unitCostMinor ?? 0;
  const [{ first }] = (await (prisma as PrismaClient).$queryRaw<{ first: number }[]>`
    UPDATE "Shop" SET "lastOrderNumber" = "lastOrderNumber" + ${bulk.count}::int
    WHERE id = ${bulk.shopId}::uuid RETURNING "lastOrderNumber" - ${bulk.count}::int + 1 AS first`) as [
    { first: number },
  ];
  await prisma.$executeRaw`
    WITH customers AS (
      SELECT id, name, (row_number() OVER (ORDER BY id)) - 1 AS i, count(*) OVER () AS k
      FROM "Customer" WHERE "shopId" = ${bulk.shopId}::uuid
    ), product AS (
      SELECT "priceMinor" FROM "Product" WHERE "shopId" = ${bulk.shopId}::uuid ORDER BY id LIMIT 1
    ), couriers AS (
      SELECT "userId" AS id, (row_number() OVER (ORDER BY "userId")) - 1 AS i, count(*) OVER () AS k
      FROM "Membership" WHERE "shopId" = ${bulk.shopId}::uuid AND role = 'COURIER'
    ), shop AS (SELECT currency FROM "Shop" WHERE id = ${bulk.shopId}::uuid)
    INSERT INTO "Order" (id, "shopId", number, "customerId", status, "paymentStatus", fulfillment, source,
      "recipientName", "recipientPhone", "deliveryAddress", "windowStart", "windowEnd", "cardText", currency,
      "subtotalMinor", "totalMinor", "courierId", "paidAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${bulk.shopId}::uuid, ${first}::int + g - 1, c.id,
      (ARRAY['NEW','CONFIRMED','IN_PRODUCTION','READY','OUT_FOR_DELIVERY','DELIVERED','CANCELLED'])[1 + g % 7]::"OrderStatus",
      (CASE WHEN g % 3 = 0 THEN 'UNPAID' ELSE 'PAID' END)::"PaymentStatus",
      'DELIVERY'::"FulfillmentType",
      (ARRAY['STAFF','TELEGRAM','API','WEB'])[1 + g % 4]::"OrderSource",
      'Recipient ' || g, '+7900' || lpad((g % 10000000)::text, 7, '0'), 'Moscow, Tverskaya ' || (g % 200),
      created + interval '1 day', created + interval '1 day 2 hours', 'With love, #' || g, shop.currency,
      product."priceMinor", product."priceMinor", (SELECT id FROM couriers WHERE couriers.i = g % couriers.k),
      CASE WHEN g % 3 = 0 THEN NULL ELSE created END, created, created
    FROM generate_series(1, ${bulk.count}::int) AS g
    CROSS JOIN LATERAL (SELECT (${bulk.from.toISOString()}::timestamptz AT TIME ZONE 'UTC') + make_interval(secs => (g - 1) * ${spacing}::int) AS created) t
    JOIN customers c ON c.i = g % c.k
    CROSS JOIN product CROSS JOIN shop`;
  await prisma.$executeRaw`
    INSERT INTO "OrderItem" (id, "orderId", "productId", "productName", quantity, "unitPriceMinor",
      "unitCostMinor", "totalMinor")
    SELECT gen_random_uuid(), o.id, p.id, p.name, 1, o."subtotalMinor", ${cost}::int, o."subtotalMinor"
    FROM "Order" o
    CROSS JOIN (SELECT id, name FROM "Product" WHERE "shopId" = ${bulk.shopId}::uuid ORDER BY id LIMIT 1) p
    WHERE o."shopId" = ${bulk.shopId}::uuid AND o.number >= ${first}::int`;
  return first;
}
