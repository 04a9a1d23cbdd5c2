// Databases for the test suites of every package: one migrated template per set of migrations, and a cheap
// copy of it per test file or test (`CREATE DATABASE … TEMPLATE`, as graphile-worker's tests do).
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPrismaClient } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { applyMigrations } from './migrate.js';
import { MIGRATION_FILE } from './migrations-folder.js';
import { migrationsDir as defaultMigrationsDir } from './paths.js';
import { seed } from './seed.js';

/** The PostgreSQL a test run creates its databases on. */
export interface TestPostgres {
  /** Connection string of a database on it to run CREATE/DROP DATABASE from; needs CREATEDB. */
  adminUrl: string;
  /** True when it is an embedded PostgreSQL started for this run. */
  embedded: boolean;
  /** Stops and deletes the embedded PostgreSQL; does nothing for DATABASE_URL. */
  stop(): Promise<void>;
}

/**
 * The PostgreSQL for one test run, for a vitest globalSetup: DATABASE_URL when it is set, else an embedded
 * PostgreSQL in a fresh temporary directory (about a second to initialise), deleted again by `stop()`.
 */
export async function startTestPostgres(databaseUrl = process.env.DATABASE_URL): Promise<TestPostgres> {
  if (databaseUrl) return { adminUrl: databaseUrl, embedded: false, stop: async () => {} };
  const directory = await mkdtemp(join(tmpdir(), 'posy-test-postgres-'));
  // mkdtemp makes it 0700; under root, PostgreSQL runs as `postgres` and must be able to enter it.
  await chmod(directory, 0o755);
  // Port 0: a free port, so that runs of several packages at once do not collide.
  const postgres = await startEmbeddedPostgres({
    dataDir: join(directory, 'data'),
    database: 'postgres',
    port: 0,
  });
  return {
    adminUrl: postgres.adminUrl,
    embedded: true,
    stop: async () => {
      await postgres.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Options of {@link createTemplateDatabase}. */
export interface TemplateDatabaseOptions {
  /** @default prisma/migrations */
  migrationsDir?: string;
}

/**
 * Returns the name of a database migrated with every migration, creating it if this set of migrations has
 * none yet: `posy_template_<hash of the migrations>`, so an edited or added migration gets a new one and
 * template databases of other branches stay valid. Safe when several processes call it at once.
 */
export async function createTemplateDatabase(
  adminUrl: string,
  options: TemplateDatabaseOptions = {},
): Promise<string> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const name = `posy_template_${await hashMigrations(migrationsDir)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // One process builds while the others wait; advisory locks are shared by everyone on adminUrl's database.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    if (await databaseExists(client, name)) return name;
    // Built under another name and renamed when complete, so a run killed halfway leaves no broken template.
    const building = `${name}_building`;
    await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${building}`);
    await applyMigrations(databaseUrlFor(adminUrl, building), { migrationsDir });
    await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    return name;
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}

/** A database of its own for a test file or a test. */
export interface ClonedDatabase {
  /** Its name, `posy_test_<random>`. */
  name: string;
  databaseUrl: string;
  /** Drops it, closing connections still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates a database copied from `templateName` (see {@link createTemplateDatabase}); far faster than
 * migrating. Nothing may stay connected to the template, or PostgreSQL refuses to copy it.
 */
export async function cloneDatabase(adminUrl: string, templateName: string): Promise<ClonedDatabase> {
  const name = `posy_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${name} TEMPLATE ${client.escapeIdentifier(templateName)}`),
  );
  return {
    name,
    databaseUrl: databaseUrlFor(adminUrl, name),
    drop: () =>
      withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/**
 * A migrated template with the demo shop seeded into a copy of it: the database every server and e2e test
 * file clones. Drop it (`.drop()`) when the run ends.
 */
export async function createSeededTemplate(adminUrl: string): Promise<ClonedDatabase> {
  const migrated = await createTemplateDatabase(adminUrl);
  const seeded = await cloneDatabase(adminUrl, migrated);
  const prisma = createPrismaClient(seeded.databaseUrl);
  try {
    await seed(prisma);
  } finally {
    await prisma.$disconnect();
  }
  return seeded;
}

/** `adminUrl` pointing at the database `name` instead (same server, user and parameters). */
export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** 16 hex digits of the sha256 of every migration's folder name and SQL, in the order they apply. */
async function hashMigrations(migrationsDir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const folder of folders.sort((a, b) => a.localeCompare(b))) {
    hash.update(`${folder}\0`);
    hash.update(await readFile(join(migrationsDir, folder, MIGRATION_FILE)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return Boolean(rowCount);
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
