import { createBot, renderNotification } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { callbackQuery, privateMessage, telegramUser } from '@posy/bot/test/updates';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { createUserLocaleStore } from './user-locale-store.js';

const WEB_APP_URL = 'https://posy.test';

let telegram: FakeBotApi;
let app: TestApp;
beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: WEB_APP_URL,
  });
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

/** A bot process as production runs it (src/telegram-bot.ts): a fresh instance on the app's database. */
function startBot() {
  return createBot(
    {
      botToken: telegram.token,
      apiRoot: telegram.apiRoot,
      botUsername: telegram.botInfo.username,
      webAppUrl: WEB_APP_URL,
    },
    { localeStore: createUserLocaleStore(app.prisma), botInfo: { ...telegram.botInfo } },
  );
}

const sentTo = (chatId: number) =>
  telegram.calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === chatId);

/** Polls until `check` returns something other than undefined (the job runner sends in the background). */
async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the bot keeps /language on the User row', () => {
  test('a choice survives a restart of the bot, and the next notification is written in it', async () => {
    // The seeded manager: English in Posy and in their Telegram client.
    const manager = await app.prisma.user.findUniqueOrThrow({ where: { email: 'manager@posy.demo' } });
    expect(manager.locale).toBe('en');
    const max = telegramUser({ id: Number(manager.telegramId), first_name: 'Max', language_code: 'en' });

    const before = startBot();
    await before.handleUpdate(privateMessage('/language', max));
    await before.handleUpdate(callbackQuery('language:ru', max));
    expect(telegram.calls.filter((call) => call.method === 'editMessageText').at(-1)?.payload.text).toBe(
      'Язык изменён: Русский.',
    );
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: manager.id } })).locale).toBe('ru');

    const after = startBot();
    await after.handleUpdate(privateMessage('/start', max));
    expect(sentTo(max.id).at(-1)?.payload.text).toMatch(/^Добро пожаловать в Posy, Max!/);

    const requested = await app.gql('mutation { requestLoginCode(email: "manager@posy.demo") }');
    expect(requested.errors).toBeUndefined();
    const notification = await app.prisma.notification.findFirstOrThrow({
      where: { userId: manager.id, kind: 'LOGIN_CODE' },
      orderBy: { createdAt: 'desc' },
    });
    expect(notification.locale).toBe('ru');
    const expected = renderNotification({
      kind: 'LOGIN_CODE',
      payload: notification.payload as { code: string; expiresInMinutes: number },
      locale: 'ru',
      webAppUrl: WEB_APP_URL,
    });
    const sent = await waitFor('the login code message', () =>
      sentTo(max.id).find((call) => call.payload.text === expected.text),
    );
    expect(sent.payload.parse_mode).toBe('HTML');
  });

  test('someone unknown to Posy who chooses a language gets a User row in it; their Telegram language stays the default', async () => {
    const stranger = telegramUser({
      id: 987_654_321,
      first_name: 'Oksana',
      username: 'oksana',
      language_code: 'uk',
    });
    const bot = startBot();
    await bot.handleUpdate(privateMessage('/start', stranger));
    expect(sentTo(stranger.id).at(-1)?.payload.text).toMatch(/^Добро пожаловать в Posy, Oksana!/);
    expect(await app.prisma.user.count({ where: { telegramId: BigInt(stranger.id) } })).toBe(0);

    await bot.handleUpdate(callbackQuery('language:en', stranger));
    const user = await app.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(stranger.id) } });
    expect(user).toMatchObject({ name: 'Oksana', telegramUsername: 'oksana', locale: 'en' });

    await startBot().handleUpdate(privateMessage('/start', stranger));
    expect(sentTo(stranger.id).at(-1)?.payload.text).toMatch(/^Welcome to Posy, Oksana!/);
  });
});
