// Every PrismaClient of Posy is made here, on the pg driver adapter: Prisma 7 runs queries through a driver
// adapter and its wasm query compiler, with no native engine.
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { type Prisma, PrismaClient } from '../generated/client/client.js';

/** Options of {@link createPrismaClient}. */
export interface CreatePrismaClientOptions<Log extends Prisma.LogLevel> {
  /**
   * What Prisma logs; levels emitted as `'event'` can be subscribed to with `prisma.$on(level, …)`.
   * @default nothing
   */
  log?: Array<Log | { level: Log; emit: 'stdout' | 'event' }>;
  /**
   * A pool of the caller's on `databaseUrl`, so it can read the pool's use (metrics); the caller ends it after
   * `$disconnect()`. @default a pool of the adapter's own
   */
  pool?: Pool;
}

/** A PrismaClient on `databaseUrl`. It connects on first query; call `$disconnect()` to close its pool. */
export function createPrismaClient<const Log extends Prisma.LogLevel = never>(
  databaseUrl: string,
  options: CreatePrismaClientOptions<Log> = {},
): PrismaClient<Log> {
  return new PrismaClient({
    adapter: new PrismaPg(options.pool ?? { connectionString: databaseUrl }),
    log: options.log ?? [],
  }) as PrismaClient<Log>;
}
