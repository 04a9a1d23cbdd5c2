import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { signInitData, telegramUser } from '../../../test/telegram-init-data.js';
import { INIT_DATA_CLOCK_SKEW_SECONDS } from '../../auth/telegram-init-data.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

const BOT_TOKEN = '7000000001:telegram-login-test-token';
const LOGIN = /* GraphQL */ `
  mutation ($initData: String!, $shopId: ID, $device: String) {
    loginWithTelegram(initData: $initData, shopId: $shopId, device: $device) {
      accessToken
      refreshToken
      user { id name locale telegramUsername }
    }
  }
`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ BOT_TOKEN, TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: '3600' });
});
afterAll(() => app?.stop());

const counts = async () => ({
  users: await app.prisma.user.count(),
  customers: await app.prisma.customer.count(),
  sessions: await app.prisma.session.count(),
});

describe('Mini App sign-in', () => {
  test('a signed launch creates the user once, in their language, and signs them in', async () => {
    const initData = signInitData({ user: telegramUser(555001), query_id: 'AAE1' }, BOT_TOKEN);
    const first = await app.gql(LOGIN, { initData, device: 'iPhone Telegram' });
    expect(first.errors).toBeUndefined();
    expect(first.data?.loginWithTelegram.user).toMatchObject({
      name: 'Tanya Gift',
      locale: 'ru',
      telegramUsername: 'tanya555001',
    });
    const again = await app.gql(LOGIN, {
      initData: signInitData({ user: telegramUser(555001, { username: 'tanya_new' }) }, BOT_TOKEN),
    });
    expect(again.data?.loginWithTelegram.user.id).toBe(first.data?.loginWithTelegram.user.id);
    expect(again.data?.loginWithTelegram.user.telegramUsername).toBe('tanya_new');
    expect(await app.prisma.user.count({ where: { telegramId: 555001n } })).toBe(1);

    const me = await app.gql(
      '{ me { name } }',
      {},
      {
        authorization: `Bearer ${again.data?.loginWithTelegram.accessToken}`,
      },
    );
    expect(me.data?.me.name).toBe('Tanya Gift');
  });

  test('opened for a shop (start parameter), a new user becomes its customer and sees only their orders', async () => {
    const initData = signInitData(
      { user: telegramUser(555002, { language_code: 'en' }), start_param: 'shop-demo' },
      BOT_TOKEN,
    );
    const login = await app.gql(LOGIN, { initData });
    expect(login.errors).toBeUndefined();
    expect(login.data?.loginWithTelegram.user.locale).toBe('en');
    const user = await app.prisma.user.findUniqueOrThrow({
      where: { telegramId: 555002n },
      include: { customerProfiles: { include: { shop: true } } },
    });
    expect(user.customerProfiles.map((c) => c.shop.slug)).toEqual(['demo']);
    const orders = await app.gql(
      '{ orders(first: 5) { totalCount } }',
      {},
      {
        authorization: `Bearer ${login.data?.loginWithTelegram.accessToken}`,
      },
    );
    expect(orders.data?.orders.totalCount).toBe(0);
    const me = await app.gql(
      '{ me { customerOf { slug } memberships { role } } }',
      {},
      {
        authorization: `Bearer ${login.data?.loginWithTelegram.accessToken}`,
      },
    );
    expect(me.data?.me).toEqual({ customerOf: [{ slug: 'demo' }], memberships: [] });
  });

  test('the seeded customer is linked to their existing record, staff do not become customers', async () => {
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
    const shopId = encodeGlobalId('Shop', shop.id);
    const before = await counts();
    const customer = await app.gql(LOGIN, {
      initData: signInitData({ user: telegramUser(100000005) }, BOT_TOKEN),
      shopId,
    });
    expect(customer.errors).toBeUndefined();
    const admin = await app.gql(LOGIN, {
      initData: signInitData({ user: telegramUser(100000001) }, BOT_TOKEN),
      shopId,
    });
    expect(admin.errors).toBeUndefined();
    const after = await counts();
    expect(after.users).toBe(before.users);
    expect(after.customers).toBe(before.customers);
    const orders = await app.gql(
      '{ orders(first: 50) { totalCount } }',
      {},
      {
        authorization: `Bearer ${customer.data?.loginWithTelegram.accessToken}`,
        'x-shop-id': shopId,
      },
    );
    const demoCustomer = await app.prisma.customer.findFirstOrThrow({
      where: { user: { telegramId: 100000005n } },
    });
    expect(orders.data?.orders.totalCount).toBe(
      await app.prisma.order.count({ where: { customerId: demoCustomer.id } }),
    );
  });
});

