import type { Role } from '@posy/prisma';
import { type Context, requireShop, requireUser } from '../../context.js';
import { conflict, notFound } from '../../errors.js';

/** The active membership `membershipId` of the active shop, or NOT_FOUND. */
async function findMember(ctx: Context, membershipId: string) {
  const member = await ctx.prisma.membership.findFirst({
    where: { id: membershipId, shopId: requireShop(ctx), revokedAt: null },
  });
  if (!member) throw notFound('A staff member with this id');
  return member;
}

/** A shop always keeps at least one admin, or nobody could manage it any more. */
async function assertAnotherAdmin(ctx: Context, shopId: string, leavingUserId: string) {
  const others = await ctx.prisma.membership.count({
    where: { shopId, role: 'ADMIN', revokedAt: null, userId: { not: leavingUserId } },
  });
  if (others === 0)
    throw conflict('The shop would have no admin left; make someone else admin first', {
      reason: 'LAST_ADMIN',
    });
}

export async function changeStaffRole(ctx: Context, membershipId: string, role: Role) {
  const member = await findMember(ctx, membershipId);
  if (member.role === role) return member;
  if (member.role === 'ADMIN') await assertAnotherAdmin(ctx, member.shopId, member.userId);
  const updated = await ctx.prisma.membership.update({ where: { id: member.id }, data: { role } });
  ctx.audit.target = { type: 'Membership', id: member.id };
  ctx.audit.changes = { role: { from: member.role, to: role } };
  ctx.afterCommit(() =>
    ctx.pubsub.publish('access:changed', `user:${member.userId}`, { reason: 'role changed' }),
  );
  return updated;
}

/** Ends a membership (kept, with revokedAt, for history); the person's rights end with their next request. */
export async function removeStaffMember(ctx: Context, membershipId: string) {
  requireUser(ctx);
  const member = await findMember(ctx, membershipId);
  if (member.role === 'ADMIN') await assertAnotherAdmin(ctx, member.shopId, member.userId);
  const removed = await ctx.prisma.membership.update({
    where: { id: member.id },
    data: { revokedAt: new Date() },
  });
  ctx.audit.target = { type: 'Membership', id: member.id };
  ctx.audit.changes = { role: member.role, removed: true };
  ctx.afterCommit(() =>
    ctx.pubsub.publish('access:changed', `user:${member.userId}`, { reason: 'removed from staff' }),
  );
  return removed;
}
