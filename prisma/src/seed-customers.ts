import type { Prisma } from '../generated/client/client.js';

/**
 * What the customers screens show beyond the base seed: the seeded birthdays are of kind BIRTHDAY, one
 * customer has an email (search finds it) and a wedding anniversary with its year.
 */
export async function seedCustomerRecords(tx: Prisma.TransactionClient, shopId: string) {
  await tx.importantDate.updateMany({
    where: { title: 'Birthday', customer: { shopId } },
    data: { kind: 'BIRTHDAY' },
  });
  const olga = await tx.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } });
  await tx.customer.update({ where: { id: olga.id }, data: { email: 'olga.smirnova@example.com' } });
  await tx.importantDate.create({
    data: {
      customerId: olga.id,
      kind: 'ANNIVERSARY',
      title: 'Wedding',
      month: 8,
      day: 24,
      year: 2012,
      remindDaysBefore: 7,
    },
  });
}
