import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { signInitData, telegramUser } from '../../../test/telegram-init-data.js';
import { deleteEndedSessions } from './session-retention.js';

// Sessions of the Mini App: one per installation (a relaunch ends the previous launch's), and ended sessions
// deleted once the retention has passed.
const BOT_TOKEN = '7000000002:telegram-sessions-test-token';
const LOGIN = /* GraphQL */ `
  mutation ($initData: String!, $installation: String) {
    loginWithTelegram(initData: $initData, installation: $installation) { refreshToken user { id } }
  }
`;
const REFRESH = /* GraphQL */ `
  mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { refreshToken } }
`;
const PHONE = 'phone-installation-0001';
const TABLET = 'tablet-installation-0002';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ BOT_TOKEN, TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: '3600' });
});
afterAll(() => app?.stop());

async function launch(telegramId: number, installationId?: string) {
  const initData = signInitData({ user: telegramUser(telegramId) }, BOT_TOKEN);
  const result = await app.gql(LOGIN, { initData, installation: installationId });
  expect(result.errors).toBeUndefined();
  return result.data!.loginWithTelegram as { refreshToken: string; user: { id: string } };
}

/** Whether a session's refresh token still works (and so whether the session is open). */
const refreshes = async (refreshToken: string) =>
  (await app.gql(REFRESH, { refreshToken })).errors?.[0]?.extensions?.code ?? 'OK';

const openSessions = (userId: string) => app.prisma.session.count({ where: { userId, revokedAt: null } });

describe('Mini App sessions', () => {
  test('a relaunch of the same installation ends the session the last launch left; other installations keep theirs', async () => {
    const monday = await launch(556001, PHONE);
    const onTablet = await launch(556001, TABLET);
    const tuesday = await launch(556001, PHONE);
    const userId = (await app.prisma.user.findUniqueOrThrow({ where: { telegramId: 556001n } })).id;

    expect(await openSessions(userId)).toBe(2);
    expect(await refreshes(monday.refreshToken)).toBe('UNAUTHENTICATED');
    expect(await refreshes(onTablet.refreshToken)).toBe('OK');
    expect(await refreshes(tuesday.refreshToken)).toBe('OK');
    const ended = await app.prisma.session.findFirstOrThrow({
      where: { userId, installationId: PHONE, revokedAt: { not: null } },
    });
    expect(ended.revokedReason).toBe('replaced by a new launch of the Mini App');
  });

  test('another user of the same installation (a shared phone) is not signed out; no id, nothing ended', async () => {
    await launch(556002, PHONE);
    const mine = await launch(556003, PHONE);
    const withoutId = await launch(556003);
    await launch(556003);
    const userId = (await app.prisma.user.findUniqueOrThrow({ where: { telegramId: 556002n } })).id;
    expect(await openSessions(userId)).toBe(1);
    for (const session of [mine, withoutId]) expect(await refreshes(session.refreshToken)).toBe('OK');
  });

  test('a malformed installation id is refused on its field and signs no one in', async () => {
    const before = await app.prisma.session.count();
    const initData = signInitData({ user: telegramUser(556004) }, BOT_TOKEN);
    for (const installation of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+']) {
      const result = await app.gql(LOGIN, { initData, installation });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'installation' });
    }
    expect(await app.prisma.session.count()).toBe(before);
    expect(await app.prisma.user.count({ where: { telegramId: 556004n } })).toBe(0);
  });
});

describe('session retention', () => {
  test('deletes sessions ended (revoked or expired) more than the retention ago, with their tokens; keeps the rest', async () => {
    const { user } = await launch(556005, 'retention-installation-01');
    const DAY = 86_400_000;
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const session = (data: { revokedAt?: Date; expiresAt: Date }) =>
      app.prisma.session.create({
        data: {
          userId: user.id,
          ...data,
          refreshTokens: { create: { tokenHash: `hash-${Math.random()}`, expiresAt: data.expiresAt } },
        },
      });
    const revokedLongAgo = await session({ revokedAt: ago(31), expiresAt: ago(-10) });
    const expiredLongAgo = await session({ expiresAt: ago(31) });
    const revokedLately = await session({ revokedAt: ago(29), expiresAt: ago(-10) });
    const expiredLately = await session({ expiresAt: ago(29) });
    const open = await session({ expiresAt: ago(-20) });

    expect(await deleteEndedSessions(app.prisma, 30, now)).toBeGreaterThanOrEqual(2);
    const left = await app.prisma.session.findMany({
      where: { userId: user.id },
      select: { id: true },
    });
    const ids = left.map((row) => row.id);
    expect(ids).not.toContain(revokedLongAgo.id);
    expect(ids).not.toContain(expiredLongAgo.id);
    expect(ids).toEqual(expect.arrayContaining([revokedLately.id, expiredLately.id, open.id]));
    expect(
      await app.prisma.refreshToken.count({
        where: { sessionId: { in: [revokedLongAgo.id, expiredLongAgo.id] } },
      }),
    ).toBe(0);
  });
});
