import { type Dictionary, en, type PluralForms } from './en.js';
import type { Locale } from './locale.js';
import { ru } from './ru.js';

export type MessageKey = keyof Dictionary;

export const dictionaries: Readonly<Record<Locale, Dictionary>> = { en, ru };

type PlaceholdersOf<S> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;
type Entry<K extends MessageKey> = (typeof en)[K];

/** Parameters a message needs, read from its English text; plural messages also need a numeric `count`. */
export type MessageParams<K extends MessageKey> =
  Entry<K> extends string
    ? Record<PlaceholdersOf<Entry<K>>, string | number>
    : Record<Exclude<PlaceholdersOf<Entry<K>[keyof Entry<K>]>, 'count'>, string | number> & { count: number };

type ParamsArgument<K extends MessageKey> = [keyof MessageParams<K>] extends [never]
  ? [params?: Record<string, never>]
  : [params: MessageParams<K>];

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * Translates `key` into `locale`, replacing `{name}` with `params.name`. Values are inserted as given:
 * callers that send HTML escape them first. For plural messages the form is chosen by `params.count`,
 * which is also formatted for the locale.
 */
export function t<K extends MessageKey>(locale: Locale, key: K, ...[params]: ParamsArgument<K>): string {
  const entry: string | PluralForms = dictionaries[locale][key];
  const values: Record<string, string | number> = { ...params };
  let template: string;
  if (typeof entry === 'string') {
    template = entry;
  } else {
    const count = values.count;
    if (typeof count !== 'number') throw new TypeError(`Message "${key}" needs a numeric count`);
    template = entry[pluralRulesFor(locale).select(count)] ?? entry.other;
    values.count = numberFormatFor(locale).format(count);
  }
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TypeError(`Message "${key}" needs parameter "${name}"`);
    return String(value);
  });
}

function pluralRulesFor(locale: Locale): Intl.PluralRules {
  const cached = pluralRules.get(locale);
  if (cached) return cached;
  const rules = new Intl.PluralRules(locale);
  pluralRules.set(locale, rules);
  return rules;
}

function numberFormatFor(locale: Locale): Intl.NumberFormat {
  const cached = numberFormats.get(locale);
  if (cached) return cached;
  const format = new Intl.NumberFormat(locale);
  numberFormats.set(locale, format);
  return format;
}
