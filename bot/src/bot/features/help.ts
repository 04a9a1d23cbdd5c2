import { Composer } from 'grammy';
import { t } from '../../i18n/translate.js';
import type { BotContext } from '../context.js';

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').command('help', (ctx) => ctx.reply(t(ctx.locale, 'help.text')));
  return composer;
}
