// Telegram's sending limits, shared by every worker of every process: about 30 messages a second overall and
// one a second per chat (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
// Counted in Redis when REDIS_URL is set (rate-limiter-flexible's fixed windows), else in this process.
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../../logger.js';
import { createRedisLimiters } from '../../redis-limiters.js';

export interface SendThrottle {
  /**
   * Takes a slot for one message to `chatId`, waiting in this process up to `maxWaitMs` for one.
   * @returns 0 when the message may go now, else the milliseconds after which to try again
   */
  acquire(chatId: number, maxWaitMs: number): Promise<number>;
  /**
   * Says a call to `chatId` just ended: its window restarts from now, so the next message reaches Telegram a
   * whole interval after this one did, however long this call took to get there.
   */
  sent(chatId: number): Promise<void>;
  close(): Promise<void>;
}

export function createSendThrottle(options: {
  redisUrl: string | undefined;
  keyPrefix: string;
  ratePerSecond: number;
  chatIntervalMs: number;
  log: Logger;
}): SendThrottle {
  const { log } = options;
  const limiters = createRedisLimiters({
    redisUrl: options.redisUrl,
    keyPrefix: options.keyPrefix,
    log,
    purpose: 'send throttle',
  });
  const connected = limiters.connect();
  const limiter = limiters.limiter;
  // A fixed window of one point per chat: two messages to a chat are at least a window apart.
  const perChat = limiter('telegram-chat', 1, options.chatIntervalMs / 1000);
  const overall = limiter('telegram-all', options.ratePerSecond, 1);

  /** 0 when the point was taken, else the wait before the window that has one. */
  const take = async (bucket: RateLimiterAbstract, key: string): Promise<number> => {
    try {
      await bucket.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, 1);
      throw rejection;
    }
  };

  return {
    async acquire(chatId, maxWaitMs) {
      await connected;
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        // The overall slot first: one taken for a chat that must wait is given back below.
        let wait = await take(overall, 'all');
        if (wait === 0) {
          wait = await take(perChat, String(chatId));
          if (wait === 0) return 0;
          await overall.reward('all', 1);
        }
        if (Date.now() + wait > deadline) return wait;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    async sent(chatId) {
      await perChat.block(String(chatId), options.chatIntervalMs / 1000).catch((error: unknown) => {
        log.warn({ err: error }, 'send throttle could not restart a chat window');
      });
    },
    async close() {
      await limiters.close();
    },
  };
}
