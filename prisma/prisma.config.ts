// Lets the official Prisma CLI (where its native engine can be installed) see the same schema and
// migrations as our wasm-based runner in src/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations', seed: 'tsx scripts/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/posy' },
});
