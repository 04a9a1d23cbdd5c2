import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_API_KEY } from '@posy/prisma/seed';
import { cloneDatabase } from '@posy/prisma/test-database';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * A real server on a random port over its own copy of the seeded database (and the machine's Redis
 * when REDIS_URL is set). `gql` goes over real HTTP; `inProcess` through `yoga.fetch` for speed.
 */
export async function startTestApp(env: Record<string, string> = {}) {
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
    ...env,
  });
  const app = buildApp(config);
  const running = await app.start();

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

  return {
    ...running,
    config,
    gql,
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
