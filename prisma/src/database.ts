// Which PostgreSQL a process uses: the one DATABASE_URL names, or an embedded one started for it.
import { startEmbeddedPostgres } from './embedded.js';

/** Options of {@link resolveDatabase}. */
export interface ResolveDatabaseOptions {
  /** Connection string to use as is. Empty or missing starts the embedded PostgreSQL. */
  databaseUrl?: string | undefined;
  /**
   * Data directory of the embedded PostgreSQL.
   * @default <repo>/.data/postgres
   */
  dataDir?: string;
}

/** The database a process works on. */
export interface ResolvedDatabase {
  databaseUrl: string;
  /** True when it is the embedded PostgreSQL. */
  embedded: boolean;
  /** Stops the embedded PostgreSQL if this call started it; does nothing otherwise. */
  stop(): Promise<void>;
}

/** The database at `databaseUrl`, or the embedded PostgreSQL (started, database `posy` created) without one. */
export async function resolveDatabase(options: ResolveDatabaseOptions = {}): Promise<ResolvedDatabase> {
  if (options.databaseUrl) {
    return { databaseUrl: options.databaseUrl, embedded: false, stop: async () => {} };
  }
  const postgres = await startEmbeddedPostgres(options.dataDir ? { dataDir: options.dataDir } : {});
  return { databaseUrl: postgres.databaseUrl, embedded: true, stop: postgres.stop };
}

/** `user@host:port/database` of a connection string, without its password, for messages. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}${url.pathname}`;
}
