import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createPrismaClient } from '@posy/prisma/client';
import { resolveDatabase } from '@posy/prisma/database';
import { applyMigrations } from '@posy/prisma/migrate';
import { assertValidSchema } from 'graphql';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createCredentialCache } from './auth/credential-cache.js';
import { createTokenSigner } from './auth/tokens.js';
import type { Config } from './config.js';
import { type AppPrisma, createContextFactory } from './context.js';
import { readBotStatus } from './features/bot/bot-status.js';
import { createRateLimiter } from './graphql/rate-limit.js';
import { attachWebSocketServer } from './graphql/ws.js';
import type { RequestContextFactory } from './graphql/yoga.js';
import { createGraphQLServer, type GraphQLServer } from './graphql/yoga.js';
import { createHttpHandler } from './http/handler.js';
import { METRICS_PATH, serveMetrics } from './http/metrics-endpoint.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics/metrics.js';
import { createAppPubSub } from './pubsub.js';
import { schema } from './schema.js';
import { seedDemoShopIfEmpty } from './seed-demo.js';
import { LocalDiskStorage } from './storage/local-disk-storage.js';

/** How long requests under way at shutdown may take before their connections are closed. */
const DRAIN_MS = 5_000;

/** `run` called at most once; later calls get the first call's promise. */
function once(run: () => Promise<unknown>): () => Promise<unknown> {
  let done: Promise<unknown> | undefined;
  return () => {
    done ??= run();
    return done;
  };
}

export interface RunningApp {
  /** Where the app listens, e.g. http://127.0.0.1:4000 */
  url: string;
  /** Where people open it (links in invites and bot messages): PUBLIC_URL, else the listen address. */
  appUrl: string;
  prisma: AppPrisma;
  yoga: GraphQLServer;
  /** The context a request with these headers gets; service tests call features with it. */
  createContext: RequestContextFactory;
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
    // The job queue's own schema (src/jobs/job-queue.ts), before anything can queue a job. A process running
    // jobs does it whatever MIGRATE_ON_START says (graphile-worker would at its start, after we serve).
    // graphile-worker is imported only here: an API replica (JOBS_ENABLED=false) never loads it (~175 ms).
    if (config.migrateOnStart || config.jobs.enabled) {
      const { migrateJobQueue } = await import('./jobs/job-queue.js');
      await migrateJobQueue(database.databaseUrl, log);
    }

    // Query events: logged at debug level, and tests count statements with them. Off in production unless the
    // log wants them: each one copies the statement's parameters, about 1 % of the board's CPU.
    const queryEvents = !config.isProduction || log.isLevelEnabled('debug');
    // The app's own pool, so /metrics can read its use.
    const pool = new pg.Pool({ connectionString: database.databaseUrl });
    // An idle connection the server closes (a restart, a dropped database) must not crash the process; Prisma's
    // adapter listens only while connected, so the pool keeps a listener of its own until it ends.
    pool.on('error', (error) => log.warn({ err: error }, 'idle database connection closed'));
    cleanups.unshift(async () => {
      if (!pool.ended) await pool.end();
    });
    const prisma = createPrismaClient(database.databaseUrl, {
      log: queryEvents ? [{ level: 'query', emit: 'event' }] : [],
      pool,
    });
    if (queryEvents)
      prisma.$on('query', (event) => log.debug({ sql: event.query, ms: event.duration }, 'sql'));
    cleanups.unshift(() => prisma.$disconnect());
    const metrics = createMetrics({ prisma, pool });
    const seeded = (config.seedDemo ?? !config.isProduction) ? await seedDemoShopIfEmpty(prisma) : false;
    if (seeded) log.info('demo shop seeded');

    const pubsub = createAppPubSub(config.redisUrl, log);
    cleanups.unshift(() => pubsub.close());
    const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    if (redis) {
      redis.on('error', (error) => log.debug({ err: error }, 'redis (readiness client) error'));
      cleanups.unshift(() => redis.quit());
    }

    const rateLimiter = createRateLimiter({ limits: config.rateLimits, redisUrl: config.redisUrl, log });
    cleanups.unshift(() => rateLimiter.close());
    await rateLimiter.connect();

