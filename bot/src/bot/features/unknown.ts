import { Composer } from 'grammy';
import { t } from '../../i18n/translate.js';
import type { BotContext } from '../context.js';

/** The catch-all, installed last: any private message no feature handled gets a short pointer to /help. */
export function unknownFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').on('message', (ctx) => ctx.reply(t(ctx.locale, 'unknown.text')));
  return composer;
}
