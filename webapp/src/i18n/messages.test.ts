import { describe, expect, it } from 'vitest';
import { coreEn } from './core.en';
import { en } from './en';
import { interpolate, translate, translatePlural, translateProblem } from './messages';
import { ru } from './ru';

describe('interpolate', () => {
  it('fills named parameters and leaves unknown ones visible', () => {
    expect(interpolate('Order #{number} for {name}', { number: 12 })).toBe('Order #12 for {name}');
  });
});

describe('translate', () => {
  it('reads the dictionary of the language', () => {
    expect(translate(ru, 'order.title', { number: 7 })).toBe('Заказ №7');
    expect(translate(en, 'order.title', { number: 7 })).toBe('Order #7');
  });

  it('names the request id of a failure in both languages', () => {
    expect(translate(en, 'error.requestId', { id: 'trace-42' })).toContain('trace-42');
    expect(translate(ru, 'error.requestId', { id: 'trace-42' })).toContain('trace-42');
  });
});

describe('translatePlural', () => {
  it('uses the Russian one/few/many forms', () => {
    expect(translatePlural(ru, 'ru', 'orders.count', 1)).toBe('1 заказ');
    expect(translatePlural(ru, 'ru', 'orders.count', 3)).toBe('3 заказа');
    expect(translatePlural(ru, 'ru', 'orders.count', 11)).toBe('11 заказов');
    expect(translatePlural(ru, 'ru', 'orders.count', 21)).toBe('21 заказ');
  });

  it('uses the English one/other forms', () => {
    expect(translatePlural(en, 'en', 'orders.count', 1)).toBe('1 order');
    expect(translatePlural(en, 'en', 'orders.count', 0)).toBe('0 orders');
  });
});

describe('dictionaries', () => {
  it('hold each key in one part only, so no section overwrites another once both are loaded', () => {
    const parts = {
      core: coreEn,
      ...import.meta.glob<Record<string, Record<string, unknown>>>('./sections/*.en.ts', { eager: true }),
    };
    const owners = new Map<string, string[]>();
    for (const [part, exported] of Object.entries(parts))
      for (const dictionary of part === 'core' ? [exported] : Object.values(exported))
        for (const key of Object.keys(dictionary)) owners.set(key, [...(owners.get(key) ?? []), part]);
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([]);
  });

  it('have the same keys in every language', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('have every plural form each language needs', () => {
    for (const [locale, dictionary] of [
      ['ru', ru],
      ['en', en],
    ] as const) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const value of Object.values(dictionary)) {
        if (typeof value === 'string') continue;
        for (const category of categories) expect(value, `${locale} ${category}`).toHaveProperty(category);
      }
    }
  });
});

describe('translateProblem', () => {
  it('says how long a rate limit asks to wait, in seconds or minutes', () => {
    const limited = (retryAfterSeconds: number) => ({ code: 'RATE_LIMITED' as const, retryAfterSeconds });
    expect(translateProblem(en, 'en', limited(30))).toBe('Too many attempts. Try again in 30 seconds.');
    expect(translateProblem(en, 'en', limited(60))).toBe('Too many attempts. Try again in 1 minute.');
    expect(translateProblem(ru, 'ru', limited(1))).toBe('Слишком много попыток. Попробуйте через 1 секунду.');
    expect(translateProblem(ru, 'ru', limited(300))).toBe('Слишком много попыток. Попробуйте через 5 минут.');
    expect(translateProblem(ru, 'ru', limited(150))).toBe(
      'Слишком много попыток. Попробуйте через 3 минуты.',
    );
  });

  it('falls back to the plain message of the code', () => {
    expect(translateProblem(en, 'en', { code: 'RATE_LIMITED' })).toBe('Too many attempts. Try again later.');
    expect(translateProblem(ru, 'ru', { code: 'NOT_FOUND' })).toBe('Не найдено.');
  });
});
