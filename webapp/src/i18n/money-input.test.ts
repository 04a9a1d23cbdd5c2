import { describe, expect, it } from 'vitest';
import { moneyInputValue, parseMoneyInput } from './money-input';

describe('parseMoneyInput', () => {
  it('reads major units with a point or a comma into minor units', () => {
    expect(parseMoneyInput('12.5', 'RUB')).toBe(1250);
    expect(parseMoneyInput('12,50', 'RUB')).toBe(1250);
    expect(parseMoneyInput('1 200', 'RUB')).toBe(120_000);
    expect(parseMoneyInput('95', 'RUB')).toBe(9500);
    expect(parseMoneyInput('300', 'JPY')).toBe(300);
  });

  it('refuses what is no amount', () => {
    for (const text of ['', '-5', 'abc', '1.234', '1.2.3'])
      expect(parseMoneyInput(text, 'RUB')).toBeUndefined();
    expect(parseMoneyInput('3.5', 'JPY')).toBeUndefined();
  });

  it('writes minor units back as the field shows them', () => {
    expect(moneyInputValue(1250, 'RUB')).toBe('12.50');
    expect(moneyInputValue(300, 'JPY')).toBe('300');
  });
});
