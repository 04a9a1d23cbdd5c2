// Where the database package's files live, so scripts and tests work from any current directory.
import { fileURLToPath } from 'node:url';

/** The `prisma/` package directory. */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The Prisma schema: the data model every migration is diffed against. */
export const schemaPath = fileURLToPath(new URL('../schema.prisma', import.meta.url));

/** `prisma/migrations`: one folder per migration, applied in name order. */
export const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

/** Where the embedded PostgreSQL keeps its cluster when no DATABASE_URL is given (git-ignored via `.data/`). */
export const defaultDataDir = fileURLToPath(new URL('../../.data/postgres', import.meta.url));
