// Fails when schema.prisma and the migrations disagree: someone edited the schema without running
// `pnpm db:migration <name>`, or edited a migration's SQL by hand (beyond the CHECK constraints that
// prisma/checks.sql lists, which Prisma cannot express).
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, diffSchemas } from '../src/migrate.js';
import { readLastMigration } from '../src/migrations-folder.js';
import { migrationsDir, schemaPath } from '../src/paths.js';
import { type ClonedDatabase, cloneDatabase } from '../src/test-database.js';
import { snapshotCatalog } from './catalog.js';

const schema = await readFile(schemaPath, 'utf8');
const checks = await readFile(new URL('../checks.sql', import.meta.url), 'utf8');

describe('migrations and schema.prisma', () => {
  let fromMigrations: ClonedDatabase;
  let fromSchema: ClonedDatabase;

  beforeAll(async () => {
    const adminUrl = inject('adminUrl');
    [fromMigrations, fromSchema] = await Promise.all([
      cloneDatabase(adminUrl, 'template0'),
      cloneDatabase(adminUrl, 'template0'),
    ]);
    await applyMigrations(fromMigrations.databaseUrl);
    const client = new pg.Client({ connectionString: fromSchema.databaseUrl });
    await client.connect();
    try {
      await client.query(await diffSchemas(null, schema));
      await client.query(checks);
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await fromMigrations?.drop();
    await fromSchema?.drop();
  });

  it('build the same database', async () => {
    const [migrated, created] = await Promise.all([
      snapshotCatalog(fromMigrations.databaseUrl),
      snapshotCatalog(fromSchema.databaseUrl),
    ]);
    expect(migrated.tables.length).toBeGreaterThan(0);
    expect(migrated).toEqual(created);
  });

  it('schema.prisma matches the schema the last migration was written from', async () => {
    const last = await readLastMigration(migrationsDir);
    expect(last, 'no migrations: run `pnpm db:migration init`').not.toBeNull();
    const pending = await diffSchemas(last?.schema ?? null, schema);
    expect(pending, 'schema.prisma changed since the last migration: run `pnpm db:migration <name>`').toBe(
      '',
    );
  });
});
