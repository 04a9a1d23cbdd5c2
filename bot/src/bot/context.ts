import type { Context } from 'grammy';
import type { Locale } from '../i18n/locale.js';
import type { BotLogger } from './logger.js';

/** Set before any feature runs: the user's chosen language, else one resolved from Telegram's language_code. */
export interface LocaleFlavor {
  locale: Locale;
}

/** Set first of all (middleware/update-logger.ts): the logger of this update, naming it on every line. */
export interface LogFlavor {
  log: BotLogger;
}

export type BotContext = Context & LocaleFlavor & LogFlavor;
