import type { FormattedExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import * as jose from 'jose';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import WebSocket from 'ws';
import { generateApiKey } from '../src/auth/api-keys.js';
import { encodeGlobalId } from '../src/graphql/global-id.js';
import { createAppPubSub, type PubSub } from '../src/pubsub.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * Signing in over graphql-ws (server/src/graphql/ws.ts): credentials come once in connection_init,
 * bad ones close the socket with 4401, and an open socket is closed with 4401 when its access token
 * expires and 4403 when its session is revoked. The server signs with a key generated here, so
 * tokens that expire in a second can be crafted instead of waiting out the real lifetime.
 */

let app: TestApp;
let serverKey: CryptoKey;
let kid: string;
let shopId: string;
let publisher: PubSub | undefined;
const clients: Client[] = [];

const ORDER_UPDATED = /* GraphQL */ `
  subscription OrderUpdated($id: ID!) { orderUpdated(id: $id) { id number status } }
`;

beforeAll(async () => {
  const keys = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  serverKey = keys.privateKey;
  // No credential cache: some tests take the database away and expect the credential lookup to meet it.
  app = await startTestApp({
    JWT_PRIVATE_KEY: await jose.exportPKCS8(keys.privateKey),
    AUTH_CACHE_SECONDS: '0',
  });
  kid = ((await (await fetch(`${app.url}/.well-known/jwks.json`)).json()) as { keys: jose.JWK[] }).keys[0]!
    .kid!;
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  // Events reach the app the way another instance's would: through Redis.
  if (process.env.REDIS_URL) publisher = createAppPubSub(process.env.REDIS_URL);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(async () => {
  await publisher?.close();
  await app?.stop();
});

interface Connection {
  client: Client;
  /** Resolves when the server acknowledged connection_init. */
  connected: Promise<void>;
  /** Resolves with the close code and reason, whoever closed. */
  closed: Promise<{ code: number; reason: string }>;
  state: { connected: boolean; closed: boolean };
}

/** A client that connects at once and never retries, so each close is observed as the server sent it. */
function connect(connectionParams?: Record<string, unknown>): Connection {
  const state = { connected: false, closed: false };
  let onConnected!: () => void;
  let onClosed!: (event: { code: number; reason: string }) => void;
  const connected = new Promise<void>((resolve) => {
    onConnected = resolve;
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    onClosed = resolve;
  });
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: {
      connected: () => {
        state.connected = true;
        onConnected();
      },
      closed: (event) => {
        state.closed = true;
        const { code, reason } = event as { code: number; reason: string | Buffer };
        onClosed({ code, reason: reason.toString() });
      },
    },
  });
  clients.push(client);
  return { client, connected, closed, state };
}

async function connected(connectionParams: Record<string, unknown>) {
  const connection = connect(connectionParams);
  const first = await Promise.race([connection.connected.then(() => 'connected'), connection.closed]);
  expect(first).toBe('connected');
  return connection;
}

/** How the socket was closed, failing fast instead of at the test timeout when it stays open. */
function closeOf(connection: Connection, ms = 5000) {
  return Promise.race([
    connection.closed,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms)),
  ]);
}

/** Expects the server to refuse connection_init with this close. */
async function refused(connectionParams: Record<string, unknown>, code: number, reason: string) {
  const connection = connect(connectionParams);
  expect(await closeOf(connection)).toEqual({ code, reason });
  expect(connection.state.connected).toBe(false);
}

/** Runs a query or mutation over the socket and returns its one result. */
async function wsQuery<T = Record<string, unknown>>(client: Client, query: string, variables = {}) {
  for await (const result of client.iterate({ query, variables }))
    return result as FormattedExecutionResult<T>;
  throw new Error('no result');
}

/** A subscription whose results, completion and error are collected for assertions. */
function subscribe(client: Client, query: string, variables: Record<string, unknown>) {
  const record = {
    results: [] as FormattedExecutionResult<Record<string, unknown>, unknown>[],
    completed: false,
    error: undefined as unknown,
    dispose: () => {},
  };
  record.dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => record.results.push(result),
      complete: () => {
        record.completed = true;
      },
      error: (error) => {
        record.error = error;
      },
    },
  );
  return record;
}

