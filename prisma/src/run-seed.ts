// Runs the seed data of src/seed.ts (written separately) against a database.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PrismaClient } from '../generated/client/client.js';
import { createPrismaClient } from './client.js';

const seedFile = fileURLToPath(new URL('./seed.ts', import.meta.url));

/**
 * Calls `seed(prisma)` from src/seed.ts on `databaseUrl`. Returns false, doing nothing, when src/seed.ts
 * does not exist; any error of the seed itself is thrown.
 */
export async function runSeed(databaseUrl: string): Promise<boolean> {
  if (!existsSync(seedFile)) return false;
  // Imported by path, not by name, so that this file compiles before src/seed.ts is written.
  const { seed } = (await import(pathToFileURL(seedFile).href)) as {
    seed: (prisma: PrismaClient) => Promise<unknown>;
  };
  const prisma = createPrismaClient(databaseUrl);
  try {
    await seed(prisma);
  } finally {
    await prisma.$disconnect();
  }
  return true;
}
