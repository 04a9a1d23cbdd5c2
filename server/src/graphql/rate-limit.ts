import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createRedisLimiters } from '../redis-limiters.js';

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
  const limiters = createRedisLimiters({
    redisUrl: options.redisUrl,
    keyPrefix: limits.keyPrefix,
    log,
    purpose: 'rate-limit',
  });
  const bucket = limiters.limiter;
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
    connect: limiters.connect,
    close: limiters.close,
  };
}
