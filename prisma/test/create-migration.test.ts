import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigration, SchemaUnchangedError, toMigrationSlug } from '../src/create-migration.js';
import { LOCK_FILE_CONTENT } from '../src/migrations-folder.js';

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Shop {
  id   Int    @id
  name String
}
`;

describe('createMigration', () => {
  let directory: string;
  let schemaPath: string;
  let migrationsDir: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'posy-create-migration-'));
    schemaPath = join(directory, 'schema.prisma');
    migrationsDir = join(directory, 'migrations');
    await writeFile(schemaPath, SCHEMA);
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('writes the first migration from an empty database, with the schema copy and the lock file', async () => {
    const created = await createMigration({
      name: 'Init',
      schemaPath,
      migrationsDir,
      now: new Date('2025-03-04T05:06:07.890Z'),
    });
    expect(created.name).toBe('20250304050607_init');
    expect(created.sql).toContain('CREATE TABLE "Shop"');
    expect((await readdir(migrationsDir)).sort()).toEqual(['20250304050607_init', 'migration_lock.toml']);
    expect(await readFile(join(created.directory, 'migration.sql'), 'utf8')).toBe(created.sql);
    expect(await readFile(join(created.directory, 'schema.prisma'), 'utf8')).toBe(SCHEMA);
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(LOCK_FILE_CONTENT);
  });

  it('writes only the change since the last migration, and refuses when there is none', async () => {
    await createMigration({ name: 'init', schemaPath, migrationsDir, now: new Date('2025-01-01T00:00:00Z') });
    await expect(createMigration({ name: 'nothing', schemaPath, migrationsDir })).rejects.toThrow(
      SchemaUnchangedError,
    );

    await writeFile(schemaPath, SCHEMA.replace('name String', 'name String\n  slug String?'));
    const created = await createMigration({ name: 'add slug', schemaPath, migrationsDir });
    expect(created.name).toMatch(/^\d{14}_add_slug$/);
    expect(created.sql).toContain('ALTER TABLE "Shop" ADD COLUMN     "slug" TEXT;');
    expect(created.sql).not.toContain('CREATE TABLE');
  });

  it('refuses a name that would sort before the last migration', async () => {
    await createMigration({ name: 'init', schemaPath, migrationsDir, now: new Date('2025-01-02T00:00:00Z') });
    await writeFile(schemaPath, SCHEMA.replace('name String', 'name String?'));
    await expect(
      createMigration({ name: 'late', schemaPath, migrationsDir, now: new Date('2025-01-01T00:00:00Z') }),
    ).rejects.toThrow(/would not sort after/);
  });
});

describe('toMigrationSlug', () => {
  it('keeps lower-case letters, digits and single underscores', () => {
    expect(toMigrationSlug('Add gift-cards!')).toBe('add_gift_cards');
    expect(() => toMigrationSlug('--')).toThrow(/not a usable migration name/);
  });
});
