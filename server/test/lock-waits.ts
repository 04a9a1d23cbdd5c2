import type { TestApp } from './harness.js';

/**
 * Waits (up to `timeoutMs`) until `count` backends of the app's database wait on a lock: the concurrent
 * requests of a race test have reached the lock a held transaction keeps, so releasing it starts the race.
 */
export async function untilWaitingOnLocks(app: TestApp, count: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await waitingOnLocks(app)) < count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

async function waitingOnLocks(app: TestApp) {
  const [row] = await app.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row?.n ?? 0;
}
