import { generateKeyPairSync } from 'node:crypto';
import { DEMO_PASSWORD } from '@posy/prisma/seed';
import type { FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../../test/harness.js';

/**
 * The webapp's refresh token in an HttpOnly cookie, over real HTTP: its attributes, refresh and
 * rotation by cookie, logout clearing it, and refusals from other sites' pages.
 */

let production: TestApp;
let development: TestApp;

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  [production, development] = await Promise.all([
    startTestApp({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    }),
    startTestApp({ NODE_ENV: 'development' }),
  ]);
});
afterAll(() => Promise.all([production?.stop(), development?.stop()]));

const EMAIL = 'manager@posy.demo';
const COOKIE_MODE = { 'x-refresh-token-cookie': '1' };
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const LOGIN = /* GraphQL */ `
  mutation ($email: String!, $password: String!) {
    loginWithPassword(email: $email, password: $password) { accessToken refreshToken user { email } }
  }
`;
const REFRESH_BY_COOKIE = 'mutation { refreshSession { accessToken refreshToken user { email } } }';
const REFRESH = 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';

interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  user: { email: string };
}

/** The one Set-Cookie of a response, split into its value and attributes. */
function refreshCookie(headers: Headers) {
  const cookies = headers.getSetCookie();
  expect(cookies).toHaveLength(1);
  const [pair, ...attributes] = cookies[0]!.split('; ');
  const [name, value] = pair!.split('=');
  expect(name).toBe('posy_refresh');
  return { value: value!, attributes, header: `posy_refresh=${value}` };
}

async function cookieSignIn(app: TestApp) {
  const result = await app.gql<{ loginWithPassword: Tokens }>(
    LOGIN,
    { email: EMAIL, password: DEMO_PASSWORD },
    COOKIE_MODE,
  );
  expect(result.errors).toBeUndefined();
  return { tokens: result.data!.loginWithPassword, cookie: refreshCookie(result.headers) };
}

function refreshByCookie(app: TestApp, cookie: string, headers: Record<string, string> = SAME_ORIGIN) {
  return app.gql<{ refreshSession: Tokens }>(REFRESH_BY_COOKIE, {}, { cookie, ...headers });
}

describe('sign-in in cookie mode', () => {
  test('sets an HttpOnly, SameSite=Strict, Secure cookie for /graphql and answers no refresh token', async () => {
    const { tokens, cookie } = await cookieSignIn(production);
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.accessToken).toBeTruthy();
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    const maxAge = Number(cookie.attributes.find((a) => a.startsWith('Max-Age='))?.slice('Max-Age='.length));
    // The session's lifetime (30 days by default), give or take the request.
    expect(maxAge).toBeGreaterThan(30 * 24 * 3600 - 60);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
    expect(cookie.attributes.filter((a) => !a.startsWith('Max-Age='))).toEqual([
      'Path=/graphql',
      'HttpOnly',
      'SameSite=Strict',
      'Secure',
    ]);
  });

  test('in development the cookie is not Secure (plain http://localhost)', async () => {
    const { cookie } = await cookieSignIn(development);
    expect(cookie.attributes).toContain('HttpOnly');
    expect(cookie.attributes).toContain('SameSite=Strict');
    expect(cookie.attributes).not.toContain('Secure');
  });

  test('without the header, the refresh token is in the answer and no cookie is set (API clients, the bot)', async () => {
    const result = await production.gql<{ loginWithPassword: Tokens }>(LOGIN, {
      email: EMAIL,
      password: DEMO_PASSWORD,
    });
    expect(result.data!.loginWithPassword.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(result.headers.getSetCookie()).toEqual([]);
    const refreshed = await production.gql(REFRESH, { t: result.data!.loginWithPassword.refreshToken });
    expect(refreshed.data!.refreshSession.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(refreshed.headers.getSetCookie()).toEqual([]);
  });
});

describe('refreshSession by cookie', () => {
  test('trades the cookie for an access token and rotates the cookie; the old one then ends the session', async () => {
    const { cookie: first } = await cookieSignIn(production);
    const result = await refreshByCookie(production, first.header);
    expect(result.errors).toBeUndefined();
    expect(result.data!.refreshSession).toMatchObject({ refreshToken: null, user: { email: EMAIL } });
    const second = refreshCookie(result.headers);
    expect(second.value).not.toBe(first.value);
    expect(second.attributes).toContain('HttpOnly');

    const me = await production.gql(
      '{ me { email } }',
      {},
      {
        authorization: `Bearer ${result.data!.refreshSession.accessToken}`,
      },
    );
    expect(me.data).toEqual({ me: { email: EMAIL } });

    // A replayed cookie means it leaked: the session ends, and the answer clears the cookie.
    const replay = await refreshByCookie(production, first.header);
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refreshCookie(replay.headers)).toMatchObject({
      value: '',
      attributes: expect.arrayContaining(['Max-Age=0']),
    });
    const afterReplay = await refreshByCookie(production, second.header);
    expect(afterReplay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('without a cookie it is UNAUTHENTICATED', async () => {
    const result = await refreshByCookie(production, '');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: 'No refresh token: pass refreshToken or sign in again',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  test.each([
    ['another site', { 'sec-fetch-site': 'cross-site' }],
    ['a sibling subdomain', { 'sec-fetch-site': 'same-site' }],
    ['another origin (no Sec-Fetch-Site)', { origin: 'https://evil.example' }],
  ])('from %s is refused (FORBIDDEN) and changes nothing', async (_name, headers) => {
    const { cookie } = await cookieSignIn(production);
    const refused = await refreshByCookie(production, cookie.header, headers);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      message: 'The refresh cookie is accepted from this app’s own pages only',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(refused.headers.getSetCookie()).toEqual([]);
    // The cookie was not spent: the app's own page still refreshes with it.
    const own = await refreshByCookie(production, cookie.header);
    expect(own.errors).toBeUndefined();
  });
});

describe('refreshSession over WebSocket', () => {
  test('without a token it is BAD_USER_INPUT: a socket carries no cookie', async () => {
    const client = createClient({
      url: `${production.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
    });
    try {
      const result = await new Promise<FormattedExecutionResult>((resolve, reject) => {
        client.subscribe({ query: REFRESH_BY_COOKIE }, { next: resolve, error: reject, complete: () => {} });
      });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: 'Pass refreshToken: cookies are read over HTTP only',
        extensions: { code: 'BAD_USER_INPUT', field: 'refreshToken' },
      });
    } finally {
      await client.dispose();
    }
  });
});

describe('logout', () => {
  test.each(['logout', 'logoutEverywhere'])(
    '%s clears the cookie and its refresh token stops working',
    async (field) => {
      const { tokens, cookie } = await cookieSignIn(production);
      const result = await production.gql(
        `mutation { ${field} }`,
        {},
        {
          authorization: `Bearer ${tokens.accessToken}`,
          cookie: cookie.header,
        },
      );
      expect(result.errors).toBeUndefined();
      const cleared = refreshCookie(result.headers);
      expect(cleared.value).toBe('');
      expect(cleared.attributes).toEqual([
        'Path=/graphql',
        'Max-Age=0',
        'HttpOnly',
        'SameSite=Strict',
        'Secure',
      ]);
      expect((await refreshByCookie(production, cookie.header)).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    },
  );
});
