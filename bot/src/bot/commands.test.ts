import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFor, TEST_WEBAPP_URL } from '../../test/config.js';
import { type FakeBotApi, startFakeBotApi } from '../../test/fake-bot-api.js';
import { setCommands } from './commands.js';
import { setMenuButton } from './menu-button.js';

let fake: FakeBotApi;
let api: Api;

beforeEach(async () => {
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(() => fake.stop());

const english = [
  { command: 'start', description: 'Open Posy' },
  { command: 'language', description: 'Change language' },
  { command: 'help', description: 'What this bot can do' },
];
const russian = [
  { command: 'start', description: 'Открыть Posy' },
  { command: 'language', description: 'Сменить язык' },
  { command: 'help', description: 'Что умеет бот' },
];

describe('setCommands', () => {
  it('registers English by default and Russian for the languages answered in Russian', async () => {
    await setCommands({ api });
    expect(fake.calls).toEqual([
      { method: 'setMyCommands', payload: { commands: english } },
      { method: 'setMyCommands', payload: { commands: english, language_code: 'en' } },
      { method: 'setMyCommands', payload: { commands: russian, language_code: 'ru' } },
      { method: 'setMyCommands', payload: { commands: russian, language_code: 'uk' } },
      { method: 'setMyCommands', payload: { commands: russian, language_code: 'be' } },
      { method: 'setMyCommands', payload: { commands: russian, language_code: 'kk' } },
    ]);
  });
});

describe('setMenuButton', () => {
  it('makes the menu button open the Mini App', async () => {
    await setMenuButton({ api }, configFor(fake));
    expect(fake.calls).toEqual([
      {
        method: 'setChatMenuButton',
        payload: { menu_button: { type: 'web_app', text: 'Posy', web_app: { url: TEST_WEBAPP_URL } } },
      },
    ]);
  });
});
