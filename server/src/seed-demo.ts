import type { PrismaClient } from '@posy/prisma';
import { seed } from '@posy/prisma/seed';

/** Seeds the demo shop unless the database already has a shop (a real shop's data is never touched). */
export async function seedDemoShopIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.shop.count()) > 0) return false;
  return seed(prisma);
}
