import { isLocale } from '@posy/bot/locale';
import type { LocaleStore } from '@posy/bot/locale-store';
import { telegramDisplayName } from '../../auth/telegram-init-data.js';
import type { Database } from '../../transaction.js';

/**
 * The bot's locale store on the User row: /language sets `User.locale`, the language every notification to
 * the user is written in, so the bot and the outbox never disagree and a choice survives restarts.
 */
export function createUserLocaleStore(prisma: Database): LocaleStore {
  return {
    async get(telegramUserId) {
      const user = await prisma.user.findUnique({
        where: { telegramId: BigInt(telegramUserId) },
        select: { locale: true },
      });
      return user && isLocale(user.locale) ? user.locale : undefined;
    },
    async set(telegramUser, locale) {
      // Someone who talks to the bot before opening the Mini App has no row yet: this makes it, as the
      // Mini App's sign-in would (which then keeps the chosen locale).
      await prisma.user.upsert({
        where: { telegramId: BigInt(telegramUser.id) },
        create: {
          telegramId: BigInt(telegramUser.id),
          telegramUsername: telegramUser.username ?? null,
          name: telegramDisplayName(telegramUser),
          locale,
        },
        update: { locale },
        select: { id: true },
      });
    },
  };
}
