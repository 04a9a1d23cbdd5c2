import { resolveLocale } from '@posy/bot/locale';
import { verifyTelegramInitData } from '../../auth/telegram-init-data.js';
import type { Context } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { inTransaction } from '../../transaction.js';
import { revokeSession, startSession } from './sessions.service.js';

/**
 * Mini App sign-in: checks the initData, creates or refreshes the user it names and, when the app was
 * opened for a shop (argument, or a `shop-<slug>` start parameter), makes them that shop's customer
 * unless they are staff there. Returns a new session; the one an earlier launch of the same installation
 * opened ends (its refresh token lived in that webview's memory, gone with it), so relaunching the Mini App
 * every day does not pile up a session a day.
 */
export async function loginWithTelegram(
  ctx: Context,
  input: { initData: string; device?: string | null; shopId?: string | null; installationId?: string | null },
) {
  const { telegram } = ctx.config;
  const identity = verifyTelegramInitData(
    input.initData,
    telegram.initDataToken,
    telegram.initDataMaxAgeSeconds,
  );
  const shopId = input.shopId
    ? await existingShop(ctx, input.shopId)
    : await shopFromStartParam(ctx, identity.startParam);

  const user = await inTransaction(ctx, async (tx) => {
    const user = await tx.user.upsert({
      where: { telegramId: identity.telegramId },
      create: {
        telegramId: identity.telegramId,
        telegramUsername: identity.username,
        name: identity.name,
        locale: resolveLocale(identity.languageCode),
      },
      // Opening the Mini App proves the user talks to the bot again: lift a "blocked" mark.
      update: { telegramUsername: identity.username, botBlockedAt: null },
      select: { id: true, name: true },
    });
    const staffThere =
      shopId && (await tx.membership.count({ where: { userId: user.id, shopId, revokedAt: null } }));
    if (shopId && !staffThere) {
      await tx.customer.upsert({
        where: { shopId_userId: { shopId, userId: user.id } },
        create: { shopId, userId: user.id, name: user.name },
        update: {},
      });
    }
    return user;
  });
  ctx.audit.actorId = user.id;
  ctx.audit.shopId = shopId;
  if (input.installationId) await endEarlierLaunches(ctx, user.id, input.installationId);
  return startSession(ctx, user.id, input.device, 'TELEGRAM', input.installationId);
}

/** Ends the user's open Mini App sessions of this installation: a relaunch replaces them. */
async function endEarlierLaunches(ctx: Context, userId: string, installationId: string) {
  const earlier = await ctx.prisma.session.findMany({
    where: { userId, installationId, signInMethod: 'TELEGRAM', revokedAt: null },
    select: { id: true },
  });
  for (const { id } of earlier) await revokeSession(ctx, id, 'replaced by a new launch of the Mini App');
}

/** A well-formed id of no shop would fail the customer's foreign key mid-transaction: refuse it first. */
async function existingShop(ctx: Context, shopId: string) {
  const shop = await ctx.prisma.shop.findUnique({ where: { id: shopId }, select: { id: true } });
  if (!shop) throw notFound('The shop');
  return shop.id;
}

/** `shop-<slug>` names the shop the bot link was for; anything else (e.g. `invite-…`) names none. */
async function shopFromStartParam(ctx: Context, startParam: string | null) {
  const slug = startParam?.match(/^shop-([a-z0-9-]{1,60})$/)?.[1];
  if (!slug) return null;
  const shop = await ctx.prisma.shop.findUnique({ where: { slug }, select: { id: true } });
  if (!shop) throw badInput(`No shop is called "${slug}"`, 'initData.start_param');
  return shop.id;
}
