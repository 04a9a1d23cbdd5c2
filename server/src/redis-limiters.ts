// rate-limiter-flexible counters in Redis (shared by every process) when REDIS_URL is set, else in this process,
// for the API's rate limits (graphql/rate-limit.ts) and the outbox's send throttle
// (features/notifications/send-throttle.ts). A Redis outage fails nothing: while Redis is not ready each
// counter falls back to an in-memory one (the `insuranceLimiter`), a per-process limit.
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Logger } from './logger.js';

export interface RedisLimiters {
  /** A counter of `points` per `durationSeconds`, its keys under `<keyPrefix>:<name>`. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
  /** Waits for Redis, if any; on failure (logged) the counters carry on in memory until Redis comes back. */
  connect(): Promise<void>;
  close(): Promise<void>;
}

export function createRedisLimiters(options: {
  redisUrl: string | undefined;
  keyPrefix: string;
  log: Logger;
  /** Names the counters in the outage log lines, e.g. "rate-limit". */
  purpose: string;
}): RedisLimiters {
  const { log, purpose } = options;
  // No offline queue: while Redis is away a command fails at once and the in-memory limiter answers,
  // instead of the caller waiting for a reconnect (rate-limiter-flexible's recommended ioredis setup).
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  // ioredis reports every failed reconnect; say it once per outage.
  let outage = false;
  redis?.on('error', (error) => {
    if (!outage) log.warn({ err: error }, `${purpose} Redis unavailable; limiting in memory meanwhile`);
    outage = true;
  });
  redis?.on('ready', () => {
    if (outage) log.info(`${purpose} Redis back`);
    outage = false;
  });
  let connecting: Promise<void> | undefined;

  return {
    limiter(name, points, duration) {
      const keyPrefix = `${options.keyPrefix}:${name}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      if (!redis) return memory;
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    },
    connect() {
      // The failure is logged by the error listener; ioredis keeps reconnecting.
      connecting ??= redis ? redis.connect().catch(() => {}) : Promise.resolve();
      return connecting;
    },
    async close() {
      await connecting;
      if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis?.disconnect();
    },
  };
}
