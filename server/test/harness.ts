import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_SHOP_SLUG } from '@posy/prisma/seed';
import { cloneDatabase } from '@posy/prisma/test-database';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { generateApiKey } from '../src/auth/api-keys.js';
import { parseConfig } from '../src/config.js';
import type { Logger } from '../src/logger.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * A real server on a random port over its own copy of the seeded database (and the machine's Redis
 * when REDIS_URL is set). `gql` goes over real HTTP; `inProcess` through `yoga.fetch` for speed.
 * `options.log` replaces the app's logger, for tests that read what it logs.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { log?: Logger } = {}) {
  const database = await cloneDatabase(inject('adminDatabaseUrl'), inject('seededTemplate'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'posy-test-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.databaseUrl,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    DATA_DIR: dataDir,
    WEBAPP_DIST: path.join(dataDir, 'no-webapp'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    // Counters of their own (one Redis serves every test file), and limits no other test reaches:
    // rate-limit tests pass small ones.
    RATE_LIMIT_KEY_PREFIX: `posy-test:${randomUUID()}`,
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_API_KEY_PER_MINUTE: '100000',
    RATE_LIMIT_SIGN_IN_IP_PER_15_MINUTES: '100000',
    RATE_LIMIT_SIGN_IN_EMAIL_PER_15_MINUTES: '100000',
    // No subscription cron: a tick mid-test would add orders other tests count. Subscription tests run
    // the task themselves (or turn it on).
    SUBSCRIPTION_ORDERS_EVERY_MINUTES: '0',
    ...env,
  });
  const app = buildApp(config, { log: options.log });
  const running = await app.start();

  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape; `any` keeps them terse.
  async function gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T> & { status: number; headers: Headers }> {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      ...((await response.json()) as GraphQLResponse<T>),
      status: response.status,
      headers: response.headers,
    };
  }

  /** Signs a demo staff member in with their password; returns headers for their requests. */
  async function signIn(email: string, password = DEMO_PASSWORD): Promise<Record<string, string>> {
    const result = await gql<{ loginWithPassword: { accessToken: string } }>(
      'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken } }',
      { email, password },
    );
    const token = result.data?.loginWithPassword.accessToken;
    if (!token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(result.errors)}`);
    return { authorization: `Bearer ${token}` };
  }

  /** An API key of the demo shop inserted the way the server stores them; returns its headers. */
  async function insertApiKey(data: { scopes: string[]; revokedAt?: Date; expiresAt?: Date }) {
    const { id: shopId } = await running.prisma.shop.findUniqueOrThrow({ where: { slug: DEMO_SHOP_SLUG } });
    const { key, prefix, hash } = generateApiKey();
    const row = await running.prisma.apiKey.create({
      data: { shopId, name: 'test key', prefix, hash, ...data },
    });
    return { headers: { 'x-api-key': key }, id: row.id, key };
  }

  return {
    ...running,
    config,
    gql,
    signIn,
    insertApiKey,
    /** Headers of the demo integration key (orders, catalog, customers, stock read; orders:write). */
    demoKey: { 'x-api-key': DEMO_API_KEY },
    async stop() {
      await app.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
