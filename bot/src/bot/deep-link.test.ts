import { describe, expect, it } from 'vitest';
import { isStartPayload, miniAppUrl, startLink } from './deep-link.js';

describe('deep links', () => {
  it('accepts only payloads Telegram can carry', () => {
    expect(isStartPayload('invite_AbC-123')).toBe(true);
    expect(isStartPayload('a'.repeat(64))).toBe(true);
    expect(isStartPayload('a'.repeat(65))).toBe(false);
    expect(isStartPayload('')).toBe(false);
    expect(isStartPayload('hello world')).toBe(false);
  });

  it('builds t.me start links and refuses payloads Telegram would drop', () => {
    expect(startLink('posy_bot', 'invite_42')).toBe('https://t.me/posy_bot?start=invite_42');
    expect(() => startLink('posy_bot', 'a b')).toThrow('Not a valid start payload');
  });

  it('passes a payload on to the Mini App as startapp', () => {
    expect(miniAppUrl('https://app.posy.test', 'order_1')).toBe('https://app.posy.test?startapp=order_1');
    expect(miniAppUrl('https://app.posy.test')).toBe('https://app.posy.test');
  });
});
