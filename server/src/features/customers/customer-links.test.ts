import { createBot } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { telegramUser as botUser, privateMessage } from '@posy/bot/test/updates';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { signInitData, telegramUser } from '../../../test/telegram-init-data.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { createStartLinkLookup } from '../bot/start-link-lookup.js';
import { createUserLocaleStore } from '../users/user-locale-store.js';

const CREATE = /* GraphQL */ `
  mutation ($customerId: ID!) {
    createCustomerLink(customerId: $customerId) {
      __typename
      ... on MutationCreateCustomerLinkSuccess { data { telegramUrl expiresAt customer { name } } }
      ... on DomainError { message }
    }
  }
`;
const CLAIM = /* GraphQL */ `
  mutation ($token: String!) {
    claimCustomerLink(token: $token) {
      __typename
      ... on MutationClaimCustomerLinkSuccess { data { id name } }
      ... on DomainError { message }
      ... on CustomerLinkUsed { usedAt }
      ... on CustomerLinkExpired { expiresAt }
    }
  }
`;

let telegram: FakeBotApi;
let app: TestApp;
let manager: Record<string, string>;
beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    BOT_USERNAME: telegram.botInfo.username,
  });
  manager = await app.signIn('manager@posy.demo');
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

/** Someone arriving from Telegram: signed in, customer of no shop yet. */
async function newcomer(telegramId: number) {
  const result = await app.gql<{ loginWithTelegram: { accessToken: string } }>(
    'mutation ($d: String!) { loginWithTelegram(initData: $d) { accessToken } }',
    { d: signInitData({ user: telegramUser(telegramId) }, telegram.token) },
  );
  return { authorization: `Bearer ${result.data?.loginWithTelegram.accessToken}` };
}

const customerNamed = (name: string) => app.prisma.customer.findFirstOrThrow({ where: { name } });

async function createLink(customerName: string) {
  const customer = await customerNamed(customerName);
  const result = await app.gql(CREATE, { customerId: encodeGlobalId('Customer', customer.id) }, manager);
  expect(result.errors).toBeUndefined();
  const url: string = result.data?.createCustomerLink.data?.telegramUrl ?? '';
  return { customer, result, url, token: /start=customer-([\w-]+)$/.exec(url)?.[1] as string };
}

/** Every row a claim could touch, to prove a refused one changes nothing. */
const rows = async () => ({
  customers: await app.prisma.customer.findMany({ orderBy: { id: 'asc' } }),
  links: await app.prisma.customerLink.findMany({ orderBy: { id: 'asc' } }),
});

/** What the bot (on this database) answers `/start customer-<token>` with. */
async function botReply(token: string) {
  telegram.calls.length = 0;
  const bot = createBot(
    {
      botToken: telegram.token,
      apiRoot: telegram.apiRoot,
      botUsername: telegram.botInfo.username,
      webAppUrl: 'https://posy.test',
    },
    {
      localeStore: createUserLocaleStore(app.prisma),
      startLinks: createStartLinkLookup(app.prisma),
      botInfo: { ...telegram.botInfo },
    },
  );
  await bot.handleUpdate(
    privateMessage(`/start customer-${token}`, botUser({ id: 777001, first_name: 'Olga' })),
  );
  return telegram.calls.find((call) => call.method === 'sendMessage')?.payload;
}

describe('customer links', () => {
  test('a manager links a phone customer; the bot names the shop; the Telegram user claims it once', async () => {
    const { customer, result, url, token } = await createLink('Olga Smirnova');
    expect(result.data?.createCustomerLink.data.customer).toEqual({ name: 'Olga Smirnova' });
    expect(url).toMatch(/^https:\/\/t\.me\/posy_test_bot\?start=customer-[\w-]{32}$/);
    const stored = await app.prisma.customerLink.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(stored.tokenHash).not.toContain(token);

    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { id: customer.shopId } });
    expect(await botReply(token)).toMatchObject({
      text: `${shop.name} offers to link your customer record to this Telegram account, so your orders show up here.`,
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Link my record', url: `https://t.me/posy_test_bot?startapp=customer-${token}` }],
        ],
      },
    });

    const olga = await newcomer(777001);
    const claimed = await app.gql(CLAIM, { token }, olga);
    expect(claimed.data?.claimCustomerLink).toEqual({
      __typename: 'MutationClaimCustomerLinkSuccess',
      data: { id: encodeGlobalId('Customer', customer.id), name: 'Olga Smirnova' },
    });
    const user = await app.prisma.user.findUniqueOrThrow({ where: { telegramId: 777001n } });
    expect((await customerNamed('Olga Smirnova')).userId).toBe(user.id);

    // Used: a second claim, by anyone, is refused and changes nothing; the bot refuses the link too.
    const before = await rows();
    const again = await app.gql(CLAIM, { token }, await newcomer(777002));
    expect(again.data?.claimCustomerLink).toMatchObject({ __typename: 'CustomerLinkUsed' });
    expect(await rows()).toEqual(before);
    // Now in Russian: Olga's User row has the language of her Telegram client.
    expect((await botReply(token))?.text).toMatch(/^Эта ссылка не работает/);
  });

  test('a record that already has a Telegram user gets no link', async () => {
    const chris = await customerNamed('Chris Customer');
    const before = await rows();
    const result = await app.gql(CREATE, { customerId: encodeGlobalId('Customer', chris.id) }, manager);
    expect(result.data?.createCustomerLink).toMatchObject({ __typename: 'CustomerAlreadyLinked' });
    expect(await rows()).toEqual(before);
  });

  test('only admins and managers make links', async () => {
    const ivan = await customerNamed('Ivan Petrov');
    const florist = await app.signIn('florist@posy.demo');
    const result = await app.gql(CREATE, { customerId: encodeGlobalId('Customer', ivan.id) }, florist);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await app.prisma.customerLink.count({ where: { customerId: ivan.id } })).toBe(0);
  });

  test('an expired link, or one claimed by someone already a customer there, changes nothing', async () => {
    const { token } = await createLink('Ivan Petrov');
    // Chris is already the shop's customer: one record per person and shop.
    const chris = await newcomer(100000005);
    let before = await rows();
    const refused = await app.gql(CLAIM, { token }, chris);
    expect(refused.data?.claimCustomerLink).toMatchObject({ __typename: 'AlreadyCustomer' });
    expect(await rows()).toEqual(before);

    await app.prisma.customerLink.updateMany({
      where: { tokenHash: { not: '' }, claimedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    before = await rows();
    const expired = await app.gql(CLAIM, { token }, await newcomer(777003));
    expect(expired.data?.claimCustomerLink).toMatchObject({ __typename: 'CustomerLinkExpired' });
    expect(await rows()).toEqual(before);
    expect((await botReply(token))?.text).toMatch(/^Эта ссылка не работает/);
  });

  test('a malformed token is bad input on its field, an unknown one is not found', async () => {
    const someone = await newcomer(777004);
    const malformed = await app.gql(CLAIM, { token: 'short' }, someone);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(malformed.errors?.[0])).toContain('token');
    const unknown = await app.gql(CLAIM, { token: 'A'.repeat(32) }, someone);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
