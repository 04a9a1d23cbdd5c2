import type { Prisma, Role } from '@posy/prisma';
import { announceAccessChanged } from '../../auth/access-events.js';
import { type Context, requireShop, requireUser } from '../../context.js';
import { notFound } from '../../errors.js';
import { LastAdmin } from './staff.errors.js';

/** The relations a caller wants loaded with a membership (Pothos' `query`): a Prisma shape, not GraphQL. */
type MembershipQuery = { include?: Prisma.MembershipInclude; select?: Prisma.MembershipSelect };

/** The active shop's current staff, admins first, then by when they joined. */
export function listStaff(ctx: Context, query: MembershipQuery = {}) {
  return ctx.prisma.membership.findMany({
    ...query,
    where: { shopId: requireShop(ctx), revokedAt: null },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
  });
}

/** The active membership `membershipId` of the active shop, or NOT_FOUND. */
async function findMember(ctx: Context, membershipId: string) {
  const member = await ctx.prisma.membership.findFirst({
    where: { id: membershipId, shopId: requireShop(ctx), revokedAt: null },
  });
  if (!member) throw notFound('A staff member with this id');
  return member;
}

/**
 * A shop always keeps at least one admin, or nobody could manage it any more. The shop's admin memberships
 * are locked first (in id order, so two callers queue instead of deadlocking): two admins demoting each
 * other at once would otherwise each count the other and both commit. The count after the lock is a new
 * statement, so under READ COMMITTED it sees what the one before committed.
 */
async function assertAnotherAdmin(ctx: Context, leaving: { id: string; shopId: string; userId: string }) {
  await ctx.prisma.$queryRaw`
    SELECT id FROM "Membership"
    WHERE "shopId" = ${leaving.shopId}::uuid AND role = 'ADMIN' AND "revokedAt" IS NULL
    ORDER BY id FOR UPDATE`;
  const others = await ctx.prisma.membership.count({
    where: { shopId: leaving.shopId, role: 'ADMIN', revokedAt: null, userId: { not: leaving.userId } },
  });
  if (others === 0) throw new LastAdmin(leaving.id);
}

export async function changeStaffRole(
  ctx: Context,
  membershipId: string,
  role: Role,
  query: MembershipQuery = {},
) {
  const member = await findMember(ctx, membershipId);
  const reload = () => ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: member.id } });
  if (member.role === role) return reload();
  if (member.role === 'ADMIN') await assertAnotherAdmin(ctx, member);
  await ctx.prisma.membership.update({ where: { id: member.id }, data: { role } });
  ctx.audit.target = { type: 'Membership', id: member.id };
  ctx.audit.changes = { role: { from: member.role, to: role } };
  announceAccessChanged(ctx, `user:${member.userId}`, 'role changed');
  return reload();
}

/** Ends a membership (kept, with revokedAt, for history); the person's rights end with their next request. */
export async function removeStaffMember(ctx: Context, membershipId: string, query: MembershipQuery = {}) {
  requireUser(ctx);
  const member = await findMember(ctx, membershipId);
  if (member.role === 'ADMIN') await assertAnotherAdmin(ctx, member);
  const removed = await ctx.prisma.membership.update({
    ...query,
    where: { id: member.id },
    data: { revokedAt: new Date() },
  });
  ctx.audit.target = { type: 'Membership', id: member.id };
  ctx.audit.changes = { role: member.role, removed: true };
  announceAccessChanged(ctx, `user:${member.userId}`, 'removed from staff');
  return removed;
}
