import { describe, expect, it } from 'vitest';
import { resolveLocale, supportedLocale } from './locale.js';

describe('resolveLocale', () => {
  it.each(['ru', 'uk', 'be', 'kk', 'ru-RU', 'UK'])('reads %s as Russian', (code) => {
    expect(resolveLocale(code)).toBe('ru');
  });

  it.each(['en', 'de', 'pt-br', 'kz', '', undefined])('reads %s as English', (code) => {
    expect(resolveLocale(code)).toBe('en');
  });

  it('takes the first candidate it supports, most preferred first (saved locale, Telegram, browser)', () => {
    expect(resolveLocale(undefined, 'de-DE', 'ru-RU', 'en')).toBe('ru');
    expect(resolveLocale(null, 'fr', 'uk-UA', 'en-US')).toBe('ru');
    expect(resolveLocale('en_GB', 'ru')).toBe('en');
    expect(resolveLocale('fr', null)).toBe('en');
    expect(resolveLocale()).toBe('en');
  });
});

describe('supportedLocale', () => {
  it('has no answer for a language Posy has no rule for, so a later candidate can decide', () => {
    expect(supportedLocale('de')).toBeUndefined();
    expect(supportedLocale(' ')).toBeUndefined();
    expect(supportedLocale('be-BY')).toBe('ru');
    expect(supportedLocale('EN')).toBe('en');
  });
});
