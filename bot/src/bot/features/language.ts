import { Composer } from 'grammy';
import { isLocale } from '../../i18n/locale.js';
import { t } from '../../i18n/translate.js';
import type { BotContext } from '../context.js';
import { LANGUAGE_CALLBACK_PREFIX, languageKeyboard } from '../keyboards/language.js';
import type { LocaleStore } from '../locale-store.js';

/** `/language` shows a keyboard of languages; pressing one stores the choice and confirms in that language. */
export function languageFeature(store: LocaleStore): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType('private');

  feature.command('language', (ctx) =>
    ctx.reply(t(ctx.locale, 'language.choose', { language: t(ctx.locale, `language.name.${ctx.locale}`) }), {
      reply_markup: languageKeyboard(ctx.locale),
    }),
  );

  feature.callbackQuery(new RegExp(`^${LANGUAGE_CALLBACK_PREFIX}(\\w+)$`), async (ctx) => {
    const chosen = ctx.match[1];
    if (!isLocale(chosen)) return ctx.answerCallbackQuery();
    await store.set(ctx.from, chosen);
    ctx.locale = chosen;
    // Answer first: Telegram shows a spinner on the button until the query is answered.
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(
      t(chosen, 'language.changed', { language: t(chosen, `language.name.${chosen}`) }),
    );
  });

  return composer;
}
