import { type Locale, resolveLocale } from '@posy/bot/locale';
import { createEffect, createRoot, createSignal } from 'solid-js';
import { session } from '../auth/session';
import type { ApiProblem } from '../graphql/errors';
import {
  type DateFormatOptions,
  formatDate,
  formatDateTime,
  formatMoney,
  formatWindow,
  type Money,
} from './format';
import {
  type Dictionary,
  type MessageKey,
  type MessageParams,
  type PluralKey,
  translate,
  translatePlural,
  translateProblem,
} from './messages';

// Each language is a chunk of its own, loaded when first needed: the first screen carries one language,
// not all of them. index.tsx loads the starting language before the first render.
const loaders: Record<Locale, () => Promise<Dictionary>> = {
  en: () => import('./en').then((module) => module.en),
  ru: () => import('./ru').then((module) => module.ru),
};
const [loaded, setLoaded] = createSignal<Partial<Record<Locale, Dictionary>>>({});
const loading = new Map<Locale, Promise<void>>();

/** Loads a language's messages (once); screens showing it re-render when they arrive. */
export function loadMessages(language: Locale): Promise<void> {
  let pending = loading.get(language);
  if (!pending) {
    pending = loaders[language]().then((dictionary) => {
      setLoaded((current) => ({ ...current, [language]: dictionary }));
    });
    // A failed load (offline right after a deploy) may be tried again later.
    pending.catch(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}

/**
 * The current language's messages. While a language the user just switched to is on its way, the one
 * already loaded stands in for it.
 */
function dictionary(): Dictionary {
  const current = locale();
  const wanted = loaded()[current];
  if (wanted) return wanted;
  void loadMessages(current).catch(() => {});
  const standIn = Object.values(loaded())[0];
  if (!standIn) throw new Error('No messages loaded: call loadMessages(locale()) before rendering');
  return standIn;
}

/** Languages the device prefers before anyone signs in: Telegram's language code, then the browser's. */
const [deviceLanguages, setDeviceLanguages] = createSignal<readonly string[]>(
  typeof navigator === 'undefined' ? [] : navigator.languages,
);

export { setDeviceLanguages };

/** The interface language: the signed-in user's saved locale, else the device's. Reactive. */
export function locale(): Locale {
  return resolveLocale(session()?.user.locale, ...deviceLanguages());
}

/** A message in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(dictionary(), key, params);
}

/** A message that depends on a count, in the current language's plural form. */
export function tPlural(key: PluralKey, count: number, params?: MessageParams): string {
  const current = locale();
  return translatePlural(dictionary(), current, key, count, params);
}

export function money(value: Money): string {
  return formatMoney(value, locale());
}

export function dateTime(iso: string, options?: DateFormatOptions): string {
  return formatDateTime(iso, locale(), options);
}

export function date(iso: string, options?: DateFormatOptions): string {
  return formatDate(iso, locale(), options);
}

export function timeWindow(
  start: string | null | undefined,
  end: string | null | undefined,
  options?: DateFormatOptions,
): string | undefined {
  return formatWindow(start, end, locale(), options);
}

/** What a failed operation means, in the user's language. */
export function apiProblemMessage(problem: ApiProblem): string {
  const current = locale();
  return translateProblem(dictionary(), current, problem);
}

// Keep <html lang> in step, for screen readers and the browser's own hyphenation and translation prompts.
if (typeof document !== 'undefined') {
  createRoot(() => {
    createEffect(() => {
      document.documentElement.lang = locale();
    });
  });
}
