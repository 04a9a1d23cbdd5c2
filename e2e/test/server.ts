import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloneDatabase } from '@posy/prisma/test-database';
import { buildApp } from '@posy/server/app';
import { parseConfig } from '@posy/server/config';
import { inject } from 'vitest';

/** The bot token the e2e server checks Mini App init data against (test/telegram.ts signs with it). */
export const e2eBotToken = '424242:posy-e2e-test-bot';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * The server as production runs it: NODE_ENV=production, a real signing key, the built webapp served
 * beside /graphql on one port, over its own copy of the seeded database (and the machine's Redis when
 * REDIS_URL is set). What production would reach outside the machine is off: background jobs (they
 * send Telegram messages), and the Bot API root points at a closed local port.
 */
export async function startServer(env: Record<string, string> = {}) {
  const database = await cloneDatabase(inject('adminDatabaseUrl'), inject('seededTemplate'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'posy-e2e-'));
  const { privateKey } = generateKeyPairSync('ed25519');
  const serverEnv: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.databaseUrl,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    DATA_DIR: dataDir,
    WEBAPP_DIST: inject('webappDist'),
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    BOT_TOKEN: e2eBotToken,
    BOT_API_ROOT: 'http://127.0.0.1:9',
    JOBS_ENABLED: 'false',
    // Counters of their own in a shared Redis, and sign-in limits the journeys do not reach.
    RATE_LIMIT_KEY_PREFIX: `posy-e2e:${randomUUID()}`,
    RATE_LIMIT_SIGN_IN_IP_PER_15_MINUTES: '1000',
    RATE_LIMIT_SIGN_IN_EMAIL_PER_15_MINUTES: '1000',
    ...env,
  };
  const config = parseConfig(serverEnv);
  const app = buildApp(config);
  let running: Awaited<ReturnType<typeof app.start>>;
  try {
    running = await app.start();
  } catch (error) {
    await app.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  /** A GraphQL operation over HTTP, as another client (a colleague's phone, an integration) would send it. */
  async function gql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  return {
    url: running.url,
    prisma: running.prisma,
    config,
    /** The environment the server was configured from: for a process beside it (the bot) to share. */
    env: serverEnv,
    gql,
    async stop() {
      await app.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type E2eServer = Awaited<ReturnType<typeof startServer>>;

/** A TCP port nobody listens on now (the system picks it; it is released at once for the server to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port')),
      );
    });
  });
}

/**
 * startServer on a port chosen beforehand, with PUBLIC_URL set to it: the links the server builds
 * (invites' web links) then point at this very server, as they do in production.
 */
export async function startServerWithPublicUrl(env: Record<string, string> = {}) {
  const port = await freePort();
  return startServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
}
