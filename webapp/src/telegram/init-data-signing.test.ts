import { parse, validate } from '@tma.js/init-data-node';
import { describe, expect, it } from 'vitest';
import { signInitData } from './init-data-signing';

const botToken = '1:posy-development-only';
const fields = {
  user: JSON.stringify({ id: 100000002, first_name: 'Max', username: 'manager', language_code: 'en' }),
  auth_date: String(Math.floor(Date.now() / 1000)),
  start_param: 'shop-demo',
  signature: 'development-only',
};

// The server checks init data with @tma.js/init-data-node; the mock's own signer must satisfy it.
describe('signInitData', () => {
  it('signs init data that Telegram’s algorithm accepts for the same bot token', async () => {
    const initData = await signInitData(fields, botToken);
    expect(() => validate(initData, botToken)).not.toThrow();
    expect(parse(initData).user?.id).toBe(100000002);
    expect(parse(initData).start_param).toBe('shop-demo');
  });

  it('is refused for another bot token and when a field is altered', async () => {
    const initData = await signInitData(fields, botToken);
    expect(() => validate(initData, '2:another-bot')).toThrow();
    expect(() => validate(initData.replace('shop-demo', 'shop-other'), botToken)).toThrow();
  });
});
