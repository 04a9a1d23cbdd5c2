import type { Redis } from 'ioredis';

/**
 * The Redis key the running bot refreshes by default; it expires when the bot stops beating. Bots that share
 * a Redis but not a server (tests, several deployments) set `BOT_HEARTBEAT_KEY` on both.
 */
export const BOT_HEARTBEAT_KEY = 'posy:bot:heartbeat';

/** What the bot writes with each beat. */
export interface BotHeartbeat {
  /** When the beat was written (ISO 8601). */
  at: string;
  /** How the bot takes updates. */
  mode: 'polling' | 'webhook';
  /** The bot's username. */
  username: string;
}

/**
 * Writes a beat now and every `intervalSeconds`, each living three intervals, so one missed beat (a slow
 * Redis, a busy event loop) is not taken for a dead bot but a stopped or hung one is within three. Redis
 * errors are given to `onError` and the next beat tries again. `stop()` ends the beats and deletes the key:
 * a bot stopped on purpose shows as down at once.
 */
export function startHeartbeat(
  redis: Redis,
  beat: Omit<BotHeartbeat, 'at'>,
  options: { key: string; intervalSeconds: number; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  const write = () =>
    redis
      .set(
        options.key,
        JSON.stringify({ at: new Date().toISOString(), ...beat } satisfies BotHeartbeat),
        'PX',
        options.intervalSeconds * 3000,
      )
      .catch(options.onError);
  let writing = write();
  const timer = setInterval(() => {
    writing = write();
  }, options.intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await writing;
      await redis.del(options.key).catch(options.onError);
    },
  };
}

/** The last beat, or `null` when the bot has not beaten within three of its intervals (or never). */
export async function readBotHeartbeat(redis: Redis, key = BOT_HEARTBEAT_KEY): Promise<BotHeartbeat | null> {
  const value = await redis.get(key);
  return value ? (JSON.parse(value) as BotHeartbeat) : null;
}
