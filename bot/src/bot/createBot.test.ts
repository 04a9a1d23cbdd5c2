import type { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFor, TEST_WEBAPP_URL } from '../../test/config.js';
import { type FakeBotApi, type FakeBotApiCall, startFakeBotApi } from '../../test/fake-bot-api.js';
import { callbackQuery, groupMessage, privateMessage, telegramUser } from '../../test/updates.js';
import type { BotContext } from './context.js';
import { createBot } from './createBot.js';
import { type LocaleStore, MemoryLocaleStore } from './locale-store.js';

let fake: FakeBotApi;
let bot: Bot<BotContext>;
let localeStore: LocaleStore;
let logged: Array<{ details: Record<string, unknown>; message: string }>;

const logger = {
  error: (details: Record<string, unknown>, message: string) => logged.push({ details, message }),
  warn: () => {},
  info: () => {},
};
const alice = telegramUser({ id: 1001, first_name: 'Alice', language_code: 'en' });
const olga = telegramUser({ id: 1002, first_name: 'Ольга', language_code: 'ru' });

beforeEach(async () => {
  fake = await startFakeBotApi();
  logged = [];
  localeStore = new MemoryLocaleStore();
  bot = createBot(configFor(fake), { localeStore, logger });
  await bot.init();
  fake.calls.length = 0;
});

afterEach(() => fake.stop());

const callsTo = (method: string): FakeBotApiCall['payload'][] =>
  fake.calls.filter((call) => call.method === method).map((call) => call.payload);
const openAppButton = (text: string, url: string) => ({ inline_keyboard: [[{ text, web_app: { url } }]] });

describe('createBot', () => {
  it('gets its own identity from the API root in the config', () => {
    expect(bot.botInfo.username).toBe('posy_test_bot');
  });

  it('answers /start in English with a button opening the Mini App', async () => {
    await bot.handleUpdate(privateMessage('/start', alice));
    expect(callsTo('sendMessage')).toEqual([
      {
        chat_id: 1001,
        text: 'Welcome to Posy, Alice! Open the app to see your orders and deliveries.',
        reply_markup: openAppButton('Open Posy', TEST_WEBAPP_URL),
      },
    ]);
  });

  it.each(['ru', 'uk', 'kk'])('answers /start in Russian for language_code %s', async (languageCode) => {
    await bot.handleUpdate(privateMessage('/start', { ...olga, language_code: languageCode }));
    expect(callsTo('sendMessage')).toEqual([
      {
        chat_id: 1002,
        text: 'Добро пожаловать в Posy, Ольга! Откройте приложение, чтобы увидеть заказы и доставки.',
        reply_markup: openAppButton('Открыть Posy', TEST_WEBAPP_URL),
      },
    ]);
  });

  it('answers /help in the user’s language', async () => {
    await bot.handleUpdate(privateMessage('/help', olga));
    expect(callsTo('sendMessage')[0]).toMatchObject({ chat_id: 1002 });
    expect(callsTo('sendMessage')[0]?.text).toMatch(/^Posy ведёт заказы/);
  });

  it('points anything else at /help, last', async () => {
    await bot.handleUpdate(privateMessage('where is my bouquet?', alice));
    await bot.handleUpdate(privateMessage('/unknown', olga));
    expect(callsTo('sendMessage').map((payload) => payload.text)).toEqual([
      'I only understand commands. Open the app with /start, or see /help.',
      'Я понимаю только команды. Откройте приложение через /start или посмотрите /help.',
    ]);
  });

  it('stays silent in groups, where web app buttons do not work', async () => {
    await bot.handleUpdate(groupMessage('/start', alice));
    await bot.handleUpdate(groupMessage('hello', alice));
    expect(fake.calls).toEqual([]);
  });

  it('switches language with /language and remembers it', async () => {
    await bot.handleUpdate(privateMessage('/language', alice));
    expect(callsTo('sendMessage')).toEqual([
      {
        chat_id: 1001,
        text: 'Choose your language. Current: English.',
        reply_markup: {
          inline_keyboard: [
            [
              { text: '✓ English', callback_data: 'language:en' },
              { text: 'Русский', callback_data: 'language:ru' },
            ],
          ],
        },
      },
    ]);

    await bot.handleUpdate(callbackQuery('language:ru', alice, 77));
    expect(callsTo('answerCallbackQuery')).toHaveLength(1);
    expect(callsTo('editMessageText')).toEqual([
      { chat_id: 1001, message_id: 77, text: 'Язык изменён: Русский.' },
    ]);
    await expect(localeStore.get(1001)).resolves.toBe('ru');

    fake.calls.length = 0;
    await bot.handleUpdate(privateMessage('/start', alice));
    expect(callsTo('sendMessage')[0]?.text).toMatch(/^Добро пожаловать в Posy, Alice!/);
  });

  it('ignores a language it does not have', async () => {
    await bot.handleUpdate(callbackQuery('language:de', alice));
    expect(callsTo('answerCallbackQuery')).toHaveLength(1);
    expect(callsTo('editMessageText')).toEqual([]);
    await expect(localeStore.get(1001)).resolves.toBeUndefined();
  });

  it('logs a failed API call and keeps handling updates', async () => {
    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await expect(bot.handleUpdate(privateMessage('/help', alice))).resolves.toBeUndefined();
    expect(logged).toEqual([
      {
        message: 'Bot failed to handle an update',
        details: expect.objectContaining({
          method: 'sendMessage',
          errorCode: 403,
          description: 'Forbidden: bot was blocked by the user',
        }),
      },
    ]);

    await bot.handleUpdate(privateMessage('/help', alice));
    expect(callsTo('sendMessage')).toHaveLength(2);
  });

  it('logs a failing locale store without crashing', async () => {
    const failure = new Error('database is down');
    const broken: LocaleStore = { get: () => Promise.reject(failure), set: () => Promise.resolve() };
    const brokenBot = createBot(configFor(fake), { localeStore: broken, logger, botInfo: bot.botInfo });
    await expect(brokenBot.handleUpdate(privateMessage('/start', alice))).resolves.toBeUndefined();
    expect(logged).toEqual([
      { message: 'Bot failed to handle an update', details: expect.objectContaining({ err: failure }) },
    ]);
    expect(callsTo('sendMessage')).toEqual([]);
  });
});
