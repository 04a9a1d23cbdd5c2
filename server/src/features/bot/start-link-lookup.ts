import type { StartLinkLookup } from '@posy/bot';
import { sha256 } from '../../auth/tokens.js';
import { decodeGlobalId } from '../../graphql/global-id.js';
import type { Database } from '../../transaction.js';
import { ordersFollowedByTelegramUser } from '../common/access.js';
import { openCustomerLinkShop } from '../customers/customer-links.service.js';

/**
 * The bot's deep-link lookup on the database (src/telegram-bot.ts injects it, as it does the locale store):
 * what `/start <payload>` names, if anything, for the Telegram user who sent it. Read-only: the invite is
 * accepted, the customer made, in the Mini App after sign-in.
 */
export function createStartLinkLookup(prisma: Database): StartLinkLookup {
  return {
    async describe(link, telegramUserId) {
      switch (link.kind) {
        case 'shop': {
          const shop = await prisma.shop.findUnique({
            where: { slug: link.shopSlug },
            select: { name: true },
          });
          return shop ? { kind: 'shop', shopName: shop.name } : undefined;
        }
        case 'order': {
          const id = orderUuid(link.orderId);
          if (!id) return undefined;
          // Someone else's order reads as no order: the reply must not tell that it exists.
          const order = await prisma.order.findFirst({
            where: { AND: [{ id }, ordersFollowedByTelegramUser(BigInt(telegramUserId))] },
            select: { number: true, shop: { select: { name: true } } },
          });
          return order ? { kind: 'order', shopName: order.shop.name, orderNumber: order.number } : undefined;
        }
        case 'invite': {
          const invite = await prisma.invite.findFirst({
            where: {
              tokenHash: sha256(link.token),
              acceptedAt: null,
              revokedAt: null,
              expiresAt: { gt: new Date() },
            },
            select: { role: true, shop: { select: { name: true } } },
          });
          return invite ? { kind: 'invite', shopName: invite.shop.name, role: invite.role } : undefined;
        }
        case 'customer': {
          const shop = await openCustomerLinkShop(prisma, link.token);
          return shop ? { kind: 'customer', shopName: shop.name } : undefined;
        }
      }
    },
  };
}

/** The uuid of an Order global id, or null for anything else (another type's id, garbage). */
function orderUuid(globalId: string): string | null {
  try {
    const { typename, id } = decodeGlobalId(globalId);
    return typename === 'Order' ? id : null;
  } catch {
    return null;
  }
}
