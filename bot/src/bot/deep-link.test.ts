import { describe, expect, it } from 'vitest';
import {
  isStartPayload,
  miniAppLink,
  miniAppUrl,
  parseStartPayload,
  type StartLink,
  startLink,
  startPayload,
} from './deep-link.js';

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

describe('parseStartPayload', () => {
  const orderId = Buffer.from('Order:0190a5d2-7c1e-7b3a-9f00-1234567890ab').toString('base64url');

  it('reads each kind of Posy link, and writes it back the same', () => {
    const links: StartLink[] = [
      { kind: 'shop', shopSlug: 'demo-shop-2' },
      { kind: 'order', orderId },
      { kind: 'invite', token: 'Zm9vYmFyYmF6cXV4LXF1dXg_12' },
      { kind: 'customer', token: 'Y3VzdG9tZXItbGluay0x' },
    ];
    for (const link of links) {
      expect(parseStartPayload(startPayload(link))).toEqual(link);
      expect(isStartPayload(startPayload(link))).toBe(true);
    }
  });

  it('takes nothing else', () => {
    for (const payload of [
      '',
      'hello',
      'shop-',
      'shop-Demo',
      'invite-short',
      'order-x',
      'customer-',
      'a b',
      undefined,
    ]) {
      expect(parseStartPayload(payload)).toBeUndefined();
    }
  });

  it('builds direct Mini App links that carry the payload as startapp', () => {
    expect(miniAppLink('posy_bot', 'shop-demo')).toBe('https://t.me/posy_bot?startapp=shop-demo');
    expect(() => miniAppLink('posy_bot', 'a b')).toThrow('Not a valid start payload');
  });
});
