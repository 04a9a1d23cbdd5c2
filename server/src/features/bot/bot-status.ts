import { readBotHeartbeat } from '@posy/bot/heartbeat';
import type { Redis } from 'ioredis';

/**
 * The bot as the server's /ready sees it. It runs as its own process (src/telegram-bot.ts) and beats into
 * Redis; the API serves without it, so this is reported, never a reason to be unready.
 */
export type BotStatus =
  /** BOT_TOKEN is unset: no bot, login codes go to the log. */
  | { state: 'disabled' }
  /** No Redis, so no heartbeat to read. */
  | { state: 'unknown' }
  /** No beat within three of the bot's intervals: stopped, hung, or cut off from Redis. */
  | { state: 'down' }
  | { state: 'up'; mode: 'polling' | 'webhook'; lastBeatAt: string };

export async function readBotStatus(
  telegram: { botToken: string | undefined; heartbeatKey: string },
  redis: Redis | null,
): Promise<BotStatus> {
  if (!telegram.botToken) return { state: 'disabled' };
  if (!redis) return { state: 'unknown' };
  const beat = await readBotHeartbeat(redis, telegram.heartbeatKey);
  return beat ? { state: 'up', mode: beat.mode, lastBeatAt: beat.at } : { state: 'down' };
}
