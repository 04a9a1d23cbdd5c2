import type { Context } from 'grammy';
import type { Locale } from '../i18n/locale.js';

/** Set before any feature runs: the user's chosen language, else one resolved from Telegram's language_code. */
export interface LocaleFlavor {
  locale: Locale;
}

export type BotContext = Context & LocaleFlavor;
