import { request as httpRequest } from 'node:http';
import { DEMO_PASSWORD } from '@posy/prisma/seed';
import { type Client, createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { DEVELOPMENT_BOT_TOKEN } from '../src/config.js';
import { ipKey } from '../src/graphql/rate-limit.plugin.js';
import { startTestApp, type TestApp } from './harness.js';
import { signInitData, telegramUser } from './telegram-init-data.js';

// Small limits so a test reaches them in a few requests. Each test sends from its own loopback address
// (127.0.0.x), so the per-IP counters of one test do not touch another's.
const LIMITS = {
  RATE_LIMIT_IP_PER_MINUTE: '12',
  RATE_LIMIT_USER_PER_MINUTE: '4',
  RATE_LIMIT_API_KEY_PER_MINUTE: '5',
  RATE_LIMIT_SIGN_IN_IP_PER_15_MINUTES: '8',
  RATE_LIMIT_SIGN_IN_EMAIL_PER_15_MINUTES: '5',
};

const LOGIN = /* GraphQL */ `
  mutation ($email: String!, $password: String!) {
    loginWithPassword(email: $email, password: $password) { accessToken }
  }
`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(LIMITS);
});
afterAll(() => app?.stop());

interface Result {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** What came back: the status, Retry-After, and the JSON body (an array of results for a batch). */
interface Reply<Body = Result> {
  status: number;
  retryAfter: string | undefined;
  body: Body;
}

/** POSTs GraphQL over real HTTP from the given local address, so the server sees that IP. */
function post<Body = Result>(
  target: TestApp,
  from: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<Body>> {
  const url = new URL('/graphql', target.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const gqlFrom = (
  from: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => post(app, from, { query, variables }, headers);

/** Sends `count` operations one after another and returns their replies. */
async function repeat(count: number, send: () => Promise<Reply>) {
  const replies: Reply[] = [];
  for (let i = 0; i < count; i++) replies.push(await send());
  return replies;
}

/** The refusal: 429, a Retry-After in whole seconds within the window, and the same number in the body. */
function expectRateLimited(reply: Reply, windowSeconds: number) {
  expect(reply.status).toBe(429);
  const seconds = Number(reply.retryAfter);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(reply.body.data).toBeUndefined();
  expect(reply.body.errors).toHaveLength(1);
  // Exactly these extensions: Yoga's `http` instructions stay out of the body.
  expect(reply.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: seconds });
}

const codeOf = (reply: Reply) => reply.body.errors?.[0]?.extensions?.code;

/** A graphql-ws client whose socket connects from the given local address. */
function wsClient(target: TestApp, from: string, connectionParams: Record<string, string> = {}) {
  class FromAddress extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { localAddress: from });
    }
  }
  return createClient({
    url: `${target.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: FromAddress,
    connectionParams,
    retryAttempts: 0,
  });
}

/** The first result of an operation; a protocol error or a closed socket rejects. */
const first = (client: Client, query: string) =>
  new Promise<Result>((resolve, reject) => {
    let result: Result = {};
    const stop = client.subscribe<Result['data']>(
      { query },
      {
        next: (value) => {
          result = value as Result;
          stop();
          resolve(result);
        },
        error: reject,
        complete: () => resolve(result),
      },
    );
  });

describe('per IP', () => {
  test('past the limit an IP gets 429 with Retry-After and RATE_LIMITED; other IPs are unaffected', async () => {
    const allowed = await repeat(12, () => gqlFrom('127.0.0.11', '{ __typename }'));
    for (const reply of allowed) {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ data: { __typename: 'Query' } });
    }
    expectRateLimited(await gqlFrom('127.0.0.11', '{ __typename }'), 60);

    const other = await gqlFrom('127.0.0.12', '{ __typename }');
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual({ __typename: 'Query' });
  });

  test('operations refused before they execute (bad credentials) count too', async () => {
    const refused = await repeat(12, () =>
      gqlFrom('127.0.0.13', '{ __typename }', {}, { 'x-api-key': 'posy_nope_0000000000' }),
    );
    for (const reply of refused) expect(codeOf(reply)).toBe('UNAUTHENTICATED');
    expectRateLimited(await gqlFrom('127.0.0.13', '{ __typename }'), 60);
  });

  test('a batch counts each of its operations', async () => {
    const batch = Array.from({ length: 5 }, () => ({ query: '{ __typename }' }));
    for (let i = 0; i < 2; i++) {
      const reply = await post<Result[]>(app, '127.0.0.14', batch);
      expect(reply.body).toEqual(batch.map(() => ({ data: { __typename: 'Query' } })));
    }
    const third = await post<Result[]>(app, '127.0.0.14', batch);
    expect(third.body.slice(0, 2)).toEqual([
      { data: { __typename: 'Query' } },
      { data: { __typename: 'Query' } },
    ]);
    for (const result of third.body.slice(2)) {
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
  });
});

describe('sign-in attempts', () => {
  test('the 6th attempt for one email is refused from any IP, even with the right password, and signs nobody in', async () => {
    const sessionsBefore = await app.prisma.session.count();
    const wrong = await repeat(5, () =>
      gqlFrom('127.0.0.21', LOGIN, { email: 'admin@posy.demo', password: 'wrong-password' }),
    );
    for (const reply of wrong) expect(codeOf(reply)).toBe('UNAUTHENTICATED');

    // From a fresh IP: the email's counter is what refuses.
    expectRateLimited(
      await gqlFrom('127.0.0.22', LOGIN, { email: 'admin@posy.demo', password: 'wrong-password' }),
      15 * 60,
    );
    // The right password, the email spelled differently: refused all the same, and no session is made.
    expectRateLimited(
      await gqlFrom('127.0.0.23', LOGIN, { email: '  Admin@Posy.Demo ', password: DEMO_PASSWORD }),
      15 * 60,
    );
    expect(await app.prisma.session.count()).toBe(sessionsBefore);

    // Another email from the same fresh IP is still heard.
    const other = await gqlFrom('127.0.0.22', LOGIN, {
      email: 'florist@posy.demo',
      password: 'wrong-password',
    });
    expect(codeOf(other)).toBe('UNAUTHENTICATED');
  });

  test('one IP gets 8 attempts in 15 minutes, whichever emails and sign-in mutations it uses', async () => {
    const attempts = await repeat(8, async () =>
      gqlFrom('127.0.0.31', LOGIN, { email: `nobody-${Math.random()}@example.test`, password: 'x' }),
    );
    for (const reply of attempts) expect(codeOf(reply)).toBe('UNAUTHENTICATED');
    expectRateLimited(
      await gqlFrom('127.0.0.31', LOGIN, { email: 'someone-else@example.test', password: 'x' }),
      15 * 60,
    );
    expectRateLimited(
      await gqlFrom('127.0.0.31', 'mutation ($e: String!) { requestLoginCode(email: $e) }', {
        e: 'a@example.test',
      }),
      15 * 60,
    );
    // Refreshing is not a guess (256-bit tokens): still answered, within the general limit.
    const refresh = await gqlFrom(
      '127.0.0.31',
      'mutation { refreshSession(refreshToken: "stolen") { accessToken } }',
    );
    expect(codeOf(refresh)).toBe('UNAUTHENTICATED');
    // Other operations from that IP are within the general limit (11 of 12 used).
    expect((await gqlFrom('127.0.0.31', '{ __typename }')).status).toBe(200);
  });

  test('successful password sign-ins are not counted: one address and one email sign in past both limits', async () => {
    const signIns = await repeat(9, () =>
      gqlFrom('127.0.0.24', LOGIN, { email: 'courier@posy.demo', password: DEMO_PASSWORD }),
    );
    for (const reply of signIns) {
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data?.loginWithPassword).toEqual({ accessToken: expect.any(String) });
    }
    // Wrong passwords still count, from the first: five for that email, then even the right one is refused.
    const wrong = await repeat(5, () =>
      gqlFrom('127.0.0.25', LOGIN, { email: 'courier@posy.demo', password: 'wrong-password' }),
    );
    for (const reply of wrong) expect(codeOf(reply)).toBe('UNAUTHENTICATED');
    expectRateLimited(
      await gqlFrom('127.0.0.25', LOGIN, { email: 'courier@posy.demo', password: DEMO_PASSWORD }),
      15 * 60,
    );
  });

  test('a successful code sign-in is not counted; asking for the code is', async () => {
    const email = 'customer@posy.demo';
    const requested = await gqlFrom('127.0.0.26', 'mutation ($e: String!) { requestLoginCode(email: $e) }', {
      e: email,
    });
    expect(requested.body.data).toEqual({ requestLoginCode: true });
    const notification = await app.prisma.notification.findFirstOrThrow({
      where: { kind: 'LOGIN_CODE', user: { email } },
      orderBy: { createdAt: 'desc' },
    });
    const { code } = notification.payload as { code: string };
    const signedIn = await gqlFrom(
      '127.0.0.26',
      'mutation ($e: String!, $c: String!) { loginWithCode(email: $e, code: $c) { accessToken } }',
      { e: email, c: code },
    );
    expect(signedIn.body.data?.loginWithCode).toEqual({ accessToken: expect.any(String) });
    // The request used one of the email's 5 attempts, the sign-in none: four guesses left, then refused.
    const wrong = await repeat(4, () => gqlFrom('127.0.0.26', LOGIN, { email, password: 'wrong-password' }));
    for (const reply of wrong) expect(codeOf(reply)).toBe('UNAUTHENTICATED');
    expectRateLimited(await gqlFrom('127.0.0.26', LOGIN, { email, password: 'wrong-password' }), 15 * 60);
  });

  test('Telegram sign-ins with valid initData meet only the general per-IP limit', async () => {
    const TELEGRAM = 'mutation ($d: String!) { loginWithTelegram(initData: $d) { accessToken } }';
    const signIns = await repeat(12, () =>
      gqlFrom('127.0.0.27', TELEGRAM, {
        d: signInitData({ user: telegramUser(777001) }, DEVELOPMENT_BOT_TOKEN),
      }),
    );
    for (const reply of signIns)
      expect(reply.body.data?.loginWithTelegram).toEqual({ accessToken: expect.any(String) });
    expectRateLimited(
      await gqlFrom('127.0.0.27', TELEGRAM, {
        d: signInitData({ user: telegramUser(777001) }, DEVELOPMENT_BOT_TOKEN),
      }),
      60,
    );
  });

  test('aliases do not multiply attempts: each aliased sign-in counts, per email and per IP', async () => {
    const logins = (emails: string[]) =>
      `mutation { ${emails.map((email, i) => `a${i}: loginWithPassword(email: "${email}", password: "guess-${i}") { accessToken }`).join(' ')} }`;
    // Six guesses at one email in one request: over its 5.
    expectRateLimited(await gqlFrom('127.0.0.41', logins(Array(6).fill('alias@example.test'))), 15 * 60);
    // Nine emails, one guess each, in one request: over the IP's 8.
    const nine = Array.from({ length: 9 }, (_, i) => `alias-${i}@example.test`);
    expectRateLimited(await gqlFrom('127.0.0.42', logins(nine)), 15 * 60);
  });
});

describe('per signed-in user and per API key', () => {
  test('a user past the limit is refused from any IP, and the refused mutation does not run', async () => {
    const login = await gqlFrom('127.0.0.51', LOGIN, { email: 'manager@posy.demo', password: DEMO_PASSWORD });
    const { accessToken } = login.body.data!.loginWithPassword as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const openSessions = () =>
      app.prisma.session.count({ where: { user: { email: 'manager@posy.demo' }, revokedAt: null } });
    const sessionsBefore = await openSessions();
    expect(sessionsBefore).toBeGreaterThanOrEqual(1);

    const allowed = await repeat(4, () => gqlFrom('127.0.0.51', '{ me { email } }', {}, auth));
    for (const reply of allowed) expect(reply.body.data).toEqual({ me: { email: 'manager@posy.demo' } });
    expectRateLimited(await gqlFrom('127.0.0.52', '{ me { email } }', {}, auth), 60);
    expectRateLimited(await gqlFrom('127.0.0.52', 'mutation { logoutEverywhere }', {}, auth), 60);
    expect(await openSessions()).toBe(sessionsBefore);

    // Anonymous callers from that IP are not the user.
    expect((await gqlFrom('127.0.0.52', '{ __typename }')).status).toBe(200);
  });

  test('an API key past the limit is refused from any IP, over HTTP and WebSocket alike', async () => {
    const allowed = await repeat(5, () => gqlFrom('127.0.0.61', '{ __typename }', {}, app.demoKey));
    for (const reply of allowed) expect(reply.status).toBe(200);
    expectRateLimited(await gqlFrom('127.0.0.62', '{ __typename }', {}, app.demoKey), 60);
    const client = wsClient(app, '127.0.0.63', { apiKey: app.demoKey['x-api-key'] });
    try {
      expect((await first(client, '{ __typename }')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
    expect((await gqlFrom('127.0.0.62', '{ __typename }')).status).toBe(200);
  });
});

describe('over WebSocket', () => {
  test('every operation counts against the IP, and a subscribe past the limit gets RATE_LIMITED', async () => {
    const client = wsClient(app, '127.0.0.71');
    try {
      // The connection itself is the first of the 12.
      for (let i = 0; i < 11; i++)
        expect(await first(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
      const refused = await first(client, 'subscription { orderUpdated(id: "T3JkZXI6eA") { id } }');
      expect(refused.data).toBeUndefined();
      expect(refused.errors).toHaveLength(1);
      // No HTTP status on a socket: just the code and the wait.
      expect(refused.errors?.[0]?.extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
      });
      expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
      // The socket stays open; the next operation is refused the same way.
      expect((await first(client, '{ __typename }')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });

  test('connection attempts count too: past the limit the socket is closed with 1013 (try again later)', async () => {
    const closeCodes: number[] = [];
    for (let i = 0; i < 13; i++) {
      class FromAddress extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { localAddress: '127.0.0.72' });
        }
      }
      // Not lazy: it connects with no operation, so only the connection attempts are counted.
      const client = createClient({
        url: `${app.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: FromAddress,
        lazy: false,
        retryAttempts: 0,
      });
      const code = await new Promise<number>((resolve) => {
        client.on('closed', (event) => resolve((event as { code: number }).code));
        client.on('connected', () => resolve(0));
      });
      closeCodes.push(code);
      await client.dispose();
    }
    expect(closeCodes.slice(0, 12)).toEqual(Array(12).fill(0));
    expect(closeCodes[12]).toBe(1013);
  });
});

