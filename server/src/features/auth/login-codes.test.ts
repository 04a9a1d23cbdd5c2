import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';

const REQUEST = 'mutation ($email: String!) { requestLoginCode(email: $email) }';
const LOGIN = /* GraphQL */ `
  mutation ($email: String!, $code: String!) {
    loginWithCode(email: $email, code: $code, device: "Pixel PWA") { accessToken user { name } }
  }
`;
const EMAIL = 'florist@posy.demo';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const florist = () => app.prisma.user.findUniqueOrThrow({ where: { email: EMAIL } });
beforeEach(async () => {
  // Each test starts with no codes for the florist.
  await app.prisma.loginCode.deleteMany({ where: { user: { email: EMAIL } } });
});

/** Asks for a code and reads it from the outbox message the bot will send. */
async function requestCode(email = EMAIL) {
  const result = await app.gql(REQUEST, { email });
  expect(result.errors).toBeUndefined();
  expect(result.data?.requestLoginCode).toBe(true);
  const notification = await app.prisma.notification.findFirstOrThrow({
    where: { kind: 'LOGIN_CODE', user: { email } },
    orderBy: { createdAt: 'desc' },
  });
  return (notification.payload as { code: string }).code;
}

const sessions = async () => app.prisma.session.count({ where: { user: { email: EMAIL } } });

describe('one-time code login', () => {
  test('the code goes to the outbox in the user’s language, signs in once, and is stored hashed', async () => {
    const code = await requestCode();
    expect(code).toMatch(/^\d{6}$/);
    const notification = await app.prisma.notification.findFirstOrThrow({
      where: { kind: 'LOGIN_CODE', user: { email: EMAIL } },
      orderBy: { createdAt: 'desc' },
    });
    expect(notification).toMatchObject({ status: 'PENDING', locale: (await florist()).locale });
    expect(notification.payload).toMatchObject({ expiresInMinutes: 5 });
    const stored = await app.prisma.loginCode.findFirstOrThrow({ where: { user: { email: EMAIL } } });
    expect(stored.codeHash).not.toContain(code);

    const login = await app.gql(LOGIN, { email: EMAIL, code });
    expect(login.errors).toBeUndefined();
    expect(login.data?.loginWithCode.user.name).toBeTruthy();
    const again = await app.gql(LOGIN, { email: EMAIL, code });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('asking again within a minute is refused with retry-after; a newer code retires the older', async () => {
    const first = await requestCode();
    const tooSoon = await app.gql(REQUEST, { email: EMAIL });
    expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(tooSoon.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    await app.prisma.loginCode.updateMany({
      where: { user: { email: EMAIL } },
      data: { createdAt: new Date(Date.now() - 61_000) },
    });
    const second = await requestCode();
    if (first !== second) {
      const old = await app.gql(LOGIN, { email: EMAIL, code: first });
      expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await app.gql(LOGIN, { email: EMAIL, code: second })).errors).toBeUndefined();
  });

  test('five wrong guesses lock the user out, even with the right code, for the lock period', async () => {
    const code = await requestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const before = await sessions();
    for (let i = 1; i <= 4; i++) {
      const result = await app.gql(LOGIN, { email: EMAIL, code: wrong });
      expect(result.errors?.[0]?.extensions?.code, `guess ${i}`).toBe('UNAUTHENTICATED');
    }
    const fifth = await app.gql(LOGIN, { email: EMAIL, code: wrong });
    expect(fifth.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const right = await app.gql(LOGIN, { email: EMAIL, code });
    expect(right.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(right.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    const newCode = await app.gql(REQUEST, { email: EMAIL });
    expect(newCode.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await sessions()).toBe(before);
  });

  test('a burst of wrong guesses, more than the database pool holds, is counted exactly and all refused', async () => {
    const code = await requestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => app.gql(LOGIN, { email: EMAIL, code: wrong })),
    );
    for (const answer of answers) {
      expect(['UNAUTHENTICATED', 'RATE_LIMITED']).toContain(answer.errors?.[0]?.extensions?.code);
    }
    const stored = await app.prisma.loginCode.findFirstOrThrow({
      where: { user: { email: EMAIL } },
      orderBy: { createdAt: 'desc' },
    });
    expect(stored.attempts).toBe(app.config.loginCodes.maxAttempts);
  });

  test('an expired code is refused', async () => {
    const code = await requestCode();
    await app.prisma.loginCode.updateMany({
      where: { user: { email: EMAIL } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const result = await app.gql(LOGIN, { email: EMAIL, code });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/expired/);
  });

  test('unknown emails and users without Telegram get the same answer and no message', async () => {
    await app.prisma.user.create({ data: { name: 'No Telegram', email: 'notg@posy.demo' } });
    const outbox = await app.prisma.notification.count();
    for (const email of ['nobody@posy.demo', 'notg@posy.demo']) {
      const result = await app.gql(REQUEST, { email });
      expect(result.data?.requestLoginCode).toBe(true);
    }
    expect(await app.prisma.notification.count()).toBe(outbox);
    const login = await app.gql(LOGIN, { email: 'nobody@posy.demo', code: '123456' });
    expect(login.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('malformed input is BAD_USER_INPUT and counts no attempt', async () => {
    await requestCode();
    const cases: [Record<string, string>, string][] = [
      [{ email: EMAIL, code: '12ab56' }, 'code'],
      [{ email: EMAIL, code: '1234567' }, 'code'],
      [{ email: 'not-an-email', code: '123456' }, 'email'],
    ];
    for (const [variables, field] of cases) {
      const result = await app.gql(LOGIN, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    const stored = await app.prisma.loginCode.findFirstOrThrow({ where: { user: { email: EMAIL } } });
    expect(stored.attempts).toBe(0);
  });
});
