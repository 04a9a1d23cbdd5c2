import type { Prisma } from '../generated/client/client.js';

const DAY = 24 * 3_600_000;

/**
 * The demo shop's running subscription: Olga Smirnova's weekly bouquet for her mother, due tomorrow 10:00–12:00
 * Moscow time and valid for three months, so the first run of the subscription cron (server, every 15 minutes)
 * turns tomorrow's delivery into an order on the board. Called from seed.ts inside its transaction.
 */
export async function seedSubscriptions(tx: Prisma.TransactionClient, shopId: string, now: Date) {
  const customer = await tx.customer.findFirstOrThrow({
    where: { shopId, name: 'Olga Smirnova' },
    select: { id: true, addresses: { where: { isDefault: true }, select: { address: true } } },
  });
  const product = await tx.product.findFirstOrThrow({
    where: { shopId, active: true },
    orderBy: { priceMinor: 'asc' },
    select: { id: true, name: true, priceMinor: true },
  });
  const tomorrowTen = new Date(now);
  tomorrowTen.setUTCHours(10 - 3, 0, 0, 0); // 10:00 in Moscow (UTC+3)
  await tx.subscription.create({
    data: {
      shopId,
      customerId: customer.id,
      productId: product.id,
      plan: `Weekly ${product.name} for mum`,
      frequency: 'WEEKLY',
      priceMinor: product.priceMinor,
      recipientName: 'Anna Smirnova',
      recipientPhone: '+79160001122',
      deliveryAddress: customer.addresses[0]?.address ?? 'Moscow, Arbat 11, apt 2',
      validFrom: new Date(now.getTime() - 7 * DAY),
      validUntil: new Date(now.getTime() + 90 * DAY),
      termDays: 97,
      nextDeliveryAt: new Date(tomorrowTen.getTime() + DAY),
      windowMinutes: 120,
    },
  });
}
