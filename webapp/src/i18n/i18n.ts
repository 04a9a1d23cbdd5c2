import { isLocale, type Locale, locales, resolveLocale } from '@posy/bot/locale';
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
  type LoadedDictionary,
  type MessageKey,
  type MessageParams,
  type PluralKey,
  translate,
  translatePlural,
  translateProblem,
} from './messages';
import { loadCorePart, loadSectionPart, sectionNames } from './sections';

// The strings come in parts, each a chunk of its own (see sections.ts): the core, loaded before the first
// render (index.tsx), and the sections, loaded with the pages that declare them (withMessages). A
// language switch loads the same parts in the other language.
const [loaded, setLoaded] = createSignal<Partial<Record<Locale, LoadedDictionary>>>({});
const loading = new Map<string, Promise<void>>();
/** The sections asked for so far, in any language: a language switch loads them all in the new one. */
const wantedSections = new Set<string>();

function loadPart(language: Locale, section: string | null): Promise<void> {
  const id = `${language}/${section ?? 'core'}`;
  let pending = loading.get(id);
  if (!pending) {
    // A section waits for its language's core: a language counts as loaded once it has any part (see
    // dictionary()), and a section arriving first (a page of a user whose saved locale differs from the
    // device's) would stand without the core, its core strings blank, with nothing left to load it.
    const arriving =
      section === null
        ? loadCorePart(language)
        : Promise.all([loadPart(language, null), loadSectionPart(language, section)]).then(
            ([, part]) => part,
          );
    pending = arriving.then((part) => {
      setLoaded((current) => ({ ...current, [language]: { ...current[language], ...part } }));
    });
    // A failed load (offline right after a deploy) may be tried again later.
    pending.catch(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}

/** Loads a language's core messages and every section asked for so far (once each). */
export async function loadMessages(language: Locale): Promise<void> {
  await Promise.all([
    loadPart(language, null),
    ...[...wantedSections].map((name) => loadPart(language, name)),
  ]);
}

/** Loads message sections (sections/<name>.<lang>.ts) in the current language, and later in any other. */
export async function loadSections(names: readonly string[]): Promise<void> {
  for (const name of names) wantedSections.add(name);
  await Promise.all(names.map((name) => loadPart(locale(), name)));
}

/**
 * How a page declares the message sections it shows: `lazy(withMessages(['order'], () => import(…)))`
 * in routes.tsx. The page's code and its strings load together, and the page renders once both are here.
 */
export function withMessages<Module>(sections: readonly string[], load: () => Promise<Module>) {
  return () => Promise.all([load(), loadSections(sections)]).then(([module]) => module);
}

/**
 * The current language's messages. While a language the user just switched to is on its way, the one
 * already loaded stands in for it.
 */
function dictionary(): LoadedDictionary {
  const current = locale();
  const wanted = loaded()[current];
  if (wanted) return wanted;
  void loadMessages(current).catch(() => {});
  const standIn = Object.values(loaded())[0];
  if (!standIn) throw new Error('No messages loaded: call loadMessages(locale()) before rendering');
  return standIn;
}

/**
 * A key none of the loaded parts has belongs to a section its page did not declare (withMessages): the
 * insurance is to load every section, so the text appears a moment later instead of never.
 */
function loadMissing(dictionary: LoadedDictionary, key: string): void {
  // A stand-in language (a switch in progress) lacks what is still on its way: no sign of anything missing.
  if (key in dictionary || loaded()[locale()] !== dictionary) return;
  if (import.meta.env.DEV) console.warn(`Message "${key}" is in a section its page does not declare`);
  void loadSections(sectionNames).catch(() => {});
}

/** Languages the device prefers before anyone signs in: Telegram's language code, then the browser's. */
const [deviceLanguages, setDeviceLanguages] = createSignal<readonly string[]>(
  typeof navigator === 'undefined' ? [] : navigator.languages,
);

export { setDeviceLanguages };

/** Where a language chosen in the app is kept (this device only: the API has no way to save it yet). */
const chosenLanguageKey = 'posy.language';

function readChosenLanguage(): Locale | undefined {
  try {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(chosenLanguageKey);
    return isLocale(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

const [chosenLanguage, setChosenLanguage] = createSignal<Locale | undefined>(readChosenLanguage());

/**
 * The language picked in the app (components/LanguageSwitch): it wins over the profile and the
 * device, on this device, from now on. Its messages load before the switch, so no screen goes blank.
 */
export async function chooseLanguage(language: Locale): Promise<void> {
  await loadMessages(language);
  try {
    localStorage.setItem(chosenLanguageKey, language);
  } catch {
    // Private mode without storage: the choice lasts until the app is closed.
  }
  setChosenLanguage(language);
}

/**
 * The interface language: the one chosen in the app, else the signed-in user's saved locale, else the
 * device's (Telegram's language code, then the browser's). Reactive.
 */
export function locale(): Locale {
  return resolveLocale(chosenLanguage(), session()?.user.locale, ...deviceLanguages());
}

/** The languages the app offers, for the language switch. */
export const appLanguages: readonly Locale[] = locales;

/** A message in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
  const messages = dictionary();
  loadMissing(messages, key);
  return translate(messages, key, params);
}

/** A message that depends on a count, in the current language's plural form. */
export function tPlural(key: PluralKey, count: number, params?: MessageParams): string {
  const current = locale();
  const messages = dictionary();
  loadMissing(messages, key);
  return translatePlural(messages, current, key, count, params);
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