const LOGIN = /* GraphQL */ `
  mutation Login($email: String!) {
    loginWithPassword(email: $email, password: "posy-demo", device: "ws test") { accessToken refreshToken }
  }
`;

async function login(email: string) {
  const result = await app.gql<{ loginWithPassword: { accessToken: string; refreshToken: string } }>(LOGIN, {
    email,
  });
  expect(result.errors).toBeUndefined();
  return result.data!.loginWithPassword;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sessionIdOf = (token: string) => jose.decodeJwt(token).sid as string;

async function craftToken(sub: string, sid: string, expiresAt: number) {
  return new jose.SignJWT({ sid })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
    .setSubject(sub)
    .setIssuer('posy')
    .setAudience('posy-api')
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(serverKey);
}

async function insertApiKey(data: { revokedAt?: Date } = {}) {
  const { key, prefix, hash } = generateApiKey();
  await app.prisma.apiKey.create({
    data: { shopId, name: 'ws key', prefix, hash, scopes: ['orders:read'], ...data },
  });
  return key;
}

describe('signing in over the socket', () => {
  test('a valid access token connects and operations run as that user', async () => {
    const manager = await login('manager@posy.demo');
    const { client } = await connected(bearer(manager.accessToken));
    const result = await wsQuery(client, '{ me { email } orders(first: 1) { totalCount } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      me: { email: 'manager@posy.demo' },
      orders: { totalCount: await app.prisma.order.count({ where: { shopId } }) },
    });
  });

  test.skipIf(!process.env.REDIS_URL)(
    'a valid token receives orderUpdated for its order, and only for it',
    async () => {
      const manager = await login('manager@posy.demo');
      const { client } = await connected(bearer(manager.accessToken));
      const [order, other] = await app.prisma.order.findMany({
        where: { shopId, status: { in: ['NEW', 'CONFIRMED'] } },
        orderBy: { number: 'asc' },
        take: 2,
      });
      const subscription = subscribe(client, ORDER_UPDATED, { id: encodeGlobalId('Order', order!.id) });
      await app.prisma.order.update({
        where: { id: order!.id },
        data: { status: 'IN_PRODUCTION', version: { increment: 1 } },
      });
      // The subscription has no acknowledgement: publish until it is listening.
      await vi.waitFor(
        () => {
          void publisher!.publish('order:changed', shopId, { orderId: other!.id, version: 99 });
          void publisher!.publish('order:changed', shopId, { orderId: order!.id, version: 99 });
          expect(subscription.results.length).toBeGreaterThan(0);
        },
        { timeout: 5000, interval: 100 },
      );
      for (const result of subscription.results) {
        expect(result).toEqual({
          data: {
            orderUpdated: {
              id: encodeGlobalId('Order', order!.id),
              number: order!.number,
              status: 'IN_PRODUCTION',
            },
          },
        });
      }
      expect(subscription.completed).toBe(false);
      expect(subscription.error).toBeUndefined();
    },
  );

  test('a customer cannot wait on another customer’s order: the subscription ends at once', async () => {
    const customer = await login('customer@posy.demo');
    const { client } = await connected(bearer(customer.accessToken));
    const foreign = await app.prisma.order.findFirstOrThrow({
      where: {
        shopId,
        customer: { OR: [{ userId: null }, { user: { email: { not: 'customer@posy.demo' } } }] },
      },
    });
    const subscription = subscribe(client, ORDER_UPDATED, { id: encodeGlobalId('Order', foreign.id) });
    await vi.waitFor(() => expect(subscription.completed).toBe(true), { timeout: 5000 });
    await publisher?.publish('order:changed', shopId, { orderId: foreign.id, version: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(subscription.results).toEqual([]);
    expect(subscription.error).toBeUndefined();
  });

  test('without credentials the socket opens, but orderUpdated answers UNAUTHENTICATED', async () => {
    const { client, state } = await connected({});
    const order = await app.prisma.order.findFirstOrThrow({ where: { shopId } });
    const subscription = subscribe(client, ORDER_UPDATED, { id: encodeGlobalId('Order', order.id) });
    await vi.waitFor(() => expect(subscription.completed).toBe(true), { timeout: 5000 });
    expect(subscription.results).toHaveLength(1);
    expect(subscription.results[0]!.data ?? null).toBeNull();
    expect(subscription.results[0]!.errors).toMatchObject([
      { message: 'Sign in to continue', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    // The socket stays usable for public operations.
    expect((await wsQuery(client, '{ me { id } }')).data).toEqual({ me: null });
    expect(state.closed).toBe(false);
  });

  test.each([
    ['a garbage token', { authorization: 'Bearer not-a-token' }, 'Access token is invalid or expired'],
    [
      'a non-Bearer scheme',
      { authorization: 'Basic YWRtaW46cG9zeS1kZW1v' },
      'Authorization must be "Bearer <token>"',
    ],
    [
      'an unknown API key',
      { apiKey: 'posy_unknown000_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
      'Unknown, revoked or expired API key',
    ],
  ])('%s is closed with 4401', async (_name, params, reason) => {
    await refused(params, 4401, reason);
  });

  test('a token signed by another key is closed with 4401', async () => {
    const stranger = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const manager = await login('manager@posy.demo');
    const claims = jose.decodeJwt(manager.accessToken);
    const forged = await new jose.SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
      .setSubject(claims.sub!)
      .setIssuer('posy')
      .setAudience('posy-api')
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    await refused(bearer(forged), 4401, 'Access token is invalid or expired');
  });

  test('a token of an ended session is closed with 4401', async () => {
    const florist = await login('florist@posy.demo');
    await app.gql('mutation { logout }', {}, bearer(florist.accessToken));
    await refused(bearer(florist.accessToken), 4401, 'Session has ended; sign in again');
  });
});

describe('ending sessions closes their sockets', () => {
  test('logout over HTTP closes that session’s socket with 4403, and not another session’s', async () => {
    const phone = await login('courier@posy.demo');
    const laptop = await login('courier@posy.demo');
    const phoneSocket = await connected(bearer(phone.accessToken));
    const laptopSocket = await connected(bearer(laptop.accessToken));

    const logout = await app.gql('mutation { logout }', {}, bearer(phone.accessToken));
    expect(logout.data).toEqual({ logout: true });
    expect(await closeOf(phoneSocket)).toEqual({ code: 4403, reason: 'Session revoked' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(laptopSocket.state.closed).toBe(false);
    expect((await wsQuery(laptopSocket.client, '{ me { email } }')).data).toEqual({
      me: { email: 'courier@posy.demo' },
    });
  });

  test('a revocation the socket could not hear (no event published) is still found within seconds: 4403', async () => {
    const tokens = await login('florist@posy.demo');
    const socket = await connected(bearer(tokens.accessToken));
    // As if the revocation had been published before this socket's Redis subscription was in place.
    await app.prisma.session.update({
      where: { id: sessionIdOf(tokens.accessToken) },
      data: { revokedAt: new Date(), revokedReason: 'test' },
    });
    expect(await closeOf(socket, 4000)).toEqual({ code: 4403, reason: 'Session revoked' });
  });

  test('logoutEverywhere closes every socket of the user with 4403, and no one else’s', async () => {
    const one = await login('florist@posy.demo');
    const two = await login('florist@posy.demo');
    const bystander = await login('admin@posy.demo');
    const sockets = [await connected(bearer(one.accessToken)), await connected(bearer(two.accessToken))];
    const other = await connected(bearer(bystander.accessToken));

    const result = await app.gql('mutation { logoutEverywhere }', {}, bearer(one.accessToken));
    expect(result.data!.logoutEverywhere).toBeGreaterThanOrEqual(2);
    for (const socket of sockets)
      expect(await closeOf(socket)).toEqual({ code: 4403, reason: 'Session revoked' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.state.closed).toBe(false);
  });

  test('replaying a used refresh token ends the family and closes its socket with 4403', async () => {
    const manager = await login('manager@posy.demo');
    const refresh = 'mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }';
    const rotated = await app.gql(refresh, { t: manager.refreshToken });
    const socket = await connected(bearer(rotated.data!.refreshSession.accessToken));
    const replay = await app.gql(refresh, { t: manager.refreshToken });
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await closeOf(socket)).toEqual({ code: 4403, reason: 'Session revoked' });
  });
});

describe('expiry', () => {
  test('a socket is closed with 4401 when its token expires; a fresh token connects again', async () => {
    const tokens = await login('manager@posy.demo');
    const { sub, sid } = jose.decodeJwt(tokens.accessToken) as { sub: string; sid: string };
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await connected(bearer(await craftToken(sub, sid, expiresAt)));
    expect((await wsQuery(shortLived.client, '{ me { id } }')).data).toEqual({ me: { id: sub } });

    expect(await closeOf(shortLived)).toEqual({ code: 4401, reason: 'Access token expired' });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000 - 50);
    // The expired token itself is refused at the door…
    await refused(bearer(await craftToken(sub, sid, expiresAt)), 4401, 'Access token is invalid or expired');
    // …and the refreshed one gets in.
    const refreshed = await app.gql(
      'mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      {
        t: tokens.refreshToken,
      },
    );
    const fresh = await connected(bearer(refreshed.data!.refreshSession.accessToken));
    expect((await wsQuery(fresh.client, '{ me { id } }')).data).toEqual({ me: { id: sub } });
    expect(sessionIdOf(refreshed.data!.refreshSession.accessToken)).toBe(sid);
  });
});

describe('API keys and shops', () => {
  test('an API key connects, as apiKey or as a Bearer token, and reads orders', async () => {
    const expected = { orders: { totalCount: await app.prisma.order.count({ where: { shopId } }) } };
    const key = app.demoKey['x-api-key'];
    for (const params of [{ apiKey: key }, bearer(key)]) {
      const { client } = await connected(params);
      const result = await wsQuery(client, '{ orders(first: 1) { totalCount } }');
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(expected);
    }
  });

  test('a revoked API key is closed with 4401', async () => {
    const key = await insertApiKey({ revokedAt: new Date() });
    await refused({ apiKey: key }, 4401, 'Unknown, revoked or expired API key');
  });

  test('an own shop id is accepted; a foreign one is refused with its reason', async () => {
    const manager = await login('manager@posy.demo');
    const own = await connected({ ...bearer(manager.accessToken), shopId: encodeGlobalId('Shop', shopId) });
    expect((await wsQuery(own.client, '{ shop { slug } }')).data).toEqual({ shop: { slug: 'demo' } });

    const foreign = await app.prisma.shop.create({ data: { name: 'Foreign', slug: `ws-foreign` } });
    // ws.ts closes every refused connection_init with 4401 and the refusal's message (see report).
    await refused(
      { ...bearer(manager.accessToken), shopId: foreign.id },
      4401,
      'You are not a member or customer of this shop',
    );
    await refused(
      { apiKey: app.demoKey['x-api-key'], shopId: foreign.id },
      4401,
      'This API key belongs to another shop',
    );
    await refused({ ...bearer(manager.accessToken), shopId: 'garbage' }, 4401, 'X-Shop-Id is not a shop id');
  });
});

describe('failures', () => {
  test('an unexpected failure while signing in closes with 4500 and tells nothing of the cause', async () => {
    // Take the database away under the running server (as http.test.ts does).
    const admin = new pg.Client({
      connectionString: app.config.databaseUrl!.replace(/\/[^/]+$/, '/postgres'),
    });
    await admin.connect();
    const name = new URL(app.config.databaseUrl!).pathname.slice(1);
    const terminate = (database: string) =>
      admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
    await terminate(name);
    await admin.query(`ALTER DATABASE "${name}" RENAME TO "${name}_away"`);
    try {
      const connection = connect({ apiKey: app.demoKey['x-api-key'] });
      const closed = await closeOf(connection);
      expect(connection.state.connected).toBe(false);
      expect(closed).toEqual({ code: 4500, reason: 'Internal server error' });
    } finally {
      await terminate(`${name}_away`);
      await admin.query(`ALTER DATABASE "${name}_away" RENAME TO "${name}"`);
      await admin.end();
    }
  });
});