describe('Mini App sign-in refuses', () => {
  const user = telegramUser(555100);
  const valid = () => signInitData({ user }, BOT_TOKEN);
  const cases: [string, () => string, string, RegExp][] = [
    [
      'a forged hash (user changed after signing)',
      () => valid().replace('555100', '100000001'),
      'UNAUTHENTICATED',
      /not signed by this bot|altered/,
    ],
    [
      'data signed by another bot',
      () => signInitData({ user }, '7000000002:another-bot-token'),
      'UNAUTHENTICATED',
      /not signed by this bot/,
    ],
    [
      'data older than the allowed age',
      () => signInitData({ user }, BOT_TOKEN, new Date(Date.now() - 2 * 3600_000)),
      'UNAUTHENTICATED',
      /expired/,
    ],
    [
      'data dated further in the future than the allowed clock skew',
      () =>
        signInitData({ user }, BOT_TOKEN, new Date(Date.now() + (INIT_DATA_CLOCK_SKEW_SECONDS + 60) * 1000)),
      'UNAUTHENTICATED',
      /future/,
    ],
    [
      'data with no hash',
      () =>
        new URLSearchParams({
          auth_date: String(Math.floor(Date.now() / 1000)),
          user: JSON.stringify(user),
        }).toString(),
      'UNAUTHENTICATED',
      /not signed/,
    ],
    ['data with no user', () => signInitData({ query_id: 'x' }, BOT_TOKEN), 'UNAUTHENTICATED', /no user/],
    [
      'data with no auth_date',
      () => valid().replace(/auth_date=\d+&?/, ''),
      'UNAUTHENTICATED',
      /auth_date|not signed by this bot/,
    ],
    ['garbage', () => 'this is not init data', 'UNAUTHENTICATED', /not signed|malformed/],
    ['an empty string', () => '', 'BAD_USER_INPUT', /empty/],
    ['an oversized payload', () => `a=${'x'.repeat(5000)}`, 'BAD_USER_INPUT', /4096|too big|at most/i],
    [
      'an unknown shop in the start parameter',
      () => signInitData({ user, start_param: 'shop-nowhere' }, BOT_TOKEN),
      'BAD_USER_INPUT',
      /nowhere/,
    ],
  ];
  test.each(cases)('%s, changing nothing', async (_name, initData, code, message) => {
    const before = await counts();
    const result = await app.gql(LOGIN, { initData: initData() });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  test('data a few seconds ahead of our clock (within the skew) is accepted', async () => {
    const ahead = new Date(Date.now() + (INIT_DATA_CLOCK_SKEW_SECONDS / 2) * 1000);
    const result = await app.gql(LOGIN, { initData: signInitData({ user }, BOT_TOKEN, ahead) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.loginWithTelegram.user.telegramUsername).toBe(user.username);
  });

  test('a well-formed id of a shop that does not exist: NOT_FOUND, changing nothing', async () => {
    const before = await counts();
    const nowhere = encodeGlobalId('Shop', '0195f0b4-8d3c-7000-8000-000000000000');
    const result = await app.gql(LOGIN, { initData: valid(), shopId: nowhere });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(await counts()).toEqual(before);
  });

  test('a foreign shop id argument that is not a shop id', async () => {
    const bogus = encodeGlobalId('Order', '0195f0b4-8d3c-7000-8000-000000000000');
    const result = await app.gql(LOGIN, { initData: valid(), shopId: bogus });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the audit trail of Mini App sign-ins', () => {
  test('a success names the user; a refusal is kept as loginWithTelegram.failed, without the initData', async () => {
    await app.gql(LOGIN, { initData: signInitData({ user: telegramUser(555300) }, BOT_TOKEN) });
    const forged = signInitData({ user: telegramUser(555301) }, '7000000002:another-bot-token');
    await app.gql(LOGIN, { initData: forged });
    const user = await app.prisma.user.findUniqueOrThrow({ where: { telegramId: 555300n } });
    const ok = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: 'loginWithTelegram', actorId: user.id },
    });
    expect(ok.requestId).toBeTruthy();
    const failed = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: 'loginWithTelegram.failed' },
      orderBy: { id: 'desc' },
    });
    expect(failed.changes).toEqual({ initData: '[redacted]', error: 'UNAUTHENTICATED' });
    expect(failed.actorId).toBeNull();
  });
});
