import { InlineKeyboard } from 'grammy';
import { type Locale, locales } from '../../i18n/locale.js';
import { t } from '../../i18n/translate.js';

export const LANGUAGE_CALLBACK_PREFIX = 'language:';

/** One button per language, each named in its own language; the current one is ticked. */
export function languageKeyboard(current: Locale): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of locales) {
    const name = t(locale, `language.name.${locale}`);
    keyboard.text(locale === current ? `✓ ${name}` : name, `${LANGUAGE_CALLBACK_PREFIX}${locale}`);
  }
  return keyboard;
}
