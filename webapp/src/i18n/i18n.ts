import { type Locale, resolveLocale } from '@posy/bot/locale';
import { createEffect, createRoot, createSignal } from 'solid-js';
import { session } from '../auth/session';
import type { ApiProblem } from '../graphql/errors';
import { en } from './en';
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
import { ru } from './ru';

const dictionaries: Record<Locale, Dictionary> = { en, ru };

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
  return translate(dictionaries[locale()], key, params);
}

/** A message that depends on a count, in the current language's plural form. */
export function tPlural(key: PluralKey, count: number, params?: MessageParams): string {
  const current = locale();
  return translatePlural(dictionaries[current], current, key, count, params);
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
  return translateProblem(dictionaries[current], current, problem);
}

// Keep <html lang> in step, for screen readers and the browser's own hyphenation and translation prompts.
if (typeof document !== 'undefined') {
  createRoot(() => {
    createEffect(() => {
      document.documentElement.lang = locale();
    });
  });
}
