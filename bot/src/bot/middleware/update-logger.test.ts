import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFor } from '../../../test/config.js';
import { type FakeBotApi, startFakeBotApi } from '../../../test/fake-bot-api.js';
import { privateMessage, telegramUser } from '../../../test/updates.js';
import { createBot } from '../createBot.js';

let fake: FakeBotApi;
let lines: Record<string, unknown>[];
beforeEach(async () => {
  fake = await startFakeBotApi();
  lines = [];
});
afterEach(() => fake.stop());

const alice = telegramUser({ id: 1001, first_name: 'Alice', language_code: 'en' });

describe('the update logger', () => {
  it('puts the update, chat and user id on a line logged while handling the update', async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const bot = createBot(configFor(fake), { logger, botInfo: { ...fake.botInfo } });
    fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    const update = { ...privateMessage('/help', alice), update_id: 4242 };
    await bot.handleUpdate(update);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'Bot failed to handle an update',
        updateId: 4242,
        chatId: 1001,
        userId: 1001,
        description: 'Bad Request: chat not found',
      }),
    ]);
  });

  it('merges them into the details of a logger without child loggers', async () => {
    const logged: Record<string, unknown>[] = [];
    const logger = {
      error: (details: Record<string, unknown>) => logged.push(details),
      warn() {},
      info() {},
    };
    const bot = createBot(configFor(fake), { logger, botInfo: { ...fake.botInfo } });
    fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    await bot.handleUpdate({ ...privateMessage('/help', alice), update_id: 4343 });
    expect(logged).toEqual([expect.objectContaining({ updateId: 4343, chatId: 1001, userId: 1001 })]);
  });
});
