import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations } from '../src/migrate.js';
import { LOCK_FILE, LOCK_FILE_CONTENT } from '../src/migrations-folder.js';
import { migrationsDir } from '../src/paths.js';
import { type ClonedDatabase, cloneDatabase } from '../src/test-database.js';

const migrationNames = (await readdir(migrationsDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('applyMigrations', () => {
  let database: ClonedDatabase;
  let firstRun: string[];
  let secondRun: string[];

  beforeAll(async () => {
    // template0 is PostgreSQL's pristine empty database.
    database = await cloneDatabase(inject('adminUrl'), 'template0');
    firstRun = await applyMigrations(database.databaseUrl);
    secondRun = await applyMigrations(database.databaseUrl);
  });
  afterAll(() => database?.drop());

  it('applies every migration to an empty database, in name order', () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(firstRun).toEqual(migrationNames);
  });

  it('applies nothing the second time', () => {
    expect(secondRun).toEqual([]);
  });

  it('records them in _prisma_migrations as `prisma migrate deploy` does', async () => {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    try {
      const columns = await client.query(`
        SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
        FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`);
      // The table Prisma's schema engine creates (schema-engine's postgres connector, in prisma-engines).
      expect(columns.rows).toEqual([
        column('id', 'character varying', 36, 'NO'),
        column('checksum', 'character varying', 64, 'NO'),
        column('finished_at', 'timestamp with time zone', null, 'YES'),
        column('migration_name', 'character varying', 255, 'NO'),
        column('logs', 'text', null, 'YES'),
        column('rolled_back_at', 'timestamp with time zone', null, 'YES'),
        column('started_at', 'timestamp with time zone', null, 'NO', 'now()'),
        column('applied_steps_count', 'integer', null, 'NO', '0'),
      ]);

      const applied = await client.query(`
        SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at, logs,
               applied_steps_count
        FROM _prisma_migrations ORDER BY started_at`);
      const expected = await Promise.all(
        migrationNames.map(async (name) => ({
          migration_name: name,
          checksum: sha256(await readFile(join(migrationsDir, name, 'migration.sql'))),
          finished: true,
          rolled_back_at: null,
          logs: null,
          applied_steps_count: 1,
        })),
      );
      expect(applied.rows).toEqual(expected);
    } finally {
      await client.end();
    }
  });
});

describe('the migrations folder', () => {
  it('has the lock file Prisma writes', async () => {
    expect(await readFile(join(migrationsDir, LOCK_FILE), 'utf8')).toBe(LOCK_FILE_CONTENT);
  });

  it.each(migrationNames)('%s is named <YYYYMMDDHHMMSS>_<name> and keeps its schema.prisma', async (name) => {
    expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect((await readdir(join(migrationsDir, name))).sort()).toEqual(['migration.sql', 'schema.prisma']);
  });
});

function column(
  name: string,
  type: string,
  length: number | null,
  nullable: string,
  defaultValue = null as string | null,
) {
  return {
    column_name: name,
    data_type: type,
    character_maximum_length: length,
    is_nullable: nullable,
    column_default: defaultValue,
  };
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
