import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { DEMO_PASSWORD } from '@posy/prisma/seed';
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import WebSocket from 'ws';
import { decodeGlobalId } from '../src/graphql/global-id.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * A Redis of this file's own, killed (SIGKILL) while the app runs: every mutation that publishes an
 * event must still answer, each lost event must be logged with its topic, a WebSocket must still be
 * served, and nothing may reject unhandled (Node exits on that). The machine's Redis is never touched.
 * The tests run in order: the first kills Redis.
 */

let redis: ChildProcess;
let app: TestApp;
const logged: { level: number; msg: string; topic?: string; topics?: string[]; err?: { type?: string } }[] =
  [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of this file's own on `port`, once it answers. */
async function startRedis(port: number) {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  // Until redis-server listens, ioredis retries; the listener keeps the refusals quiet.
  const probe = new Redis(port, '127.0.0.1', { retryStrategy: () => 50 }).on('error', () => {});
  await probe.ping();
  probe.disconnect();
  return server;
}

let port: number;
beforeAll(async () => {
  port = await freePort();
  redis = await startRedis(port);
  process.on('unhandledRejection', onUnhandled);
  const log = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` }, { log });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await app?.stop();
  if (redis?.exitCode === null) redis.kill('SIGKILL');
});

const LOGIN =
  'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken refreshToken } }';

async function login(email: string) {
  const result = await app.gql(LOGIN, { email, password: DEMO_PASSWORD });
  const tokens = result.data?.loginWithPassword as { accessToken: string; refreshToken: string };
  return { ...tokens, headers: { authorization: `Bearer ${tokens.accessToken}` } };
}

describe('with Redis killed mid-run', () => {
  test('every publishing mutation answers, each lost event is logged, and the process carries on', async () => {
    const admin = await login('admin@posy.demo');
    const loggingOut = await login('manager@posy.demo');
    const everywhere = await login('manager@posy.demo');
    const refreshing = await login('courier@posy.demo');
    const created = await app.gql(
      'mutation { createApiKey(name: "Outage", scopes: [ORDERS_READ]) { apiKey { id } } }',
      {},
      admin.headers,
    );
    const apiKeyId = created.data?.createApiKey.apiKey.id as string;
    const membership = (email: string) =>
      app.prisma.membership.findFirstOrThrow({ where: { user: { email }, revokedAt: null } });
    const florist = await membership('florist@posy.demo');
    const courier = await membership('courier@posy.demo');
    // A used refresh token, so presenting it again is reuse (the session is revoked, and that published).
    const rotated = await app.gql(
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      {
        t: refreshing.refreshToken,
      },
    );
    expect(rotated.errors).toBeUndefined();

    redis.kill('SIGKILL');
    await once(redis, 'exit');

    const logout = await app.gql('mutation { logout }', {}, loggingOut.headers);
    expect(logout.data).toEqual({ logout: true });
    const logoutEverywhere = await app.gql('mutation { logoutEverywhere }', {}, everywhere.headers);
    expect(logoutEverywhere.data?.logoutEverywhere).toBeGreaterThanOrEqual(1);
    const reuse = await app.gql(
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      {
        t: refreshing.refreshToken,
      },
    );
    expect(reuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const role = await app.gql(
      'mutation ($id: ID!) { changeStaffRole(membershipId: $id, role: MANAGER) { ... on Membership { role } } }',
      { id: florist.id },
      admin.headers,
    );
    expect(role.data).toEqual({ changeStaffRole: { role: 'MANAGER' } });
    const removed = await app.gql(
      'mutation ($id: ID!) { removeStaffMember(membershipId: $id) { ... on Membership { id } } }',
      { id: courier.id },
      admin.headers,
    );
    expect(removed.errors).toBeUndefined();
    const revoked = await app.gql(
      'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: apiKeyId },
      admin.headers,
    );
    expect(revoked.data?.revokeApiKey.revokedAt).toEqual(expect.any(String));

    // ioredis gives up on each queued publish after maxRetriesPerRequest reconnects: wait until all twelve
    // (each change also tells every credential cache) were either caught and logged or escaped unhandled
    // (before the fix, the process would exit here).
    const lostTopics = () =>
      logged.filter((entry) => entry.msg.startsWith('event not published')).map((entry) => entry.topic);
    await vi.waitFor(() => expect(lostTopics().length + unhandled.length).toBe(12), {
      timeout: 20_000,
      interval: 100,
    });
    expect(unhandled).toEqual([]);
    expect(lostTopics().sort()).toEqual(
      [
        `session:revoked:${jwtSession(loggingOut.accessToken)}`,
        `session:revoked:${jwtSession(everywhere.accessToken)}`,
        `session:revoked:${jwtSession(refreshing.accessToken)}`,
        `access:changed:user:${florist.userId}`,
        `access:changed:user:${courier.userId}`,
        `access:changed:apiKey:${decodeGlobalId(apiKeyId).id}`,
        ...Array(6).fill('credentials:changed'),
      ].sort(),
    );
    expect(logged.find((e) => e.msg.startsWith('event not published'))?.err?.type).toBe(
      'MaxRetriesPerRequestError',
    );

    const later = await app.gql('{ me { email } }', {}, admin.headers);
    expect(later.data).toEqual({ me: { email: 'admin@posy.demo' } });
  });

  test('a WebSocket connecting while Redis is down is served; its failed subscribes are logged, not fatal', async () => {
    expect(redis.exitCode ?? redis.signalCode).not.toBeNull();
    const { headers } = await login('admin@posy.demo');
    const socket = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: headers.authorization },
      retryAttempts: 0,
    });
    const overSocket = await new Promise((resolve, reject) => {
      let value: unknown;
      socket.subscribe(
        { query: '{ me { email } }' },
        { next: (next) => (value = next), error: reject, complete: () => resolve(value) },
      );
    });
    expect(overSocket).toEqual({ data: { me: { email: 'admin@posy.demo' } } });
    await socket.dispose();

    // The socket watched its session and its user (ws.ts): two SUBSCRIBEs, two UNSUBSCRIBEs, all failing.
    const failed = () => logged.filter((entry) => /^redis (un)?subscribe failed/.test(entry.msg));
    await vi.waitFor(() => expect(failed().length + unhandled.length).toBe(4), {
      timeout: 20_000,
      interval: 100,
    });
    expect(unhandled).toEqual([]);
    expect((await app.gql('{ me { email } }', {}, headers)).data).toEqual({
      me: { email: 'admin@posy.demo' },
    });
  });

  test('when Redis is back, a socket that connected during the outage hears its events again', async () => {
    const { headers } = await login('manager@posy.demo');
    const manager = await app.prisma.membership.findFirstOrThrow({
      where: { user: { email: 'manager@posy.demo' }, revokedAt: null },
    });
    const topic = `access:changed:user:${manager.userId}`;
    // Not lazy: the socket stays open with no operation running, as a Mini App's does.
    const socket = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: headers.authorization },
      lazy: false,
      retryAttempts: 0,
      // The close it reports is what the test waits for.
      onNonLazyError: () => {},
    });
    const closed = new Promise<number>((resolve) =>
      socket.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    try {
      await vi.waitFor(
        () =>
          expect(
            logged.some(
              (entry) => entry.msg.startsWith('redis subscribe failed') && entry.topics?.includes(topic),
            ),
          ).toBe(true),
        { timeout: 20_000, interval: 100 },
      );

      redis = await startRedis(port);
      const probe = new Redis(port, '127.0.0.1');
      try {
        await vi.waitFor(async () => expect(await probe.pubsub('NUMSUB', topic)).toEqual([topic, 1]), {
          timeout: 20_000,
          interval: 100,
        });
      } finally {
        probe.disconnect();
      }
      const admin = await login('admin@posy.demo');
      const changed = await app.gql(
        'mutation ($id: ID!) { changeStaffRole(membershipId: $id, role: FLORIST) { ... on Membership { role } } }',
        { id: manager.id },
        admin.headers,
      );
      expect(changed.data).toEqual({ changeStaffRole: { role: 'FLORIST' } });
      expect(await closed).toBe(4403);
      expect(unhandled).toEqual([]);
    } finally {
      await socket.dispose();
    }
  });

  test('a payload that is not JSON, from another publisher, is logged and dropped; the socket stays', async () => {
    const { accessToken, headers } = await login('admin@posy.demo');
    const topic = `session:revoked:${jwtSession(accessToken)}`;
    const socket = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: headers.authorization },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => {},
    });
    const probe = new Redis(port, '127.0.0.1');
    try {
      await vi.waitFor(async () => expect(await probe.pubsub('NUMSUB', topic)).toEqual([topic, 1]), {
        timeout: 20_000,
        interval: 100,
      });
      expect(await probe.publish(topic, '{not json')).toBe(1);
      await vi.waitFor(
        () => expect(logged.some((entry) => entry.msg.startsWith('event not understood'))).toBe(true),
        { timeout: 20_000, interval: 100 },
      );
      const overSocket = await new Promise((resolve, reject) => {
        let value: unknown;
        socket.subscribe(
          { query: '{ me { email } }' },
          { next: (next) => (value = next), error: reject, complete: () => resolve(value) },
        );
      });
      expect(overSocket).toEqual({ data: { me: { email: 'admin@posy.demo' } } });
      expect(unhandled).toEqual([]);
    } finally {
      probe.disconnect();
      await socket.dispose();
    }
  });
});

const jwtSession = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
