import { describe, expect, test } from 'vitest';
import { ConfigError, parseBotHostConfig, parseConfig } from '../src/config.js';

describe('configuration', () => {
  test('defaults give a working development setup with no variables at all', () => {
    const config = parseConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
  });

  test('every bad variable is named in one message', () => {
    const attempt = () => parseConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', BOT_TOKEN: 'nope' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/BOT_TOKEN/);
  });

  test('production refuses to start without a signing key', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/JWT_PRIVATE_KEY/);
  });

  test('empty URLs count as unset, lists are split', () => {
    const config = parseConfig({ DATABASE_URL: '', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  test('any empty variable counts as unset (compose passes an unset BOT_TOKEN as "")', () => {
    const config = parseConfig({ BOT_TOKEN: '', JWT_PRIVATE_KEY: '', PORT: '' });
    expect(config.telegram.botToken).toBeUndefined();
    expect(config.port).toBe(4000);
  });

  test('Mini App data is checked against the bot token, a development token only outside production', () => {
    expect(parseConfig({ BOT_TOKEN: '1:abc' }).telegram.initDataToken).toBe('1:abc');
    expect(parseConfig({}).telegram.initDataToken).toBe('1:posy-development-only');
    const production = parseConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: 'x' });
    expect(production.telegram.initDataToken).toBeUndefined();
  });

  test('GraphiQL is on outside production, off in production unless GRAPHIQL turns it on', () => {
    expect(parseConfig({}).graphiql).toBe(true);
    expect(parseConfig({ GRAPHIQL: 'false' }).graphiql).toBe(false);
    const production = { NODE_ENV: 'production', JWT_PRIVATE_KEY: 'x' };
    expect(parseConfig(production).graphiql).toBe(false);
    expect(parseConfig({ ...production, GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(() => parseConfig({ GRAPHIQL: 'yes' })).toThrow(/GRAPHIQL/);
  });

  test('the bot host needs a database URL, and nothing of the server', () => {
    expect(() => parseBotHostConfig({})).toThrow(/DATABASE_URL/);
    expect(() => parseBotHostConfig({ DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(parseBotHostConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://posy@db/posy' })).toEqual(
      {
        databaseUrl: 'postgresql://posy@db/posy',
      },
    );
  });
});
