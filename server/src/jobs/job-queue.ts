// Background jobs run on graphile-worker 0.16 (0.18 needs Node 22), a job queue inside our own PostgreSQL:
// - jobs are queued with `graphile_worker.add_job(…)` in the transaction of the change that causes them, so
//   the outbox row and its job commit or roll back together (no dual write to a separate broker);
// - `job_key` keeps one waiting job per key, `run_at` schedules, failures are retried with exponential backoff;
// - LISTEN/NOTIFY wakes a worker within milliseconds of a commit, without busy polling;
// - nothing to run beside PostgreSQL, embedded or DATABASE_URL alike.
// Its tables live in the `graphile_worker` schema, which Prisma neither reads nor migrates.
import { type DbJob, Logger as GraphileLogger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * Creates or upgrades the `graphile_worker` schema in the database (idempotent; concurrent callers wait on a
 * lock). Must run before anything queues a job; `run()` does it too, but API-only replicas never call that.
 * Every connection it opened is closed when it resolves, so the database can be used as a template next.
 */
export async function migrateJobQueue(databaseUrl: string, log?: Logger): Promise<void> {
  const pool = createJobQueuePool(databaseUrl, 1, log);
  try {
    await runMigrations({ pgPool: pool, logger: graphileLogger(log) });
  } finally {
    await pool.end();
  }
}

/**
 * A pool for graphile-worker. We own it and `await pool.end()` ourselves: the pool graphile-worker makes from
 * a connection string is ended without being awaited, so its connections could outlive `stop()`.
 */
export function createJobQueuePool(databaseUrl: string, max: number, log?: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // An idle connection that breaks (a restarted PostgreSQL) is dropped by pg; without a listener the
  // pool's 'error' event would crash the process.
  pool.on('error', (error) => log?.warn({ err: error }, 'job queue connection lost'));
  return pool;
}

/** graphile-worker's log lines through our pino logger; silent when there is none. */
export function graphileLogger(log: Logger | undefined): GraphileLogger {
  const jobsLog = log?.child({ component: 'jobs' });
  return new GraphileLogger((scope) => (level, message, meta) => {
    if (!jobsLog) return;
    // pino serialises errors under `err`; graphile-worker passes them as `error`, and whole job rows as `job`.
    const { error, job, ...rest } = (meta ?? {}) as { error?: unknown; job?: DbJob };
    const fields = {
      ...scope,
      ...rest,
      ...(error === undefined ? {} : { err: error }),
      ...(job ? { job: { id: job.id, attempts: job.attempts, maxAttempts: job.max_attempts } } : {}),
    };
    // Each job's "completed" line is chatter; a failed try that will be retried is a warning, not an error.
    if (level === 'error' && !(job && job.attempts < job.max_attempts)) jobsLog.error(fields, message);
    else if (level === 'error' || level === 'warning') jobsLog.warn(fields, message);
    else if (level === 'info' && !job) jobsLog.info(fields, message);
    else jobsLog.debug(fields, message);
  });
}
