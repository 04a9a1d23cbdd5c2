// What a database's public schema consists of, read from PostgreSQL's catalogs, in an order that does not
// depend on the order things were created in (a migration adds columns at the end; a fresh schema does not).
import pg from 'pg';

/** Rows describing the tables, columns, indexes, constraints, enums and sequences of the public schema. */
export interface CatalogSnapshot {
  tables: unknown[];
  columns: unknown[];
  indexes: unknown[];
  constraints: unknown[];
  enums: unknown[];
  sequences: unknown[];
}

/** The public schema of `databaseUrl`, leaving out Prisma's `_prisma_migrations` history table. */
export async function snapshotCatalog(databaseUrl: string): Promise<CatalogSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows = async (sql: string) => (await client.query(sql)).rows;
  try {
    return {
      tables: await rows(`
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
        ORDER BY table_name`),
      columns: await rows(`
        SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,
               datetime_precision, is_nullable, column_default
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      indexes: await rows(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        ORDER BY tablename, indexname`),
      constraints: await rows(`
        SELECT c.relname AS table_name, con.conname, con.contype, pg_get_constraintdef(con.oid) AS definition
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'
        ORDER BY c.relname, con.conname`),
      enums: await rows(`
        SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
        FROM pg_type t
        JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public'
        GROUP BY t.typname
        ORDER BY t.typname`),
      sequences: await rows(`
        SELECT sequence_name, data_type, start_value, increment FROM information_schema.sequences
        WHERE sequence_schema = 'public'
        ORDER BY sequence_name`),
    };
  } finally {
    await client.end();
  }
}
