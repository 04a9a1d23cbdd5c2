import { type Context, requireShop } from '../../context.js';
import { readKey, readShared } from './shared-reads.js';

// Live back-office lists: stock, catalog, customers, subscriptions. A service that changes a row of one
// publishes its id once the change commits; each list's subscription (in its feature's schema) hears the
// ids of its area, checks each against the subscriber's own visibility rule, and answers the row re-read
// through that rule, so a subscriber learns nothing of rows it may not read, not even that they changed.

/** Which list a change concerns. */
export type ShopArea = 'stockItem' | 'product' | 'customer' | 'subscription';

/**
 * Tells the live lists that these rows of `area` changed, once the change is committed; `gone` when they were
 * deleted, which no visibility rule can check any more.
 */
export function publishShopChange(
  ctx: Context,
  shopId: string,
  area: ShopArea,
  ids: Iterable<string>,
  options: { gone?: true } = {},
) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  ctx.afterCommit(() => {
    for (const id of unique) ctx.pubsub.publish('shop:changed', shopId, { area, id, ...options });
  });
}

/**
 * The ids of the active shop's changed rows of `area` that the subscriber may read: all of them when `rule`
 * is null (the subscription's scopes already admit the whole area of the shop), else those `visible` finds
 * under `rule`, the subscriber's row rule (a Prisma where), asked once per event by subscribers with the
 * same rule (shared-reads.ts). A row gone is told to everyone, as a null payload: it says "read your list
 * again" and nothing of the row.
 */
export async function* shopChangesAmong<Where extends object>(
  ctx: Context,
  area: ShopArea,
  rule: { where: Where; visible: (id: string, where: Where) => Promise<unknown> } | null,
): AsyncGenerator<ShopChange> {
  for await (const event of ctx.pubsub.subscribe('shop:changed', requireShop(ctx))) {
    if (event.area !== area) continue;
    if (event.gone) {
      yield { id: event.id, gone: true };
      continue;
    }
    if (rule) {
      const seen = await readShared(ctx, readKey('visible', area, event.id, rule.where), () =>
        rule.visible(event.id, rule.where),
      );
      if (!seen) continue;
    }
    yield { id: event.id };
  }
}

/** One changed row, by id; `gone` when it was deleted. */
export interface ShopChange {
  id: string;
  gone?: true;
}

/**
 * The changed row as the subscriber may read it now, with the fields asked for: null when it is gone or left
 * their view meanwhile. Subscribers asking the very same read share it.
 */
export const rereadShared = <T>(
  ctx: Context,
  area: ShopArea,
  change: ShopChange,
  key: unknown[],
  read: () => Promise<T | null>,
) => (change.gone ? Promise.resolve(null) : readShared(ctx, readKey('row', area, change.id, ...key), read));
