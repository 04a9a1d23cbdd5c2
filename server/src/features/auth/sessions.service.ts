import type { Prisma, SignInMethod } from '@posy/prisma';
import { announceSessionRevoked } from '../../auth/access-events.js';
import { randomSecret, sha256 } from '../../auth/tokens.js';
import { type Context, requireUser } from '../../context.js';
import { unauthenticated } from '../../errors.js';
import { keepWritesOnRefusal } from '../../transaction.js';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  /** When the session (and so every refresh token of it) expires. */
  refreshTokenExpiresAt: Date;
  userId: string;
  sessionId: string;
}

/**
 * Opens a session (one refresh-token family) for a user who just proved who they are, and how; from which
 * Mini App installation, when one sent its id.
 */
export async function startSession(
  ctx: Context,
  userId: string,
  device: string | null | undefined,
  signInMethod: SignInMethod,
  installationId?: string | null,
) {
  const session = await ctx.prisma.session.create({
    data: {
      userId,
      signInMethod,
      device: device?.slice(0, 200) ?? null,
      installationId: installationId ?? null,
      ip: ctx.ip,
      expiresAt: new Date(Date.now() + ctx.config.auth.refreshTokenTtlSeconds * 1000),
    },
  });
  await ctx.prisma.user.update({ where: { id: userId }, data: { lastSeenAt: new Date() } });
  return issueTokens(ctx, session.id, userId, session.expiresAt);
}

/**
 * Trades a refresh token for a new pair. Each refresh token works once: presenting a used one means
 * it leaked, so the whole family (session) is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
export async function refreshSession(ctx: Context, refreshToken: string): Promise<IssuedTokens> {
  const token = await ctx.prisma.refreshToken.findUnique({
    where: { tokenHash: sha256(refreshToken) },
    include: { session: true },
  });
  if (!token) throw unauthenticated('Unknown refresh token; sign in again');
  const { session } = token;
  if (session.revokedAt) throw unauthenticated('This session has ended; sign in again');
  // Claim the token atomically, so two concurrent uses cannot both succeed.
  const claimed = await ctx.prisma.refreshToken.updateMany({
    where: { id: token.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (claimed.count === 0) {
    // The leaked family stays ended though the refresh is refused.
    return keepWritesOnRefusal(ctx, async () => {
      await revokeSession(ctx, session.id, 'refresh token reused');
      throw unauthenticated('This refresh token was already used; the session was ended for safety');
    });
  }
  if (session.expiresAt <= new Date() || token.expiresAt <= new Date()) {
    throw unauthenticated('This session has expired; sign in again');
  }
  await ctx.prisma.session.update({
    where: { id: session.id },
    data: { lastUsedAt: new Date(), ip: ctx.ip },
  });
  return issueTokens(ctx, session.id, session.userId, session.expiresAt);
}

/** Ends a session; its access tokens stop working at once and its open sockets are closed. */
export async function revokeSession(ctx: Context, sessionId: string, reason: string) {
  await ctx.prisma.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  announceSessionRevoked(ctx, sessionId);
}

/** Ends every session of a user (logout everywhere, password change). */
export async function revokeAllSessions(ctx: Context, userId: string, reason: string) {
  const sessions = await ctx.prisma.session.findMany({
    where: { userId, revokedAt: null },
    select: { id: true },
  });
  for (const { id } of sessions) await revokeSession(ctx, id, reason);
  return sessions.length;
}

async function issueTokens(
  ctx: Context,
  sessionId: string,
  userId: string,
  expiresAt: Date,
): Promise<IssuedTokens> {
  const refreshToken = randomSecret();
  await ctx.prisma.refreshToken.create({ data: { sessionId, tokenHash: sha256(refreshToken), expiresAt } });
  const access = await ctx.signer.signAccessToken({ userId, sessionId });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    refreshTokenExpiresAt: expiresAt,
    userId,
    sessionId,
  };
}

/** The relations a caller wants loaded with a session (Pothos' `query`): a Prisma shape, not GraphQL. */
type SessionQuery = { include?: Prisma.SessionInclude; select?: Prisma.SessionSelect };

/** The signed-in user's open sessions (devices), most recently used first. */
export function listMySessions(ctx: Context, query: SessionQuery = {}) {
  return ctx.prisma.session.findMany({
    ...query,
    where: { userId: requireUser(ctx).userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastUsedAt: 'desc' },
  });
}
