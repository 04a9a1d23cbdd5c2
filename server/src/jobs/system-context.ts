import { type AppDeps, type Context, contextOf } from '../context.js';

/** What a job needs to act as the shop: the app's long-lived pieces, with the job's own database client. */
export type SystemContextDeps = AppDeps;

/**
 * The context of background work done by the shop itself (a graphile-worker task), in one shop: the viewer
 * is `system` (no person, no key), so services apply the shop-wide rules of access.ts's SYSTEM cases and the
 * audit entries and order events it writes have no actor, which the apps show as "the shop". Run a change
 * through `runInTransaction(ctx, …)` as a mutation would, so it commits with its audit entry.
 * @param job the task's name, kept on the viewer for logs and audit entries
 * @param requestId ties the job's audit entries and logs together, e.g. `job:<graphile job id>`
 */
export function systemContext(
  deps: SystemContextDeps,
  shopId: string,
  job: string,
  requestId: string,
): Context {
  return contextOf(deps, deps.log.child({ job, requestId, shopId }), {
    requestId,
    ip: null,
    viewer: { kind: 'system', job },
    shopId,
    shopRole: 'SYSTEM',
    customerId: null,
    http: null,
  });
}
