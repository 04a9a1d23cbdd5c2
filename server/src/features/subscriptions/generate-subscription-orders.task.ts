// The graphile-worker task behind the subscription cron (registered in src/jobs/runner.ts): every
// SUBSCRIPTION_ORDERS_EVERY_MINUTES it makes the orders of deliveries due within the lead horizon, expires
// subscriptions past their validUntil (ending notices are a scan of their own: subscription-ending.scan.ts). Each subscription is handled in its own
// transaction as the shop's system viewer, so one that fails (logged) holds up none of the others and is
// tried again on the next run; running it twice at once is safe (see subscription-orders.service.ts).
import type { Task } from 'graphile-worker';
import { type SystemContextDeps, systemContext } from '../../jobs/system-context.js';
import { runInTransaction } from '../../transaction.js';
import {
  type DeliveryOutcome,
  expireSubscription,
  generateSubscriptionDelivery,
} from './subscription-orders.service.js';

export const GENERATE_SUBSCRIPTION_ORDERS_TASK = 'generate-subscription-orders';

/** More deliveries of one subscription than this in one run means a misconfiguration, not a backlog. */
const MAX_DELIVERIES_PER_RUN = 10;
const HOUR = 3_600_000;

export interface SubscriptionRunReport {
  deliveries: DeliveryOutcome[];
  expired: string[];
}

/**
 * One run of the subscription jobs at `now`, with the lead horizon of `deps.config`.
 * @param requestId ties the run's audit entries together, e.g. `job:<graphile job id>`
 */
export async function runSubscriptionJobs(
  deps: SystemContextDeps,
  { now = new Date(), requestId }: { now?: Date; requestId: string },
): Promise<SubscriptionRunReport> {
  const { leadHours } = deps.config.subscriptions;
  const horizon = new Date(now.getTime() + leadHours * HOUR);
  const report: SubscriptionRunReport = { deliveries: [], expired: [] };
  const inShop = <T>(shopId: string, run: Parameters<typeof runInTransaction<T>>[1]) =>
    runInTransaction(systemContext(deps, shopId, GENERATE_SUBSCRIPTION_ORDERS_TASK, requestId), run);
  const attempt = async <T>(what: string, subscriptionId: string, run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      deps.log.error({ err: error, subscriptionId, requestId }, `subscription ${what} failed`);
      return null;
    }
  };

  const due = await deps.prisma.subscription.findMany({
    where: {
      status: 'ACTIVE',
      nextDeliveryAt: { lte: horizon },
      validUntil: { gte: deps.prisma.subscription.fields.nextDeliveryAt },
    },
    select: { id: true, shopId: true },
    orderBy: { nextDeliveryAt: 'asc' },
  });
  for (const { id, shopId } of due) {
    for (let n = 0; n < MAX_DELIVERIES_PER_RUN; n += 1) {
      const outcome = await attempt('order', id, () =>
        inShop(shopId, (ctx) => generateSubscriptionDelivery(ctx, id, { now, horizon })),
      );
      if (!outcome) break;
      report.deliveries.push(outcome);
    }
  }

  const ended = await deps.prisma.subscription.findMany({
    where: { status: { in: ['ACTIVE', 'PAUSED'] }, validUntil: { lt: now } },
    select: { id: true, shopId: true },
  });
  for (const { id, shopId } of ended) {
    if (await attempt('expiry', id, () => inShop(shopId, (ctx) => expireSubscription(ctx, id, now))))
      report.expired.push(id);
  }

  return report;
}

/** The task graphile-worker runs on each cron tick. */
export function createGenerateSubscriptionOrdersTask(deps: SystemContextDeps): Task {
  return async (_payload, helpers) => {
    const report = await runSubscriptionJobs(deps, { requestId: `job:${helpers.job.id}` });
    const made = report.deliveries.filter((d) => d.orderId).length;
    if (made || report.expired.length)
      deps.log.info(
        {
          component: 'jobs',
          orders: made,
          skipped: report.deliveries.length - made,
          expired: report.expired.length,
        },
        'subscription jobs ran',
      );
  };
}
