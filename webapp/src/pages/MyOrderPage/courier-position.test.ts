import { describe, expect, it } from 'vitest';
import { positionAge, positionAgeSeconds, positionMapUrl } from './courier-position';

describe('courier position', () => {
  it('ages by the device clock, never below zero', () => {
    const now = Date.parse('2030-01-07T10:00:00Z');
    expect(positionAgeSeconds('2030-01-07T09:58:30Z', now)).toBe(90);
    expect(positionAgeSeconds('2030-01-07T10:00:05Z', now)).toBe(0);
  });

  it('says the age in the largest whole unit', () => {
    expect(positionAge(42)).toEqual({ unit: 'seconds', count: 42 });
    expect(positionAge(90)).toEqual({ unit: 'minutes', count: 1 });
    expect(positionAge(7300)).toEqual({ unit: 'hours', count: 2 });
  });

  it('links to the position on a map', () => {
    expect(positionMapUrl(55.751244, 37.618423)).toBe(
      'https://www.openstreetmap.org/?mlat=55.75124&mlon=37.61842#map=16/55.75124/37.61842',
    );
  });
});
