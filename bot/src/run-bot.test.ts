import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFor } from '../test/config.js';
import { type FakeBotApi, type FakeBotApiCall, startFakeBotApi } from '../test/fake-bot-api.js';
import { privateMessage, telegramUser } from '../test/updates.js';
import type { LocaleStore } from './bot/locale-store.js';
import type { BotLogger } from './bot/logger.js';
import type { BotRunConfig } from './config.js';
import { readBotHeartbeat } from './heartbeat.js';
import { type RunningBot, startBot } from './run-bot.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// A key of this file's own: other test files share the Redis.
const HEARTBEAT_KEY = `posy-test:bot-heartbeat:${process.pid}`;
const alice = telegramUser({ id: 1001, first_name: 'Alice', language_code: 'en' });

let fake: FakeBotApi;
let running: RunningBot | undefined;
let logged: Array<{ level: string; message: string; details: Record<string, unknown> }>;
const logger: BotLogger = {
  error: (details, message) => logged.push({ level: 'error', message, details }),
  warn: (details, message) => logged.push({ level: 'warn', message, details }),
  info: (details, message) => logged.push({ level: 'info', message, details }),
};

beforeEach(async () => {
  fake = await startFakeBotApi();
  logged = [];
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
  await fake.stop();
});

const runConfig = (overrides: Partial<BotRunConfig> = {}): BotRunConfig => ({
  ...configFor(fake),
  heartbeatSeconds: 10,
  heartbeatKey: HEARTBEAT_KEY,
  logLevel: 'silent',
  ...overrides,
});
const callsTo = (method: string): FakeBotApiCall['payload'][] =>
  fake.calls.filter((call) => call.method === method).map((call) => call.payload);

/** Polls until `check` holds (the bot works in the background), failing after 5 s. */
async function waitFor(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A /start update as Telegram would queue it, without the update_id the fake gives it. */
const startMessage = () => {
  const { update_id: _, ...update } = privateMessage('/start', alice);
  return update;
};

describe('long polling (the default)', () => {
  it('registers commands and the menu button, drops a stale webhook, and answers updates from getUpdates', async () => {
    running = await startBot(runConfig(), { logger });
    expect(running.mode).toBe('polling');
    expect(callsTo('setMyCommands').length).toBeGreaterThan(0);
    expect(callsTo('setChatMenuButton')).toHaveLength(1);
    expect(callsTo('deleteWebhook')).toHaveLength(1);

    fake.pushUpdate(startMessage());
    fake.pushUpdate(startMessage());
    await waitFor('two replies', () => callsTo('sendMessage').length === 2);
    expect(callsTo('getUpdates')[0]).toMatchObject({
      allowed_updates: ['message', 'callback_query', 'pre_checkout_query'],
    });
  });

  it('stops cleanly: no more polling, the handled updates confirmed to Telegram (a restart skips them)', async () => {
    running = await startBot(runConfig(), { logger });
    fake.pushUpdate(startMessage());
    await waitFor('the reply', () => callsTo('sendMessage').length === 1);

    await running.stop();
    await expect(running.done).resolves.toBeUndefined();
    expect(fake.pendingUpdates).toEqual([]);
    const polls = callsTo('getUpdates').length;
    fake.pushUpdate(startMessage());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(callsTo('getUpdates')).toHaveLength(polls);
    expect(callsTo('sendMessage')).toHaveLength(1);
    expect(logged.map((entry) => entry.message)).toEqual(['bot started', 'bot stopped']);
  });

  it('finishes the update in flight before stop() resolves', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let lookedUp = false;
    const slowStore: LocaleStore = {
      get: async () => {
        lookedUp = true;
        await held;
        return undefined;
      },
      set: async () => {},
    };
    running = await startBot(runConfig(), { logger, localeStore: slowStore });
    fake.pushUpdate(startMessage());
    await waitFor('the update to be in flight', () => lookedUp);

    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    expect(callsTo('sendMessage')).toEqual([]);

    release();
    await stopping;
    expect(callsTo('sendMessage')).toHaveLength(1);
  });

  it('fails `done` when Telegram refuses polling for good (a webhook set by someone else: 409)', async () => {
    running = await startBot(runConfig(), { logger });
    fake.failNext('getUpdates', {
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request',
    });
    fake.pushUpdate(startMessage()); // ends the poll under way, so the next one gets the 409
    await expect(running.done).rejects.toMatchObject({ error_code: 409 });
  });
});

describe('webhook (when configured)', () => {
  const secretToken = 'right-Secret_42';
  const webhookUrl = 'https://bot.posy.test/telegram/updates';
  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${running?.listenUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(privateMessage('/help', alice)),
    });

  beforeEach(async () => {
    running = await startBot(
      runConfig({ webhook: { url: webhookUrl, secretToken, host: '127.0.0.1', port: 0 } }),
      { logger },
    );
  });

  it('sets the webhook with its secret and does not poll', () => {
    expect(running?.mode).toBe('webhook');
    expect(fake.webhook).toEqual({ url: webhookUrl, secret_token: secretToken });
    expect(callsTo('getUpdates')).toEqual([]);
  });

  it('refuses an update without the secret or with a wrong one, over real HTTP', async () => {
    const missing = await post('/telegram/updates', {});
    const wrong = await post('/telegram/updates', { 'X-Telegram-Bot-Api-Secret-Token': 'wrong-secret' });
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(callsTo('sendMessage')).toEqual([]);
  });

  it('handles an update with the right secret before answering 200', async () => {
    const response = await post('/telegram/updates', { 'X-Telegram-Bot-Api-Secret-Token': secretToken });
    expect(response.status).toBe(200);
    expect(callsTo('sendMessage')).toHaveLength(1);
  });

  it('answers 404 off the webhook path', async () => {
    const response = await post('/elsewhere', { 'X-Telegram-Bot-Api-Secret-Token': secretToken });
    expect(response.status).toBe(404);
    expect(callsTo('sendMessage')).toEqual([]);
  });

  it('stops taking requests on stop(), keeping the webhook for the next start', async () => {
    await running?.stop();
    await expect(
      post('/telegram/updates', { 'X-Telegram-Bot-Api-Secret-Token': secretToken }),
    ).rejects.toThrow();
    expect(fake.webhook).toBeDefined();
  });
});

describe('waiting out 429s', () => {
  it('retries a reply after retry_after instead of dropping it', async () => {
    running = await startBot(runConfig(), { logger });
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    fake.pushUpdate(startMessage());
    await waitFor('the retried reply', () => callsTo('sendMessage').length === 2);
    expect(callsTo('sendMessage')[1]).toEqual(callsTo('sendMessage')[0]);
    expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});

describe('heartbeat', () => {
  let redis: Redis;
  beforeEach(async () => {
    redis = new Redis(REDIS_URL);
    await redis.del(HEARTBEAT_KEY);
  });
  afterEach(() => redis.quit());

  it('beats into Redis while running, expiring within three beats, and is gone once stopped', async () => {
    running = await startBot(runConfig({ redisUrl: REDIS_URL }), { logger });
    for (let tries = 0; !(await redis.exists(HEARTBEAT_KEY)) && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect(readBotHeartbeat(redis, HEARTBEAT_KEY)).resolves.toMatchObject({
      mode: 'polling',
      username: 'posy_test_bot',
    });
    const ttl = await redis.pttl(HEARTBEAT_KEY);
    expect(ttl).toBeGreaterThan(20_000);
    expect(ttl).toBeLessThanOrEqual(30_000);

    await running.stop();
    await expect(readBotHeartbeat(redis, HEARTBEAT_KEY)).resolves.toBeNull();
  });
});
