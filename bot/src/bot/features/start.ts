import { Composer } from 'grammy';
import type { BotConfig } from '../../config.js';
import { t } from '../../i18n/translate.js';
import type { BotContext } from '../context.js';
import { parseStartPayload, startPayload } from '../deep-link.js';
import { openAppKeyboard, openLinkKeyboard } from '../keyboards/open-app.js';
import type { StartLinkLookup, StartLinkSummary } from '../start-links.js';

/**
 * `/start`: a greeting with a button opening the Mini App. `/start <payload>` (a `t.me/<bot>?start=` deep
 * link): what the link names, with a button opening the Mini App on it; a payload that is none of Posy's, or
 * names nothing this user may use, gets a clear reply and the plain button. Nothing is written either way.
 */
export function startFeature(
  config: Pick<BotConfig, 'webAppUrl'>,
  startLinks?: StartLinkLookup,
): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').command('start', async (ctx) => {
    const name = ctx.from.first_name;
    const payload = ctx.match.trim();
    if (!payload) {
      return ctx.reply(t(ctx.locale, 'start.welcome', { name }), {
        reply_markup: openAppKeyboard(ctx.locale, config.webAppUrl),
      });
    }
    const link = parseStartPayload(payload);
    const summary = link && startLinks ? await startLinks.describe(link, ctx.from.id) : undefined;
    // Without a lookup (the bot run alone, no database) a well-formed link is passed on unchecked.
    if (!link || (startLinks && !summary)) {
      return ctx.reply(t(ctx.locale, 'start.invalidLink'), {
        reply_markup: openAppKeyboard(ctx.locale, config.webAppUrl),
      });
    }
    const text = summary ? linkText(ctx.locale, summary, name) : t(ctx.locale, 'start.welcome', { name });
    return ctx.reply(text, {
      reply_markup: openLinkKeyboard(ctx.locale, link.kind, startPayload(link), {
        webAppUrl: config.webAppUrl,
        // A main Mini App gets the payload as its signed start_param; otherwise the web_app button's URL carries it.
        mainMiniApp: ctx.me.has_main_web_app ? ctx.me.username : undefined,
      }),
    });
  });
  return composer;
}

function linkText(locale: BotContext['locale'], summary: StartLinkSummary, name: string): string {
  switch (summary.kind) {
    case 'shop':
      return t(locale, 'start.shop', { shopName: summary.shopName, name });
    case 'order':
      return t(locale, 'start.order', { shopName: summary.shopName, orderNumber: summary.orderNumber });
    case 'invite':
      return t(locale, 'start.invite', {
        shopName: summary.shopName,
        role: t(locale, `role.${summary.role}`),
      });
    case 'customer':
      return t(locale, 'start.customer', { shopName: summary.shopName });
  }
}
