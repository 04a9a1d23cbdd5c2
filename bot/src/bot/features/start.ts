import { Composer } from 'grammy';
import type { BotConfig } from '../../config.js';
import { t } from '../../i18n/translate.js';
import type { BotContext } from '../context.js';
import { isStartPayload, miniAppUrl } from '../deep-link.js';
import { openAppKeyboard } from '../keyboards/open-app.js';

/** `/start` and `/start <payload>`: a greeting with a button opening the Mini App, payload passed on. */
export function startFeature(config: Pick<BotConfig, 'webAppUrl'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').command('start', async (ctx) => {
    const payload = ctx.match.trim();
    // A payload Telegram itself would not produce (typed by hand) is dropped rather than passed on.
    const url = miniAppUrl(config.webAppUrl, isStartPayload(payload) ? payload : undefined);
    await ctx.reply(t(ctx.locale, 'start.welcome', { name: ctx.from.first_name }), {
      reply_markup: openAppKeyboard(ctx.locale, url),
    });
  });
  return composer;
}
