import { describe, expect, it } from 'vitest';
import { en, type PluralForms } from './en.js';
import { ru } from './ru.js';
import { t } from './translate.js';

const placeholders = (entry: string | PluralForms) =>
  [...new Set((typeof entry === 'string' ? entry : Object.values(entry).join(' ')).match(/\{\w+\}/g))].sort();

describe('dictionaries', () => {
  it('have the same keys in ru and en', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders for every key', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('give Russian plurals the one/few/many forms', () => {
    for (const [key, entry] of Object.entries(ru)) {
      if (typeof entry === 'string') continue;
      expect(Object.keys(entry).sort(), key).toEqual(['few', 'many', 'one', 'other']);
    }
  });
});

describe('t', () => {
  it('interpolates parameters', () => {
    expect(t('en', 'language.changed', { language: 'English' })).toBe('Language set to English.');
    expect(t('ru', 'start.welcome', { name: 'Оля' })).toContain('Добро пожаловать в Posy, Оля!');
  });

  it.each([
    [1, '1 минуту'],
    [3, '3 минуты'],
    [5, '5 минут'],
    [11, '11 минут'],
    [21, '21 минуту'],
    [1.5, '1,5 минуты'],
  ])('picks the Russian plural for %d', (count, expected) => {
    expect(t('ru', 'unit.minutes', { count })).toBe(expected);
  });

  it.each([
    [1, '1 minute'],
    [2, '2 minutes'],
    [1000, '1,000 minutes'],
  ])('picks the English plural for %d', (count, expected) => {
    expect(t('en', 'unit.minutes', { count })).toBe(expected);
  });

  it('rejects a missing parameter, at compile time and at run time', () => {
    // @ts-expect-error `language` is required by the message
    expect(() => t('en', 'language.changed', {})).toThrow('needs parameter "language"');
    // @ts-expect-error plural messages need a count
    expect(() => t('en', 'unit.minutes', {})).toThrow('needs a numeric count');
  });
});
