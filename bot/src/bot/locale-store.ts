import type { Locale } from '../i18n/translate.js';

/** Where a user's explicitly chosen language is kept (the server can back it with the database). */
export interface LocaleStore {
  /** The language the user chose with /language, or `undefined` if they never chose. */
  get(telegramUserId: number): Promise<Locale | undefined>;
  set(telegramUserId: number, locale: Locale): Promise<void>;
}

/** Keeps choices in memory; they are lost on restart. The default when no store is injected. */
export class MemoryLocaleStore implements LocaleStore {
  readonly #locales = new Map<number, Locale>();

  async get(telegramUserId: number): Promise<Locale | undefined> {
    return this.#locales.get(telegramUserId);
  }

  async set(telegramUserId: number, locale: Locale): Promise<void> {
    this.#locales.set(telegramUserId, locale);
  }
}
