import { createBot } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { privateMessage, telegramUser } from '@posy/bot/test/updates';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { createUserLocaleStore } from '../users/user-locale-store.js';
import { createStartLinkLookup } from './start-link-lookup.js';

const WEB_APP_URL = 'https://posy.test';
// The seeded people's Telegram ids (prisma/src/seed.ts).
const chris = telegramUser({ id: 100000005, first_name: 'Chris', language_code: 'en' });
const fiona = telegramUser({ id: 100000003, first_name: 'Fiona', language_code: 'en' });
const kirill = telegramUser({ id: 100000004, first_name: 'Kirill', language_code: 'en' });
const stranger = telegramUser({ id: 555000111, first_name: 'Stranger', language_code: 'en' });
const INVALID =
  'This link does not work: it may have expired, been used already or be meant for someone else. ' +
  'Ask whoever sent it for a new one. You can still open Posy below.';
const INVALID_RU = /^Эта ссылка не работает/;

let telegram: FakeBotApi;
let app: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    BOT_USERNAME: telegram.botInfo.username,
    PUBLIC_URL: WEB_APP_URL,
  });
  admin = await app.signIn('admin@posy.demo');
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

/** The bot as src/telegram-bot.ts runs it: on the app's database. */
const bot = () =>
  createBot(
    {
      botToken: telegram.token,
      apiRoot: telegram.apiRoot,
      botUsername: telegram.botInfo.username,
      webAppUrl: WEB_APP_URL,
    },
    {
      localeStore: createUserLocaleStore(app.prisma),
      startLinks: createStartLinkLookup(app.prisma),
      botInfo: { ...telegram.botInfo },
    },
  );

/** Sends `/start <payload>` as `from` and returns the reply's text and button. */
async function start(payload: string, from = chris) {
  telegram.calls.length = 0;
  await bot().handleUpdate(privateMessage(`/start ${payload}`, from));
  const reply = telegram.calls.find((call) => call.method === 'sendMessage')?.payload;
  const button = (reply?.reply_markup as { inline_keyboard: Array<Array<Record<string, unknown>>> })
    ?.inline_keyboard[0]?.[0];
  return { text: reply?.text, button };
}

/** Everything a deep link could be imagined to touch, to prove looking one up changes nothing. */
const rows = async () => ({
  users: await app.prisma.user.findMany({ orderBy: { id: 'asc' } }),
  customers: await app.prisma.customer.findMany({ orderBy: { id: 'asc' } }),
  memberships: await app.prisma.membership.findMany({ orderBy: { id: 'asc' } }),
  invites: await app.prisma.invite.findMany({ orderBy: { id: 'asc' } }),
});

async function createInvite(role: string) {
  const result = await app.gql<{ createInvite: { telegramUrl: string; invite: { id: string } } }>(
    'mutation ($role: Role!) { createInvite(role: $role) { telegramUrl invite { id } } }',
    { role },
    admin,
  );
  const created = result.data?.createInvite;
  return {
    token: /startapp=invite-([\w-]+)$/.exec(created?.telegramUrl ?? '')?.[1] as string,
    id: created?.invite.id,
  };
}

describe('the bot’s deep links on the database', () => {
  test('a shop link names the shop and opens its catalog', async () => {
    const shop = await app.prisma.shop.findFirstOrThrow({ select: { slug: true, name: true } });
    expect(await start(`shop-${shop.slug}`, stranger)).toEqual({
      text: `Welcome to ${shop.name}, Stranger! Open the catalog to choose your flowers.`,
      button: { text: 'Open catalog', url: `https://t.me/posy_test_bot?startapp=shop-${shop.slug}` },
    });
    expect((await start('shop-no-such-shop', stranger)).text).toBe(INVALID);
  });

  test('an order link works for its customer and the staff who see it, and reads as no order to anyone else', async () => {
    const order = await app.prisma.order.findFirstOrThrow({
      where: { customer: { user: { telegramId: BigInt(chris.id) } }, courierId: null },
      select: { id: true, number: true, shop: { select: { name: true } } },
    });
    const payload = `order-${encodeGlobalId('Order', order.id)}`;
    const tracked = { text: `Order #${order.number} at ${order.shop.name}: open it to follow where it is.` };
    expect(await start(payload, chris)).toMatchObject(tracked);
    expect((await start(payload, chris)).button).toEqual({
      text: 'Track order',
      url: `https://t.me/posy_test_bot?startapp=${payload}`,
    });
    // Fiona chose Russian (her User.locale).
    expect((await start(payload, fiona)).text).toBe(
      `Заказ №${order.number} в ${order.shop.name}: откройте его, чтобы следить, где он.`,
    );
    // A courier follows only what they deliver; this order has no courier.
    expect((await start(payload, kirill)).text).toMatch(INVALID_RU);
    expect((await start(payload, stranger)).text).toBe(INVALID);
    // Another type's id, or an order id of no order.
    expect((await start(`order-${encodeGlobalId('Customer', order.id)}`, chris)).text).toBe(INVALID);
    expect(
      (await start(`order-${encodeGlobalId('Order', '0190a5d2-7c1e-7b3a-9f00-1234567890ab')}`, chris)).text,
    ).toBe(INVALID);
  });

  test('an invite link names the shop and role while it is open, and changes nothing', async () => {
    const { token, id } = await createInvite('FLORIST');
    const before = await rows();
    const shop = await app.prisma.shop.findFirstOrThrow({ select: { name: true } });
    expect(await start(`invite-${token}`, stranger)).toEqual({
      text: `${shop.name} invites you to join the team as florist. Open Posy to accept.`,
      button: { text: 'Accept invitation', url: `https://t.me/posy_test_bot?startapp=invite-${token}` },
    });
    expect(await rows()).toEqual(before);

    await app.gql('mutation ($id: ID!) { revokeInvite(id: $id) { __typename } }', { id }, admin);
    expect((await start(`invite-${token}`, stranger)).text).toBe(INVALID);
    expect((await start('invite-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', stranger)).text).toBe(INVALID);
  });

  test('an unknown customer link is refused, and changes nothing', async () => {
    const before = await rows();
    expect((await start('customer-Y3VzdG9tZXItbGluay0x', stranger)).text).toBe(INVALID);
    expect(await rows()).toEqual(before);
  });
});
