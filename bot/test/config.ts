import type { BotConfig } from '../src/config.js';
import type { FakeBotApi } from './fake-bot-api.js';

export const TEST_WEBAPP_URL = 'https://app.posy.test';

/** A config pointing the bot at `fake`. */
export function configFor(fake: FakeBotApi): BotConfig {
  return {
    botToken: fake.token,
    apiRoot: fake.apiRoot,
    botUsername: fake.botInfo.username,
    webAppUrl: TEST_WEBAPP_URL,
  };
}
