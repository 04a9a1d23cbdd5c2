import { describe, expect, it } from 'vitest';
import { BotConfigError, parseBotConfig, parseBotRunConfig } from './config.js';

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

describe('parseBotRunConfig', () => {
  it('polls by default, without Redis, beating every 10 s', () => {
    expect(parseBotRunConfig(valid)).toEqual({
      ...parseBotConfig(valid),
      heartbeatSeconds: 10,
      heartbeatKey: 'posy:bot:heartbeat',
      logLevel: 'info',
    });
  });

  it('takes updates by webhook when a URL and its secret are given', () => {
    const config = parseBotRunConfig({
      ...valid,
      BOT_WEBHOOK_URL: 'https://bot.posy.test/telegram',
      BOT_WEBHOOK_SECRET: 'a-Secret_1',
      BOT_WEBHOOK_PORT: '9000',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.webhook).toEqual({
      url: 'https://bot.posy.test/telegram',
      secretToken: 'a-Secret_1',
      host: '0.0.0.0',
      port: 9000,
    });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    ['BOT_WEBHOOK_SECRET', { BOT_WEBHOOK_URL: 'https://bot.posy.test/telegram' }, 'is required with'],
    ['BOT_WEBHOOK_SECRET', { BOT_WEBHOOK_SECRET: 'no spaces allowed' }, '1–256 characters'],
    ['BOT_WEBHOOK_URL', { BOT_WEBHOOK_URL: 'bot.posy.test' }, 'http(s) URL'],
    ['BOT_HEARTBEAT_SECONDS', { BOT_HEARTBEAT_SECONDS: '0' }, ''],
  ])('fails naming %s when it is %j', (variable, override, reason) => {
    let error: unknown;
    try {
      parseBotRunConfig({ ...valid, ...override });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BotConfigError);
    expect((error as BotConfigError).variable).toBe(variable);
    expect((error as BotConfigError).message).toContain(reason);
  });
});
