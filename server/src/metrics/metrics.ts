import type { Plugin } from 'graphql-yoga';
import type { Pool } from 'pg';
import { Counter, Gauge, Registry } from 'prom-client';
import type { AppPrisma } from '../context.js';
import { useDurations } from './durations.js';

/**
 * The app's Prometheus metrics (GET /metrics, http/metrics-endpoint.ts). Operation and HTTP durations come
 * from durations.ts; errors are counted by the code clients see; queue depth, notifications
 * and the pool are read at scrape time, so requests pay nothing for them.
 */
export function createMetrics(deps: { prisma: AppPrisma; pool: Pool }) {
  const registry = new Registry();
  const errors = new Counter({
    name: 'posy_graphql_errors_total',
    help: 'GraphQL errors answered, by extensions.code (INTERNAL_SERVER_ERROR for masked ones)',
    labelNames: ['code'],
    registers: [registry],
  });
  const openSubscriptions = new Gauge({
    name: 'posy_graphql_open_subscriptions',
    help: 'GraphQL subscriptions open in this process',
    registers: [registry],
  });
  new Gauge({
    name: 'posy_job_queue_jobs',
    help: 'graphile-worker jobs by state: ready (due, unlocked), locked (running), scheduled (due later)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await deps.prisma.$queryRaw<{ ready: bigint; locked: bigint; scheduled: bigint }[]>`
        SELECT count(*) FILTER (WHERE locked_at IS NULL AND run_at <= now()) AS ready,
               count(*) FILTER (WHERE locked_at IS NOT NULL) AS locked,
               count(*) FILTER (WHERE locked_at IS NULL AND run_at > now()) AS scheduled
        FROM graphile_worker._private_jobs`.catch(() => []);
      for (const state of ['ready', 'locked', 'scheduled'] as const)
        this.set({ state }, Number(rows[0]?.[state] ?? 0));
    },
  });
  new Gauge({
    name: 'posy_notifications',
    help: 'Notifications in the outbox by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const groups = await deps.prisma.notification.groupBy({ by: ['status'], _count: { _all: true } });
      this.reset();
      for (const group of groups) this.set({ status: group.status }, group._count._all);
    },
  });
  new Gauge({
    name: 'posy_db_pool_connections',
    help: "The app's PostgreSQL pool: total, idle, and requests waiting for a connection",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, deps.pool.totalCount);
      this.set({ state: 'idle' }, deps.pool.idleCount);
      this.set({ state: 'waiting' }, deps.pool.waitingCount);
    },
  });

  const countErrors: Plugin = {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        if (!one || !('errors' in one) || !one.errors) continue;
        for (const error of one.errors) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          errors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
        }
      }
    },
    onSubscribe() {
      return {
        onSubscribeResult({ result }) {
          if (!result || !(Symbol.asyncIterator in result)) return;
          openSubscriptions.inc();
          return { onEnd: () => openSubscriptions.dec() };
        },
      };
    },
  };

  const plugins: Plugin[] = [useDurations(registry), countErrors];
  return { registry, plugins };
}

export type Metrics = ReturnType<typeof createMetrics>;
