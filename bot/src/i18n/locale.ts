// The one language rule of Posy, shared by the server (sign-up, notifications), the bot and the webapp
// (`@posy/bot/locale`). No imports, so the webapp's bundle takes this file alone.

/** The languages Posy is written in. */
export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];

/** Used when no candidate names a language we support. */
export const defaultLocale: Locale = 'en';

/**
 * Languages with no translation of their own whose speakers, in the CIS markets Posy's shops are in, read
 * Russian more readily than English (Ukrainian, Belarusian, Kazakh). They can still pick English with
 * /language or in the app; the bot's command menu is registered in Russian for them too.
 */
export const russianReaderLanguageCodes = ['ru', 'uk', 'be', 'kk'] as const;
const RUSSIAN_READERS: ReadonlySet<string> = new Set(russianReaderLanguageCodes);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The supported locale a language tag maps to, or `undefined` when we have none for it. Takes any BCP 47
 * tag or POSIX-style code (Telegram's `language_code`, an Accept-Language entry, `navigator.language`,
 * a stored `User.locale`): only the primary language counts (`ru-RU`, `en_GB`, `UK` are ru, en, ru).
 */
export function supportedLocale(languageTag: string | null | undefined): Locale | undefined {
  const language = languageTag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!language) return undefined;
  if (RUSSIAN_READERS.has(language)) return 'ru';
  return isLocale(language) ? language : undefined;
}

/**
 * The locale to write in: that of the first candidate we support, most preferred first (e.g. the user's
 * saved locale, then Telegram's language code, then the browser's languages), else English.
 */
export function resolveLocale(...candidates: readonly (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const locale = supportedLocale(candidate);
    if (locale) return locale;
  }
  return defaultLocale;
}
