import type { Locale } from '@posy/bot/locale';
import type { ApiProblem } from '../graphql/errors';
import type { en } from './en';
import { retryDelay } from './format';

/** Plural forms of one message, keyed by Intl.PluralRules categories; `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

type Reference = typeof en;

/** Keys of plain messages. */
export type MessageKey = { [K in keyof Reference]: Reference[K] extends string ? K : never }[keyof Reference];

/** Keys of messages that depend on a count. */
export type PluralKey = Exclude<keyof Reference, MessageKey>;

/** One language's version of an English part (core.en.ts, a section): the same keys, plain or plural. */
export type SectionDictionary<English> = {
  [K in keyof English]: English[K] extends string ? string : PluralForms;
};

/** A complete dictionary: every key of en.ts, plain messages as strings, plural messages as forms. */
export type Dictionary = SectionDictionary<Reference>;

/** What the app holds of one language at a time: the core and the sections loaded so far. */
export type LoadedDictionary = Partial<Dictionary>;

export type MessageParams = Readonly<Record<string, string | number>>;

/** Replaces `{name}` with `params.name`; unknown names are left as they are, so a missing parameter shows. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A message; one whose section has not arrived yet reads as empty (the caller loads it, see i18n.ts). */
export function translate(dictionary: LoadedDictionary, key: MessageKey, params?: MessageParams): string {
  const template = dictionary[key];
  return template === undefined ? '' : interpolate(template, params);
}

export function translatePlural(
  dictionary: LoadedDictionary,
  locale: Locale,
  key: PluralKey,
  count: number,
  params: MessageParams = {},
): string {
  const forms = dictionary[key];
  if (forms === undefined) return '';
  const category = new Intl.PluralRules(locale).select(count);
  return interpolate(forms[category] ?? forms.other, { count, ...params });
}

/**
 * What a failed operation means, in the dictionary's language. RATE_LIMITED says how long to wait when
 * the server said (`retryAfterSeconds`): in seconds under a minute, in minutes after.
 */
export function translateProblem(dictionary: LoadedDictionary, locale: Locale, problem: ApiProblem): string {
  if (problem.code === 'RATE_LIMITED' && problem.retryAfterSeconds !== undefined) {
    const { unit, count } = retryDelay(problem.retryAfterSeconds);
    return translatePlural(dictionary, locale, `error.RATE_LIMITED.${unit}`, count);
  }
  return translate(dictionary, `error.${problem.code}`);
}
