// `pnpm db:seed`: adds the seed data of src/seed.ts to DATABASE_URL, or to the embedded PostgreSQL when
// DATABASE_URL is unset. The database must be migrated first.
import { describeDatabase, resolveDatabase } from '../src/database.js';
import { runSeed } from '../src/run-seed.js';

const database = await resolveDatabase({ databaseUrl: process.env.DATABASE_URL });
try {
  const seeded = await runSeed(database.databaseUrl);
  console.log(
    seeded ? `seeded ${describeDatabase(database.databaseUrl)}` : 'no src/seed.ts yet: nothing to seed',
  );
} catch (error) {
  console.error(error);
  await database.stop();
  process.exit(1);
}
await database.stop();
