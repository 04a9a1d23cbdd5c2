import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/client/client.js';

/** The handover code of the demo delivery on its way, so the courier's screen can be tried to the end. */
export const DEMO_HANDOVER_CODE = '2468';

/**
 * The demo courier's day (issue 10) on top of the orders seed.ts made: the delivery on its way holds a
 * handover code (DEMO_HANDOVER_CODE; stored hashed as the server does, features/delivery/handover-code.ts),
 * the one in production is already assigned to them, and the rest of today's deliveries wait in the pool.
 * Called from seed.ts inside its transaction.
 */
export async function seedDeliveries(tx: Prisma.TransactionClient, shopId: string, courierId: string) {
  const onTheWay = await tx.delivery.findMany({
    where: { shopId, status: { in: ['EN_ROUTE', 'DELIVERED'] } },
  });
  for (const delivery of onTheWay) {
    await tx.delivery.update({
      where: { id: delivery.id },
      data: {
        assignmentCount: 1,
        enRouteAt: delivery.pickedUpAt,
        handoverCodeHash:
          delivery.status === 'EN_ROUTE'
            ? createHash('sha256').update(`handover:${delivery.id}:${DEMO_HANDOVER_CODE}`).digest('hex')
            : null,
      },
    });
  }
  const inProduction = await tx.order.findFirst({
    where: { shopId, fulfillment: 'DELIVERY', status: 'IN_PRODUCTION', courierId: null },
    select: { id: true, createdAt: true },
  });
  if (!inProduction) return;
  await tx.order.update({ where: { id: inProduction.id }, data: { courierId } });
  await tx.delivery.upsert({
    where: { orderId: inProduction.id },
    create: {
      shopId,
      orderId: inProduction.id,
      courierId,
      status: 'ASSIGNED',
      assignedAt: inProduction.createdAt,
      assignmentCount: 1,
    },
    update: { courierId, status: 'ASSIGNED', assignedAt: inProduction.createdAt, assignmentCount: 1 },
  });
}
