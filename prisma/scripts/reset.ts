// `pnpm db:reset [--force]`: empties the database (drops and recreates its public schema), migrates and
// seeds it. Works on DATABASE_URL, or on the embedded PostgreSQL when DATABASE_URL is unset; a database on
// another host than this machine needs --force.
import pg from 'pg';
import { describeDatabase, resolveDatabase } from '../src/database.js';
import { applyMigrations } from '../src/migrate.js';
import { runSeed } from '../src/run-seed.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const database = await resolveDatabase({ databaseUrl: process.env.DATABASE_URL });
const target = describeDatabase(database.databaseUrl);
try {
  if (!LOCAL_HOSTS.has(new URL(database.databaseUrl).hostname) && !process.argv.includes('--force')) {
    throw new Error(`${target} is not on this machine; run with --force to erase it anyway`);
  }
  await dropPublicSchema(database.databaseUrl);
  console.log(`emptied ${target}`);
  for (const name of await applyMigrations(database.databaseUrl)) console.log(`applied ${name}`);
  const seeded = await runSeed(database.databaseUrl);
  console.log(seeded ? 'seeded' : 'no src/seed.ts yet: skipped seeding');
} catch (error) {
  console.error(error);
  await database.stop();
  process.exit(1);
}
await database.stop();

/** Every table, type and the `_prisma_migrations` history live in `public`; dropping it empties the database. */
async function dropPublicSchema(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}
