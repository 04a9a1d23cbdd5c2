import { InlineKeyboard } from 'grammy';
import type { Locale } from '../../i18n/locale.js';
import { t } from '../../i18n/translate.js';
import { miniAppLink, miniAppUrl, type StartLinkKind } from '../deep-link.js';

/** One web_app button opening the Mini App at `url`. Web app buttons only work in private chats. */
export function openAppKeyboard(locale: Locale, url: string): InlineKeyboard {
  return new InlineKeyboard().webApp(t(locale, 'start.openApp'), url);
}

/**
 * One button opening the Mini App on a deep link's payload. Telegram gives an app opened by a `web_app`
 * button no start parameter, so: with a main Mini App (BotFather, `has_main_web_app`), a link
 * `t.me/<bot>?startapp=<payload>`, which Telegram opens as the app with the payload as its signed
 * start_param (the server's sign-in reads `shop-<slug>` there); without one, a `web_app` button whose URL
 * carries `?startapp=<payload>` for the app to read.
 */
export function openLinkKeyboard(
  locale: Locale,
  kind: StartLinkKind,
  payload: string,
  target: { webAppUrl: string; mainMiniApp: string | undefined },
): InlineKeyboard {
  const label = t(locale, `start.button.${kind}`);
  return target.mainMiniApp
    ? new InlineKeyboard().url(label, miniAppLink(target.mainMiniApp, payload))
    : new InlineKeyboard().webApp(label, miniAppUrl(target.webAppUrl, payload));
}
