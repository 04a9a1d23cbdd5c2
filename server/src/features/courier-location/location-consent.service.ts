// A courier's consent to share their position while delivering for a shop (issue 10): given and withdrawn
// by the courier only, one row per courier and shop holding its current state; the audit log keeps each
// change with its time.
import { type Context, requireShop, requireUser } from '../../context.js';

const CONSENT_SELECT = { id: true } as const;

/** The viewer's consent in the active shop, if they ever gave one. */
export function findOwnConsent(ctx: Context) {
  const { userId } = requireUser(ctx);
  return ctx.prisma.locationConsent.findUnique({
    where: { shopId_userId: { shopId: requireShop(ctx), userId } },
    select: CONSENT_SELECT,
  });
}

/** The viewer agrees, from now, to share their position while a delivery of theirs is on the way. */
export async function giveLocationConsent(ctx: Context): Promise<{ id: string }> {
  const { userId } = requireUser(ctx);
  const shopId = requireShop(ctx);
  const givenAt = new Date();
  const consent = await ctx.prisma.locationConsent.upsert({
    where: { shopId_userId: { shopId, userId } },
    create: { shopId, userId, givenAt },
    update: { givenAt, withdrawnAt: null },
    select: CONSENT_SELECT,
  });
  ctx.audit.target = { type: 'LocationConsent', id: consent.id };
  ctx.audit.changes = { givenAt };
  return consent;
}

/**
 * The viewer withdraws their consent: at once no report is taken, and the positions they shared in this
 * shop are deleted, so that no customer (nor the shop) sees where they were any more; subscribers hear
 * it (positionId null). Their orders, deliveries and the audit trail stay. Without a consent ever given,
 * nothing changes (null); withdrawing again changes nothing either.
 */
export async function withdrawLocationConsent(ctx: Context): Promise<{ id: string } | null> {
  const { userId } = requireUser(ctx);
  const shopId = requireShop(ctx);
  const consent = await ctx.prisma.locationConsent.findUnique({
    where: { shopId_userId: { shopId, userId } },
    select: { id: true, withdrawnAt: true },
  });
  if (!consent) {
    ctx.audit.unchanged = true;
    return null;
  }
  // Withdrawn already: nothing was shared since (reports were refused), and the first time stands.
  if (consent.withdrawnAt) {
    ctx.audit.unchanged = true;
    return { id: consent.id };
  }
  const withdrawnAt = new Date();
  // The row lock a report takes (courier-position.service.ts) orders this against a report running now.
  await ctx.prisma.locationConsent.update({ where: { id: consent.id }, data: { withdrawnAt } });
  const shared = await ctx.prisma.courierPosition.findMany({
    where: { shopId, courierId: userId },
    distinct: ['orderId'],
    select: { orderId: true },
  });
  const { count } = await ctx.prisma.courierPosition.deleteMany({ where: { shopId, courierId: userId } });
  for (const { orderId } of shared)
    ctx.afterCommit(() => ctx.pubsub.publish('courier:position', orderId, { orderId, positionId: null }));
  ctx.audit.target = { type: 'LocationConsent', id: consent.id };
  ctx.audit.changes = { withdrawnAt, positionsDeleted: count };
  return { id: consent.id };
}
