import { describe, expect, it } from 'vitest';
import { handoverCodeMatches, hashHandoverCode, newHandoverCode } from './handover-code.js';

describe('handover codes', () => {
  it('are four digits, leading zeros kept, and spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, newHandoverCode);
    for (const code of codes) expect(code).toMatch(/^\d{4}$/);
    // 2000 draws from 10 000 codes: a constant or narrow generator would repeat far more.
    expect(new Set(codes).size).toBeGreaterThan(1500);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
  });

  it('match only their own delivery, and only the right code', () => {
    const hash = hashHandoverCode('delivery-1', '0427');
    expect(hash).not.toContain('0427');
    expect(handoverCodeMatches('delivery-1', hash, '0427')).toBe(true);
    expect(handoverCodeMatches('delivery-1', hash, ' 0427 ')).toBe(true);
    expect(handoverCodeMatches('delivery-1', hash, '0428')).toBe(false);
    expect(handoverCodeMatches('delivery-2', hash, '0427')).toBe(false);
  });
});
