import { createBot, MemoryLocaleStore } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { telegramUser as botUpdateUser, privateMessage } from '@posy/bot/test/updates';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { signInitData, telegramUser } from './telegram-init-data.js';

const BOT_TOKEN = '7000000001:locale-rule-test-token';
const LOGIN = 'mutation ($initData: String!) { loginWithTelegram(initData: $initData) { user { locale } } }';

/** Language codes as Telegram, browsers and Accept-Language send them, and the locale each must get. */
const TABLE: Array<[code: string | undefined, locale: 'ru' | 'en']> = [
  ['ru', 'ru'],
  ['ru-RU', 'ru'],
  ['uk', 'ru'],
  ['be', 'ru'],
  ['kk', 'ru'],
  ['KK', 'ru'],
  ['en', 'en'],
  ['en-GB', 'en'],
  ['de', 'en'],
  ['pt-br', 'en'],
  ['kz', 'en'],
  [undefined, 'en'],
];

let telegram: FakeBotApi;
let app: TestApp;
beforeAll(async () => {
  telegram = await startFakeBotApi({ token: BOT_TOKEN });
  app = await startTestApp({ BOT_TOKEN, TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: '3600' });
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

describe('one language rule', () => {
  test.each(TABLE)(
    'language code %s: the server signs up and the bot answers in %s',
    async (code, locale) => {
      const id = 700_000 + TABLE.findIndex(([c]) => c === code);
      const user = telegramUser(id, { language_code: code });
      const signedUp = await app.gql(LOGIN, { initData: signInitData({ user }, BOT_TOKEN) });
      expect(signedUp.errors).toBeUndefined();

      const bot = createBot(
        {
          botToken: telegram.token,
          apiRoot: telegram.apiRoot,
          botUsername: 'posy_test_bot',
          webAppUrl: 'https://posy.test',
        },
        { localeStore: new MemoryLocaleStore(), botInfo: { ...telegram.botInfo } },
      );
      await bot.handleUpdate(
        privateMessage('/start', botUpdateUser({ id, first_name: 'Tanya', language_code: code })),
      );
      const reply = telegram.calls.filter(
        (call) => call.method === 'sendMessage' && call.payload.chat_id === id,
      );
      expect(reply).toHaveLength(1);
      const text = String(reply[0]?.payload.text);
      const botLocale = text.startsWith('Добро пожаловать') ? 'ru' : text.startsWith('Welcome') ? 'en' : text;

      expect({ server: signedUp.data?.loginWithTelegram.user.locale, bot: botLocale }).toEqual({
        server: locale,
        bot: locale,
      });
    },
  );
});
