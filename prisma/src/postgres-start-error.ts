// The one error a failed start of the embedded PostgreSQL surfaces as, for main.ts to print as one line.

/** Thrown when the embedded PostgreSQL cannot start; the message names the cause and the fix, in one line. */
export class PostgresStartError extends Error {
  override name = 'PostgresStartError';
}

/** A fix that always works, offered in every {@link PostgresStartError}. */
export const USE_DATABASE_URL = 'or set DATABASE_URL to a PostgreSQL you run yourself';
