import type { User } from 'grammy/types';
import type { Locale } from '../i18n/locale.js';

/**
 * Where a user's language is kept. The server backs it with the User row (its `locale`), so a /language
 * choice survives restarts and notifications are written in it too.
 */
export interface LocaleStore {
  /** The language this Telegram user is written to in, or `undefined` if the store does not know them. */
  get(telegramUserId: number): Promise<Locale | undefined>;
  /** Keeps the language `user` chose with /language (a store may create its record of them from `user`). */
  set(user: User, locale: Locale): Promise<void>;
}

/** Keeps choices in memory; they are lost on restart. The default when no store is injected. */
export class MemoryLocaleStore implements LocaleStore {
  readonly #locales = new Map<number, Locale>();

  async get(telegramUserId: number): Promise<Locale | undefined> {
    return this.#locales.get(telegramUserId);
  }

  async set(user: User, locale: Locale): Promise<void> {
    this.#locales.set(user.id, locale);
  }
}
