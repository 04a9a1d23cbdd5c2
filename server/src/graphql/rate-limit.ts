import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** The counters an operation can be charged to; see rate-limit.plugin.ts for which apply when. */
export type Bucket = 'ip' | 'user' | 'apiKey' | 'signInIp' | 'signInEmail';

export interface Charge {
  bucket: Bucket;
  key: string;
  /** @default 1 */
  points?: number;
}

export interface RateLimiter {
  /**
   * Counts each charge against its bucket. Resolves to the seconds to wait when any of them went over
   * its limit (every charge is counted all the same), or to 0 when the operation may run.
   */
  consume(charges: readonly Charge[]): Promise<number>;
  /** Gives back what `consume` counted for these charges (a sign-in that succeeded); never rejects. */
  refund(charges: readonly Charge[]): Promise<void>;
  /** Waits for Redis, if any; on failure logs and carries on in memory until Redis comes back. */
  connect(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The rate-limit counters: in Redis when REDIS_URL is set, so every replica counts together, else in
 * this process. A Redis outage does not fail requests: while Redis is not ready each counter falls
 * back to an in-memory one (rate-limiter-flexible's `insuranceLimiter`), a per-process limit.
 */
export function createRateLimiter(options: {
  limits: Config['rateLimits'];
  redisUrl: string | undefined;
  log: Logger;
}): RateLimiter {
  const { limits, log } = options;
  // No offline queue: while Redis is away a command fails at once and the in-memory limiter answers,
  // instead of the request waiting for a reconnect (rate-limiter-flexible's recommended ioredis setup).
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  // ioredis reports every failed reconnect; say it once per outage.
  let outage = false;
  redis?.on('error', (error) => {
    if (!outage) log.warn({ err: error }, 'rate-limit Redis unavailable; limiting in memory meanwhile');
    outage = true;
  });
  redis?.on('ready', () => {
    if (outage) log.info('rate-limit Redis back');
    outage = false;
  });

  const bucket = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const keyPrefix = `${limits.keyPrefix}:${name}`;
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
  };
  const buckets: Record<Bucket, RateLimiterAbstract> = {
    ip: bucket('ip', limits.ipPerMinute, 60),
    user: bucket('user', limits.userPerMinute, 60),
    apiKey: bucket('api-key', limits.apiKeyPerMinute, 60),
    signInIp: bucket('sign-in-ip', limits.signInIpPer15Minutes, 15 * 60),
    signInEmail: bucket('sign-in-email', limits.signInEmailPer15Minutes, 15 * 60),
  };

  return {
    async consume(charges) {
      const outcomes = await Promise.allSettled(
        charges.map((charge) => buckets[charge.bucket].consume(charge.key, charge.points ?? 1)),
      );
      let limited = false;
      let waitMs = 0;
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        // Over the limit rejects with a RateLimiterRes; anything else is a store failure.
        if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
        limited = true;
        waitMs = Math.max(waitMs, outcome.reason.msBeforeNext);
      }
      return limited ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
    },
    async refund(charges) {
      const outcomes = await Promise.allSettled(
        charges.map((charge) => buckets[charge.bucket].reward(charge.key, charge.points ?? 1)),
      );
      // Only a store failure (the insurance limiter covers an outage) can get here: the refund is lost,
      // the attempt stays counted, and the sign-in it belongs to has already succeeded.
      for (const outcome of outcomes)
        if (outcome.status === 'rejected') log.warn({ err: outcome.reason }, 'rate-limit refund failed');
    },
    async connect() {
      // The failure is logged by the error listener; ioredis keeps reconnecting.
      await redis?.connect().catch(() => {});
    },
    async close() {
      if (redis?.status === 'ready') await redis.quit();
      else redis?.disconnect();
    },
  };
}
