import { describe, expect, it } from 'vitest';
import { BotConfigError, parseBotConfig } from './config.js';

const valid = {
  BOT_TOKEN: '123456:ABC-def_ghi',
  BOT_USERNAME: '@posy_shop_bot',
  WEBAPP_URL: 'https://app.posy.test/',
};

function errorFor(env: Record<string, string | undefined>): BotConfigError {
  try {
    parseBotConfig(env);
  } catch (error) {
    if (error instanceof BotConfigError) return error;
    throw error;
  }
  throw new Error('parseBotConfig accepted the environment');
}

describe('parseBotConfig', () => {
  it('reads a valid environment, defaulting the API root and normalising URLs and the username', () => {
    expect(parseBotConfig(valid)).toEqual({
      botToken: '123456:ABC-def_ghi',
      apiRoot: 'https://api.telegram.org',
      botUsername: 'posy_shop_bot',
      webAppUrl: 'https://app.posy.test',
    });
  });

  it('keeps a custom API root and a Mini App path, without trailing slashes', () => {
    const config = parseBotConfig({
      ...valid,
      BOT_API_ROOT: 'http://127.0.0.1:8081/',
      WEBAPP_URL: 'http://localhost:5173/app/',
    });
    expect(config.apiRoot).toBe('http://127.0.0.1:8081');
    expect(config.webAppUrl).toBe('http://localhost:5173/app');
  });

  it.each([
    ['BOT_TOKEN', { BOT_TOKEN: undefined }, 'is required'],
    ['BOT_TOKEN', { BOT_TOKEN: 'not-a-token' }, '<digits>:<secret>'],
    ['BOT_TOKEN', { BOT_TOKEN: 'abc:def' }, '<digits>:<secret>'],
    ['BOT_API_ROOT', { BOT_API_ROOT: 'api.telegram.org' }, 'http(s) URL'],
    ['BOT_USERNAME', { BOT_USERNAME: '' }, 'is required'],
    ['BOT_USERNAME', { BOT_USERNAME: 'x y' }, 'Telegram username'],
    ['WEBAPP_URL', { WEBAPP_URL: undefined }, 'is required'],
    ['WEBAPP_URL', { WEBAPP_URL: 'ftp://app.posy.test' }, 'http(s) URL'],
    ['WEBAPP_URL', { WEBAPP_URL: 'https://app.posy.test/?x=1' }, 'query string'],
  ])('fails naming %s when it is %j', (variable, override, reason) => {
    const error = errorFor({ ...valid, ...override });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(reason);
  });
});