describe('the key of an address', () => {
  test('IPv4 as it is (IPv4-mapped IPv6 too); IPv6 by its /64, however it is written', () => {
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('2001:db8:85a3:0042:1000:8a2e:370:7334')).toBe('2001:db8:85a3:42::/64');
    expect(ipKey('2001:DB8:85A3:42::1')).toBe('2001:db8:85a3:42::/64');
    expect(ipKey('2001:db8::7334')).toBe('2001:db8:0:0::/64');
    expect(ipKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(ipKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('where the counters live', () => {
  test.runIf(process.env.REDIS_URL)('with REDIS_URL, in Redis under the app’s key prefix', async () => {
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const prefix = app.config.rateLimits.keyPrefix;
      expect(await redis.get(`${prefix}:ip:127.0.0.11`)).toBe('13');
      expect(Number(await redis.pttl(`${prefix}:ip:127.0.0.11`))).toBeGreaterThan(0);
      expect(await redis.get(`${prefix}:sign-in-email:admin@posy.demo`)).toBe('7');
    } finally {
      redis.disconnect();
    }
  });

  test('with Redis down, still limited: each counter falls back to memory instead of failing', async () => {
    const outage = await startTestApp({
      ...LIMITS,
      REDIS_URL: 'redis://127.0.0.1:9',
      RATE_LIMIT_IP_PER_MINUTE: '2',
    });
    try {
      for (let i = 0; i < 2; i++)
        expect((await post(outage, '127.0.0.91', { query: '{ __typename }' })).status).toBe(200);
      expectRateLimited(await post(outage, '127.0.0.91', { query: '{ __typename }' }), 60);
    } finally {
      await outage.stop();
    }
  });

  test('without Redis (REDIS_URL empty), in memory, with the same limits', async () => {
    const inMemory = await startTestApp({ ...LIMITS, REDIS_URL: '', RATE_LIMIT_IP_PER_MINUTE: '2' });
    try {
      expect(inMemory.config.redisUrl).toBeUndefined();
      for (let i = 0; i < 2; i++)
        expect((await post(inMemory, '127.0.0.81', { query: '{ __typename }' })).status).toBe(200);
      expectRateLimited(await post(inMemory, '127.0.0.81', { query: '{ __typename }' }), 60);
    } finally {
      await inMemory.stop();
    }
  });
});
