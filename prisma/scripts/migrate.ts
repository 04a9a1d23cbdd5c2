// `pnpm db:migrate`: applies the migrations not yet applied to DATABASE_URL, or to the embedded PostgreSQL
// in .data/postgres when DATABASE_URL is unset.
import { describeDatabase, resolveDatabase } from '../src/database.js';
import { applyMigrations } from '../src/migrate.js';

const database = await resolveDatabase({ databaseUrl: process.env.DATABASE_URL });
try {
  const applied = await applyMigrations(database.databaseUrl);
  const target = describeDatabase(database.databaseUrl);
  if (applied.length === 0) console.log(`${target} is up to date`);
  for (const name of applied) console.log(`applied ${name} to ${target}`);
} catch (error) {
  console.error(error);
  await database.stop();
  process.exit(1);
}
await database.stop();
