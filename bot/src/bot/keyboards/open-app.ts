import { InlineKeyboard } from 'grammy';
import type { Locale } from '../../i18n/locale.js';
import { t } from '../../i18n/translate.js';

/** One web_app button opening the Mini App at `url`. Web app buttons only work in private chats. */
export function openAppKeyboard(locale: Locale, url: string): InlineKeyboard {
  return new InlineKeyboard().webApp(t(locale, 'start.openApp'), url);
}
