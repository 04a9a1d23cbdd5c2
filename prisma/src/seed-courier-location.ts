import type { Prisma } from '../generated/client/client.js';

const MINUTE = 60_000;
/** Along Pokrovka street, Moscow: where the demo delivery on the way has got to. */
const ROUTE: [latitude: number, longitude: number][] = [
  [55.7597, 37.6425],
  [55.7593, 37.6462],
  [55.759, 37.6497],
];

/**
 * The demo courier agreed to share their position (issue 10), and the demo shop's deliveries on the way have
 * a short trail, the last fix a minute old, so the order page shows where the bouquet is. The retention job
 * deletes the trail a day later. Called from seed.ts inside its transaction, after the orders.
 */
export async function seedCourierLocation(tx: Prisma.TransactionClient, shopId: string, now: Date) {
  const onTheWay = await tx.order.findMany({
    where: { shopId, status: 'OUT_FOR_DELIVERY', courierId: { not: null } },
    select: { id: true, courierId: true },
  });
  const couriers = new Set(onTheWay.map((o) => o.courierId!));
  for (const userId of couriers)
    await tx.locationConsent.create({
      data: { shopId, userId, givenAt: new Date(now.getTime() - 3 * 60 * MINUTE) },
    });
  for (const order of onTheWay)
    await tx.courierPosition.createMany({
      data: ROUTE.map(([latitude, longitude], step) => ({
        shopId,
        orderId: order.id,
        courierId: order.courierId!,
        latitude,
        longitude,
        accuracyMeters: 15,
        recordedAt: new Date(now.getTime() - (ROUTE.length - step) * MINUTE),
      })),
    });
}
