import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createPrismaClient } from '@posy/prisma/client';
import { resolveDatabase } from '@posy/prisma/database';
import { applyMigrations } from '@posy/prisma/migrate';
import { assertValidSchema } from 'graphql';
import { Redis } from 'ioredis';
import { createTokenSigner } from './auth/tokens.js';
import type { Config } from './config.js';
import type { AppPrisma } from './context.js';
import { attachWebSocketServer } from './graphql/ws.js';
import { createGraphQLServer, type GraphQLServer } from './graphql/yoga.js';
import { createHttpHandler } from './http/handler.js';
import { createLogger, type Logger } from './logger.js';
import { createAppPubSub } from './pubsub.js';
import { createContextFactory } from './request-context.js';
import { schema } from './schema.js';
import { seedDemoShopIfEmpty } from './seed-demo.js';

export interface RunningApp {
  /** Where the app listens, e.g. http://127.0.0.1:4000 */
  url: string;
  prisma: AppPrisma;
  yoga: GraphQLServer;
  /** Whether PostgreSQL was started in-process because DATABASE_URL was unset. */
  embeddedDatabase: boolean;
  /** Whether the demo shop was seeded by this start. */
  seeded: boolean;
}

/**
 * Everything the server runs, started and stopped as one: database (given or embedded), migrations,
 * demo seed, pub/sub, GraphQL over HTTP and WebSocket, the webapp. main.ts and tests both use it.
 */
export function buildApp(config: Config, options: { log?: Logger } = {}) {
  const log = options.log ?? createLogger(config.logLevel);
  const cleanups: Array<() => Promise<unknown>> = [];

  async function start(): Promise<RunningApp> {
    // An invalid schema would otherwise only show as a masked error on the first request.
    assertValidSchema(schema);
    const database = await resolveDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'postgres'),
    });
    cleanups.unshift(() => database.stop());
    if (config.migrateOnStart) {
      const applied = await applyMigrations(database.databaseUrl);
      if (applied.length) log.info({ applied }, 'migrations applied');
    }

    // Query events are always on: they are cheap, logged at debug level, and tests count statements with them.
    const prisma = createPrismaClient(database.databaseUrl, { log: [{ level: 'query', emit: 'event' }] });
    prisma.$on('query', (event) => log.debug({ sql: event.query, ms: event.duration }, 'sql'));
    cleanups.unshift(() => prisma.$disconnect());
    const seeded = (config.seedDemo ?? !config.isProduction) ? await seedDemoShopIfEmpty(prisma) : false;
    if (seeded) log.info('demo shop seeded');

    const pubsub = createAppPubSub(config.redisUrl);
    cleanups.unshift(() => pubsub.close());
    const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    if (redis) cleanups.unshift(() => redis.quit());

    const signer = await createTokenSigner(config);
    const createContext = createContextFactory({ config, prisma, log, pubsub, signer });
    const yoga = createGraphQLServer({
      createContext,
      isProduction: config.isProduction,
      corsOrigins: config.corsOrigins,
      log,
    });
    const httpServer: Server = createServer(
      createHttpHandler({
        yoga,
        webappDist: config.webappDist,
        jwks: signer.jwks,
        isProduction: config.isProduction,
        checkReady: async () => {
          await prisma.$queryRaw`SELECT 1`;
          if (redis) await redis.ping();
          const checks: Record<string, 'ok'> = { database: 'ok' };
          if (redis) checks.redis = 'ok';
          return checks;
        },
      }),
    );
    const ws = attachWebSocketServer({ httpServer, yoga, createContext, pubsub });
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
    cleanups.unshift(async () => {
      await ws.close();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    });
    const { port } = httpServer.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return { url: `http://${host}:${port}`, prisma, yoga, embeddedDatabase: database.embedded, seeded };
  }

  /** Stops in reverse order of start; safe to call after a failed or partial start. */
  async function stop() {
    while (cleanups.length) {
      const cleanup = cleanups.shift()!;
      await cleanup().catch((error) => log.error({ err: error }, 'error while stopping'));
    }
  }

  return { start, stop };
}
