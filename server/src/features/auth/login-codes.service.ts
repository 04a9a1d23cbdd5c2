import { randomInt } from 'node:crypto';
import { safeEqualHex, sha256 } from '../../auth/tokens.js';
import type { Context } from '../../context.js';
import { rateLimited, unauthenticated } from '../../errors.js';
import { inTransaction, keepWritesOnRefusal } from '../../transaction.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import { startSession } from './sessions.service.js';

/** A new code is not sent more often than this, so the bot cannot be used to spam someone. */
const RESEND_AFTER_MS = 60_000;

const normalizeEmail = (email: string) => email.trim().toLowerCase();
const hashCode = (userId: string, code: string) => sha256(`${userId}:${code}`);

/**
 * Sends a 6-digit code to the staff member's Telegram through the notification outbox. Answers the
 * same whether or not the email belongs to someone who can receive a code, so it reveals no accounts.
 */
export async function requestLoginCode(ctx: Context, email: string): Promise<void> {
  const user = await ctx.prisma.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, telegramId: true },
  });
  if (!user?.telegramId) return;
  await assertNotLocked(ctx, user.id);
  const latest = await ctx.prisma.loginCode.findFirst({
    where: { userId: user.id },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, consumedAt: true },
  });
  if (latest && !latest.consumedAt && Date.now() - latest.createdAt.getTime() < RESEND_AFTER_MS) {
    throw rateLimited(Math.ceil((RESEND_AFTER_MS - (Date.now() - latest.createdAt.getTime())) / 1000));
  }
  const { ttlSeconds } = ctx.config.loginCodes;
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  // The code, its notification row and the send job commit together (with the mutation's audit entry).
  await inTransaction(ctx, async (tx) => {
    // Only the newest code works: asking again retires the previous one.
    await tx.loginCode.updateMany({
      where: { userId: user.id, consumedAt: null },
      data: { consumedAt: new Date() },
    });
    const row = await tx.loginCode.create({
      data: {
        userId: user.id,
        codeHash: hashCode(user.id, code),
        expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      },
    });
    await enqueueNotification(tx, {
      userId: user.id,
      kind: 'LOGIN_CODE',
      payload: { code, expiresInMinutes: Math.round(ttlSeconds / 60) },
      dedupeKey: `login-code:${row.id}`,
    });
  });
  ctx.audit.actorId = user.id;
}

/** Signs in with the newest code; wrong guesses count, and too many lock the user out for a while. */
export async function loginWithCode(
  ctx: Context,
  input: { email: string; code: string; device?: string | null },
) {
  const wrong = () => unauthenticated('The code is wrong or has expired; ask for a new one');
  const user = await ctx.prisma.user.findUnique({
    where: { email: normalizeEmail(input.email) },
    select: { id: true },
  });
  if (!user) throw wrong();
  await assertNotLocked(ctx, user.id);
  const code = await ctx.prisma.loginCode.findFirst({
    where: { userId: user.id, consumedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
  });
  if (!code) throw wrong();

  if (!safeEqualHex(code.codeHash, hashCode(user.id, input.code))) {
    // The count must commit though the guess is refused, or guesses would be free.
    return keepWritesOnRefusal(ctx, async () => {
      // Counted atomically, so parallel guesses cannot exceed the allowance.
      const counted = await ctx.prisma.loginCode.updateManyAndReturn({
        where: { id: code.id, consumedAt: null, attempts: { lt: ctx.config.loginCodes.maxAttempts } },
        data: { attempts: { increment: 1 } },
        select: { attempts: true },
      });
      if (!counted[0] || counted[0].attempts >= ctx.config.loginCodes.maxAttempts) {
        await assertNotLocked(ctx, user.id);
      }
      throw wrong();
    });
  }
  // One use: only the request that flips consumedAt signs in.
  const claimed = await ctx.prisma.loginCode.updateMany({
    where: { id: code.id, consumedAt: null, attempts: { lt: ctx.config.loginCodes.maxAttempts } },
    data: { consumedAt: new Date() },
  });
  if (claimed.count === 0) throw wrong();
  ctx.audit.actorId = user.id;
  return startSession(ctx, user.id, input.device, 'LOGIN_CODE');
}

/** Locked while a code burnt by too many wrong guesses is younger than the lock period. */
async function assertNotLocked(ctx: Context, userId: string) {
  const { maxAttempts, lockSeconds } = ctx.config.loginCodes;
  const burnt = await ctx.prisma.loginCode.findFirst({
    where: {
      userId,
      attempts: { gte: maxAttempts },
      createdAt: { gt: new Date(Date.now() - lockSeconds * 1000) },
    },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  if (burnt) {
    const retryAfter = Math.ceil((burnt.createdAt.getTime() + lockSeconds * 1000 - Date.now()) / 1000);
    throw rateLimited(Math.max(1, retryAfter));
  }
}
