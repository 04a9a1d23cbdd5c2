import type { Context } from '../../context.js';

/** Tells the production board (`productionTaskChanged`) that a task changed, once the change is committed. */
export function publishTaskChange(ctx: Context, shopId: string, taskId: string) {
  ctx.afterCommit(() => ctx.pubsub.publish('production:changed', shopId, { taskId }));
}