    const signer = await createTokenSigner(config);
    // Bound before anything can answer: with PORT=0 the listen address, the default of appUrl, is known
    // only once bound. The request handler is attached below, in the same tick, so no request is missed.
    const httpServer: Server = createServer();
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
    const stopServing = once(async () => {
      // Stop accepting; requests under way get DRAIN_MS to finish before their connections are cut.
      const closed = new Promise((resolve) => httpServer.close(resolve));
      httpServer.closeIdleConnections();
      const timer = setTimeout(() => httpServer.closeAllConnections(), DRAIN_MS);
      await closed;
      clearTimeout(timer);
    });
    cleanups.unshift(stopServing);
    const { port } = httpServer.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host}:${port}`;
    const appUrl = (config.publicUrl ?? url.replace('127.0.0.1', 'localhost')).replace(/\/+$/, '');
    const files = new LocalDiskStorage(path.join(config.dataDir, 'files'));
    const credentials = createCredentialCache(pubsub, config.authCacheSeconds);
    cleanups.unshift(async () => credentials.close());
    const createContext = createContextFactory({
      config,
      prisma,
      log,
      pubsub,
      signer,
      appUrl,
      files,
      credentials,
    });
    const yoga = createGraphQLServer({
      createContext,
      isProduction: config.isProduction,
      graphiql: config.graphiql,
      corsOrigins: config.corsOrigins,
      rateLimiter,
      log,
      observers: metrics.plugins,
    });
    // In production metrics are never open: only behind METRICS_TOKEN, or on METRICS_PORT alone.
    const metricsHere =
      config.metrics.port === undefined && (config.metrics.token || !config.isProduction)
        ? { registry: metrics.registry, token: config.metrics.token }
        : undefined;
    if (config.metrics.port !== undefined) {
      const metricsServer = createServer((req, res) => {
        if ((req.url ?? '/').split('?')[0] !== METRICS_PATH) return res.writeHead(404).end();
        void serveMetrics(metrics.registry, config.metrics.token, req, res).catch((error) => {
          log.error({ err: error }, 'metrics scrape failed');
          if (!res.headersSent) res.writeHead(500).end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        metricsServer.once('error', reject);
        metricsServer.listen(config.metrics.port, config.host, resolve);
      });
      cleanups.unshift(() => new Promise((resolve) => metricsServer.close(resolve)));
    }
    httpServer.on(
      'request',
      createHttpHandler({
        yoga,
        webappDist: config.webappDist,
        jwks: signer.jwks,
        isProduction: config.isProduction,
        files,
        ordersCsv: { createContext, log, rateLimiter },
        trustedProxyHops: config.trustedProxyHops,
        metrics: metricsHere,
        botStatus: () => readBotStatus(config.telegram, redis),
        checkReady: async () => {
          // Each dependency is reported by name; the reason goes to the log, not to the caller.
          const probe = async (name: string, check: () => Promise<unknown>) => {
            try {
              await check();
              return [name, 'ok'] as const;
            } catch (error) {
              log.warn({ err: error, dependency: name }, 'readiness check failed');
              return [name, 'unavailable'] as const;
            }
          };
          const results = await Promise.all([
            // Through the pool, not Prisma: the database answers either way, and Prisma's query compiler (a
            // wasm module of 4 MB, ~70 MB resident once compiled) then loads with the first real query
            // rather than at start-up, where a replica's first readiness probe would wait for it.
            probe('database', () => pool.query('SELECT 1')),
            ...(redis ? [probe('redis', () => redis.ping())] : []),
          ]);
          return Object.fromEntries(results);
        },
      }),
    );
    const ws = attachWebSocketServer({
      httpServer,
      yoga,
      createContext,
      pubsub,
      log,
      trustedProxyHops: config.trustedProxyHops,
      rateLimiter,
      keepAliveMs: config.webSocketKeepAliveMs,
    });
    const closeWebSockets = once(() => ws.close());
    cleanups.unshift(closeWebSockets);
    if (config.jobs.enabled) {
      // Stopped first (cleanups run in reverse), while the database is still there.
      const { startJobRunner } = await import('./jobs/runner.js');
      const jobs = await startJobRunner({
        config,
        databaseUrl: database.databaseUrl,
        log,
        webAppUrl: appUrl,
        app: { pubsub, signer, files },
      });
      cleanups.unshift(() => jobs.stop());
    }
    // Shutdown order: stop serving and drain, then jobs, then pools and PostgreSQL. Both are registered
    // again here to run first; the earlier registrations (for a start that fails on the way) become no-ops.
    cleanups.unshift(stopServing);
    cleanups.unshift(closeWebSockets);
    return { url, appUrl, prisma, yoga, createContext, embeddedDatabase: database.embedded, seeded };
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
