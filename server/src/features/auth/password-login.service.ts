import { verifyPassword } from '../../auth/passwords.js';
import type { Context } from '../../context.js';
import { unauthenticated } from '../../errors.js';
import { type IssuedTokens, startSession } from './sessions.service.js';

/** Staff sign-in with email and password (the PWA outside Telegram): a new session, or UNAUTHENTICATED. */
export async function loginWithPassword(
  ctx: Context,
  credentials: { email: string; password: string; device?: string | null },
): Promise<IssuedTokens> {
  const user = await ctx.prisma.user.findUnique({
    where: { email: credentials.email.trim().toLowerCase() },
    select: { id: true, passwordHash: true },
  });
  // Same answer and same work whether the email is unknown or the password wrong.
  if (!(await verifyPassword(user?.passwordHash, credentials.password)) || !user) {
    throw unauthenticated('Wrong email or password');
  }
  return startSession(ctx, user.id, credentials.device, 'PASSWORD');
}
