import { describe, expect, it } from 'vitest';
import { clockTime, minutesOf } from './clock-time';

describe('clock times', () => {
  it('turns minutes past midnight into HH:MM and back', () => {
    expect(clockTime(570)).toBe('09:30');
    expect(clockTime(0)).toBe('00:00');
    expect(clockTime(1439)).toBe('23:59');
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('23:59')).toBe(1439);
  });

  it('refuses what is no time of day', () => {
    for (const time of ['', '9:30', '24:00', '12:60', 'noon']) expect(minutesOf(time)).toBeUndefined();
  });
});
