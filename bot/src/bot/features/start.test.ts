import type { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFor, TEST_WEBAPP_URL } from '../../../test/config.js';
import { type FakeBotApi, startFakeBotApi } from '../../../test/fake-bot-api.js';
import { privateMessage, telegramUser } from '../../../test/updates.js';
import type { BotContext } from '../context.js';
import { createBot } from '../createBot.js';
import { type StartLink, startPayload } from '../deep-link.js';
import { MemoryLocaleStore } from '../locale-store.js';
import type { StartLinkLookup, StartLinkSummary } from '../start-links.js';

const alice = telegramUser({ id: 1001, first_name: 'Alice', language_code: 'en' });
const olga = telegramUser({ id: 1002, first_name: 'Ольга', language_code: 'ru' });

const orderId = Buffer.from('Order:0190a5d2-7c1e-7b3a-9f00-1234567890ab').toString('base64url');
const inviteToken = 'Zm9vYmFyYmF6cXV4LXF1dXg_12';
const customerToken = 'Y3VzdG9tZXItbGluay0x';

/** What the server knows, as its lookup answers it: Alice may use each of these links, nobody else. */
const known: Array<[StartLink, StartLinkSummary]> = [
  [
    { kind: 'shop', shopSlug: 'demo' },
    { kind: 'shop', shopName: 'Posy Demo' },
  ],
  [
    { kind: 'order', orderId },
    { kind: 'order', shopName: 'Posy Demo', orderNumber: 42 },
  ],
  [
    { kind: 'invite', token: inviteToken },
    { kind: 'invite', shopName: 'Posy Demo', role: 'FLORIST' },
  ],
  [
    { kind: 'customer', token: customerToken },
    { kind: 'customer', shopName: 'Posy Demo' },
  ],
];

/** The lookup the server injects, over a fixed table; records what it was asked. */
function tableLookup(): StartLinkLookup & { asked: Array<[StartLink, number]> } {
  const asked: Array<[StartLink, number]> = [];
  return {
    asked,
    async describe(link, telegramUserId) {
      asked.push([link, telegramUserId]);
      if (telegramUserId !== alice.id) return undefined;
      return known.find(([candidate]) => startPayload(candidate) === startPayload(link))?.[1];
    },
  };
}

let fake: FakeBotApi;
let bot: Bot<BotContext>;
let lookup: ReturnType<typeof tableLookup>;

async function startWith(options: { mainMiniApp: boolean }) {
  fake = await startFakeBotApi({ botInfo: { has_main_web_app: options.mainMiniApp } });
  lookup = tableLookup();
  bot = createBot(configFor(fake), { localeStore: new MemoryLocaleStore(), startLinks: lookup });
  await bot.init();
  fake.calls.length = 0;
}

afterEach(() => fake.stop());

const replies = () => fake.calls.filter((call) => call.method === 'sendMessage').map((call) => call.payload);

describe('/start with a deep link, the bot having a main Mini App', () => {
  beforeEach(() => startWith({ mainMiniApp: true }));

  it.each([
    [`shop-demo`, 'Welcome to Posy Demo, Alice! Open the catalog to choose your flowers.', 'Open catalog'],
    [`order-${orderId}`, 'Order #42 at Posy Demo: open it to follow where it is.', 'Track order'],
    [
      `invite-${inviteToken}`,
      'Posy Demo invites you to join the team as florist. Open Posy to accept.',
      'Accept invitation',
    ],
    [
      `customer-${customerToken}`,
      'Posy Demo offers to link your customer record to this Telegram account, so your orders show up here.',
      'Link my record',
    ],
  ])(
    '%s: says what it names, with a direct Mini App link carrying the payload',
    async (payload, text, label) => {
      await bot.handleUpdate(privateMessage(`/start ${payload}`, alice));
      expect(replies()).toEqual([
        {
          chat_id: alice.id,
          text,
          // Telegram opens this link as the app and hands it the payload as start_param.
          reply_markup: {
            inline_keyboard: [[{ text: label, url: `https://t.me/posy_test_bot?startapp=${payload}` }]],
          },
        },
      ]);
    },
  );

  it('asks the lookup about the link for the user who opened it', async () => {
    await bot.handleUpdate(privateMessage(`/start order-${orderId}`, alice));
    expect(lookup.asked).toEqual([[{ kind: 'order', orderId }, alice.id]]);
  });

  it('answers in the user’s language', async () => {
    await bot.handleUpdate(privateMessage('/start shop-demo', { ...olga, id: alice.id }));
    expect(replies()[0]).toMatchObject({
      text: 'Добро пожаловать в Posy Demo, Ольга! Откройте каталог и выберите цветы.',
      reply_markup: { inline_keyboard: [[{ text: 'Открыть каталог' }]] },
    });
  });

  const invalid = (text: string) => ({
    chat_id: expect.any(Number),
    text,
    reply_markup: { inline_keyboard: [[{ text: expect.any(String), web_app: { url: TEST_WEBAPP_URL } }]] },
  });

  it.each([
    ['a payload of no kind Posy makes', 'hello', alice],
    ['a payload Telegram would never produce', '<b>hi</b> there', alice],
    ['a malformed invite', 'invite-short', alice],
    ['a shop that does not exist', 'shop-nowhere', alice],
    ['someone else’s order', `order-${orderId}`, olga],
    ['an invite the server no longer honours', `invite-${inviteToken}`, olga],
  ])('%s gets a clear reply and the plain app button, nothing passed on', async (_, payload, user) => {
    await bot.handleUpdate(privateMessage(`/start ${payload}`, user));
    const expected =
      user === olga
        ? 'Эта ссылка не работает: возможно, она устарела, уже использована или предназначена другому человеку. ' +
          'Попросите отправителя прислать новую. Открыть Posy можно кнопкой ниже.'
        : 'This link does not work: it may have expired, been used already or be meant for someone else. ' +
          'Ask whoever sent it for a new one. You can still open Posy below.';
    expect(replies()).toEqual([invalid(expected)]);
  });

  it('only asks the server about payloads that are Posy links', async () => {
    await bot.handleUpdate(privateMessage('/start hello', alice));
    expect(lookup.asked).toEqual([]);
  });
});

describe('/start with a deep link, the bot having no main Mini App', () => {
  beforeEach(() => startWith({ mainMiniApp: false }));

  it.each([
    ['shop-demo', 'Open catalog'],
    [`order-${orderId}`, 'Track order'],
    [`invite-${inviteToken}`, 'Accept invitation'],
    [`customer-${customerToken}`, 'Link my record'],
  ])('%s: a web_app button whose URL carries the payload as ?startapp', async (payload, label) => {
    await bot.handleUpdate(privateMessage(`/start ${payload}`, alice));
    expect(replies()[0]?.reply_markup).toEqual({
      inline_keyboard: [[{ text: label, web_app: { url: `${TEST_WEBAPP_URL}?startapp=${payload}` } }]],
    });
  });
});

describe('/start with a deep link, no lookup (the bot run alone)', () => {
  it('passes a well-formed link on unchecked, with the plain greeting', async () => {
    fake = await startFakeBotApi();
    bot = createBot(configFor(fake), { localeStore: new MemoryLocaleStore() });
    await bot.init();
    await bot.handleUpdate(privateMessage('/start shop-demo', alice));
    expect(replies()).toEqual([
      {
        chat_id: alice.id,
        text: 'Welcome to Posy, Alice! Open the app to see your orders and deliveries.',
        reply_markup: {
          inline_keyboard: [[{ text: 'Open catalog', url: 'https://t.me/posy_test_bot?startapp=shop-demo' }]],
        },
      },
    ]);
  });
});
