import { randomUUID } from 'node:crypto';
import { type RunningBot, startBot } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';

const quiet = { error: () => {}, warn: () => {}, info: () => {} };
const ready = async (app: TestApp) => {
  const response = await fetch(`${app.url}/ready`);
  return { status: response.status, body: (await response.json()) as { bot: Record<string, string> } };
};

describe('/ready reports the bot', () => {
  test('disabled without BOT_TOKEN, and the server is ready all the same', async () => {
    const app = await startTestApp();
    try {
      expect(await ready(app)).toMatchObject({ status: 200, body: { bot: { state: 'disabled' } } });
    } finally {
      await app.stop();
    }
  });

  describe.skipIf(!process.env.REDIS_URL)('with a bot configured, from its heartbeat in Redis', () => {
    // A key of this test's own: other test files share the Redis.
    const heartbeatKey = `posy-test:bot-heartbeat:${randomUUID()}`;
    let telegram: FakeBotApi;
    let app: TestApp;
    let bot: RunningBot | undefined;
    beforeAll(async () => {
      telegram = await startFakeBotApi();
      app = await startTestApp({
        BOT_TOKEN: telegram.token,
        BOT_API_ROOT: telegram.apiRoot,
        BOT_HEARTBEAT_KEY: heartbeatKey,
      });
    });
    afterAll(async () => {
      await bot?.stop();
      await app?.stop();
      await telegram?.stop();
    });

    test('down before the bot runs, up while it runs, down once it stopped; ready throughout', async () => {
      expect(await ready(app)).toMatchObject({ status: 200, body: { bot: { state: 'down' } } });

      bot = await startBot(
        {
          botToken: telegram.token,
          apiRoot: telegram.apiRoot,
          botUsername: telegram.botInfo.username,
          webAppUrl: 'https://posy.test',
          redisUrl: process.env.REDIS_URL,
          heartbeatKey,
          heartbeatSeconds: 10,
          logLevel: 'silent',
        },
        { logger: quiet },
      );
      let answer = await ready(app);
      for (let tries = 0; answer.body.bot.state !== 'up' && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        answer = await ready(app);
      }
      expect(answer).toMatchObject({ status: 200, body: { bot: { state: 'up', mode: 'polling' } } });
      expect(Date.parse(answer.body.bot.lastBeatAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

      await bot.stop();
      expect(await ready(app)).toMatchObject({ status: 200, body: { bot: { state: 'down' } } });
    });
  });
});
