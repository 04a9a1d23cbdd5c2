// `pnpm db:migrate` (and the production `migrate` job): applies Prisma's migrations and creates or upgrades
// graphile-worker's schema, so servers started with MIGRATE_ON_START=false and JOBS_ENABLED=false find both.
import { describeDatabase, resolveDatabase } from '@posy/prisma/database';
import { applyMigrations } from '@posy/prisma/migrate';
import { migrateJobQueue } from '../src/jobs/job-queue.js';

const database = await resolveDatabase({ databaseUrl: process.env.DATABASE_URL });
try {
  const target = describeDatabase(database.databaseUrl);
  const applied = await applyMigrations(database.databaseUrl);
  if (applied.length === 0) console.log(`${target}: schema is up to date`);
  for (const name of applied) console.log(`${target}: applied ${name}`);
  await migrateJobQueue(database.databaseUrl);
  console.log(`${target}: job queue schema is up to date`);
} catch (error) {
  console.error(error);
  await database.stop();
  process.exit(1);
}
await database.stop();
