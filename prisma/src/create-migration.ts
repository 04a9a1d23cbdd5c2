// Writes the next migration folder: the SQL from the schema of the last migration to today's schema.prisma,
// plus a copy of that schema for the migration after it (see MIGRATION_SCHEMA_FILE).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffSchemas } from './migrate.js';
import {
  ensureLockFile,
  MIGRATION_FILE,
  MIGRATION_SCHEMA_FILE,
  readLastMigration,
} from './migrations-folder.js';
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from './paths.js';

/** Options of {@link createMigration}. */
export interface CreateMigrationOptions {
  /** What the migration does, e.g. `add_gift_cards`; lower-cased and reduced to `[a-z0-9_]`. */
  name: string;
  /** @default prisma/schema.prisma */
  schemaPath?: string;
  /** @default prisma/migrations */
  migrationsDir?: string;
  /**
   * The clock the folder's timestamp is read from (UTC, like Prisma's).
   * @default the current time
   */
  now?: Date;
}

/** The migration {@link createMigration} wrote. */
export interface CreatedMigration {
  /** Folder name, `<YYYYMMDDHHMMSS>_<name>`. */
  name: string;
  /** Absolute path of the folder. */
  directory: string;
  /** The SQL written to its migration.sql. */
  sql: string;
}

/** Thrown instead of writing a migration that would do nothing. */
export class SchemaUnchangedError extends Error {
  override name = 'SchemaUnchangedError';
  constructor() {
    super('schema.prisma matches the last migration');
  }
}

/**
 * Writes `<migrationsDir>/<timestamp>_<name>/` with `migration.sql` (the diff from the last migration's
 * schema, or from an empty database for the first) and a copy of schema.prisma, and `migration_lock.toml`
 * if missing. Throws {@link SchemaUnchangedError} when there is nothing to migrate.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const slug = toMigrationSlug(options.name);
  const schema = await readFile(options.schemaPath ?? defaultSchemaPath, 'utf8');
  const last = await readLastMigration(migrationsDir);

  const sql = await diffSchemas(last?.schema ?? null, schema);
  if (sql === '') throw new SchemaUnchangedError();

  const name = `${formatTimestamp(options.now ?? new Date())}_${slug}`;
  // Folders are applied in name order; a clock set back (or two migrations in one second) would misorder them.
  if (last && name.localeCompare(last.name) <= 0) {
    throw new Error(`${name} would not sort after the last migration ${last.name}; try again in a second`);
  }
  const directory = join(migrationsDir, name);
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, MIGRATION_FILE), sql);
  await writeFile(join(directory, MIGRATION_SCHEMA_FILE), schema);
  await ensureLockFile(migrationsDir);
  return { name, directory, sql };
}

/** `Add gift-cards!` → `add_gift_cards`. Throws when nothing is left. */
export function toMigrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw new Error(`"${name}" is not a usable migration name: use letters, digits and _`);
  return slug;
}

/** `YYYYMMDDHHMMSS` in UTC, the prefix Prisma's CLI gives migration folders. */
export function formatTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/\D/g, '');
}
