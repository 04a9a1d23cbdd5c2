import type { MiddlewareFn } from 'grammy';
import { resolveLocale } from '../../i18n/locale.js';
import type { BotContext } from '../context.js';
import type { LocaleStore } from '../locale-store.js';

/** Sets `ctx.locale`: the language the user chose, else the one their Telegram client reports. */
export function localeMiddleware(store: LocaleStore): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chosen = ctx.from ? await store.get(ctx.from.id) : undefined;
    ctx.locale = chosen ?? resolveLocale(ctx.from?.language_code);
    await next();
  };
}
