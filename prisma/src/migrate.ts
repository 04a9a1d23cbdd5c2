// Applies and writes migrations with Prisma's wasm schema engine, since the `prisma` CLI cannot run here
// without its native engine (see src/schema-engine.ts).
import { listMigrations } from './migrations-folder.js';
import { migrationsDir as defaultMigrationsDir } from './paths.js';
import { withSchemaEngine } from './schema-engine.js';

/** No table or enum is managed outside Prisma. */
const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Options of {@link applyMigrations}. */
export interface ApplyMigrationsOptions {
  /**
   * Folder holding `<name>/migration.sql` folders and `migration_lock.toml`.
   * @default prisma/migrations
   */
  migrationsDir?: string;
}

/**
 * Applies the migrations not yet applied to `databaseUrl`, in name order, exactly as `prisma migrate deploy`
 * does: each one is recorded in `_prisma_migrations` with the sha256 checksum of its SQL, so running it again
 * applies nothing. Fails when an applied migration has failed before. Returns the names it applied.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const migrationsList = await listMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const { appliedMigrationNames } = await withSchemaEngine({ databaseUrl }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  );
  return appliedMigrationNames;
}

/**
 * The SQL that turns a database built from the schema text `from` (or an empty database when `from` is
 * `null`) into one matching the schema text `to`, as `prisma migrate diff --script` writes it. An empty
 * string when the two describe the same database. No database is involved.
 */
export async function diffSchemas(from: string | null, to: string): Promise<string> {
  const schema = (content: string) => ({
    tag: 'schemaDatamodel' as const,
    files: [{ path: 'schema.prisma', content }],
  });
  const result = await withSchemaEngine({}, (engine) =>
    engine.diff({
      from: from === null ? { tag: 'empty' } : schema(from),
      to: schema(to),
      script: true,
      // With exitCode the engine answers 2 for a non-empty diff; an empty one still prints a comment.
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}
