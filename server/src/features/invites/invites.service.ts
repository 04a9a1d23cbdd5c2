import type { Prisma, Role } from '@posy/prisma';
import { announceAccessChanged } from '../../auth/access-events.js';
import { randomSecret, sha256 } from '../../auth/tokens.js';
import type { ShopRole } from '../../auth/viewer.js';
import { type Context, requireShop, requireUser } from '../../context.js';
import { forbidden, notFound, unauthenticated } from '../../errors.js';
import { inTransaction } from '../../transaction.js';
import { AlreadyStaff, InviteExpired, InviteUsed } from './invites.errors.js';

/** Who may invite whom: admins anyone; managers the floor staff and other managers, never an admin. */
const INVITABLE: Partial<Record<ShopRole, readonly Role[]>> = {
  ADMIN: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'],
  MANAGER: ['MANAGER', 'FLORIST', 'COURIER'],
};

/** An invite with its secret, which exists only in this answer: the database keeps its hash. */
export interface CreatedInvite {
  inviteId: string;
  token: string;
  telegramUrl: string;
  webUrl: string;
}

export async function createInvite(ctx: Context, role: Role): Promise<CreatedInvite> {
  const shopId = requireShop(ctx);
  const user = requireUser(ctx);
  if (!ctx.shopRole || !INVITABLE[ctx.shopRole]?.includes(role)) {
    throw forbidden(`A ${ctx.shopRole?.toLowerCase() ?? 'visitor'} cannot invite a ${role.toLowerCase()}`);
  }
  const token = randomSecret(24);
  const invite = await ctx.prisma.invite.create({
    data: {
      shopId,
      role,
      tokenHash: sha256(token),
      createdById: user.userId,
      expiresAt: new Date(Date.now() + ctx.config.invites.ttlSeconds * 1000),
    },
    select: { id: true },
  });
  ctx.audit.target = { type: 'Invite', id: invite.id };
  ctx.audit.changes = { role };
  return { inviteId: invite.id, token, ...inviteLinks(ctx, token) };
}

/** The deep link opens the Mini App with `startapp=invite-<token>`; the web URL is for the PWA. */
export function inviteLinks(ctx: Context, token: string) {
  return {
    telegramUrl: `https://t.me/${ctx.config.telegram.botUsername}?startapp=invite-${token}`,
    webUrl: `${ctx.appUrl}/invite/${token}`,
  };
}

/** Which invites the active shop's list shows: the open ones, or all of them. */
export function listInvites(ctx: Context, filter: { includeClosed: boolean }, query: InviteQuery = {}) {
  return ctx.prisma.invite.findMany({
    ...query,
    where: {
      shopId: requireShop(ctx),
      ...(filter.includeClosed ? {} : { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }),
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
}

/** The relations a caller wants loaded with an invite (Pothos' `query`): a Prisma shape, not GraphQL. */
type InviteQuery = { include?: Prisma.InviteInclude; select?: Prisma.InviteSelect };
type MembershipQuery = { include?: Prisma.MembershipInclude; select?: Prisma.MembershipSelect };

export async function revokeInvite(ctx: Context, inviteId: string, query: InviteQuery = {}) {
  const shopId = requireShop(ctx);
  const revoked = await ctx.prisma.invite.updateManyAndReturn({
    where: { id: inviteId, shopId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
    select: { id: true },
  });
  if (!revoked[0]) throw notFound('An open invite with this id');
  ctx.audit.target = { type: 'Invite', id: inviteId };
  return ctx.prisma.invite.findUniqueOrThrow({ ...query, where: { id: inviteId } });
}

/**
 * Turns an invite into a membership of the signed-in user. One use: the invite is claimed in the
 * same transaction that creates the membership, so two people cannot both accept it.
 */
export async function acceptInvite(ctx: Context, token: string, query: MembershipQuery = {}) {
  const viewer = ctx.viewer;
  if (viewer.kind !== 'user') throw unauthenticated('Sign in (e.g. through Telegram) to accept the invite');
  const invite = await ctx.prisma.invite.findUnique({ where: { tokenHash: sha256(token) } });
  if (!invite || invite.revokedAt) throw notFound('This invite');
  if (invite.acceptedAt) throw new InviteUsed(invite.acceptedAt);
  if (invite.expiresAt <= new Date()) throw new InviteExpired(invite.expiresAt);
  const currentRole = viewer.memberships.get(invite.shopId);
  if (currentRole) throw new AlreadyStaff(currentRole);

  const membership = await inTransaction(ctx, async (tx) => {
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedById: viewer.userId },
    });
    if (claimed.count === 0) {
      // Someone else claimed (or the shop revoked) it between our read and this update; the row says which.
      const now = await tx.invite.findUniqueOrThrow({ where: { id: invite.id } });
      if (now.acceptedAt) throw new InviteUsed(now.acceptedAt);
      throw notFound('This invite');
    }
    // A former member (revoked) comes back with the invited role.
    return tx.membership.upsert({
      where: { userId_shopId: { userId: viewer.userId, shopId: invite.shopId } },
      create: {
        userId: viewer.userId,
        shopId: invite.shopId,
        role: invite.role,
        invitedById: invite.createdById,
      },
      update: { role: invite.role, revokedAt: null, invitedById: invite.createdById },
    });
  });
  ctx.audit.shopId = invite.shopId;
  ctx.audit.target = { type: 'Membership', id: membership.id };
  ctx.audit.changes = { inviteId: invite.id, role: invite.role };
  // The new membership counts from the next request, on every replica, though the session is cached.
  announceAccessChanged(ctx, `user:${viewer.userId}`, 'joined the staff');
  return ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: membership.id } });
}

export type InviteState = 'OPEN' | 'USED' | 'EXPIRED' | 'REVOKED';

/**
 * What an invite link offers, for the page that asks "join <shop> as <role>?". Anyone holding the
 * token may see it (the token is the secret, 192 bits); nothing else about the shop is revealed.
 */
export async function previewInvite(ctx: Context, token: string) {
  const invite = await ctx.prisma.invite.findUnique({
    where: { tokenHash: sha256(token) },
    select: {
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      shop: { select: { name: true } },
    },
  });
  if (!invite) return null;
  const state: InviteState = invite.revokedAt
    ? 'REVOKED'
    : invite.acceptedAt
      ? 'USED'
      : invite.expiresAt <= new Date()
        ? 'EXPIRED'
        : 'OPEN';
  return { shopName: invite.shop.name, role: invite.role, expiresAt: invite.expiresAt, state };
}
