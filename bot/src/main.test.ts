import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../test/fake-bot-api.js';
import { privateMessage, telegramUser } from '../test/updates.js';

let fake: FakeBotApi;
beforeEach(async () => {
  fake = await startFakeBotApi();
});
afterEach(() => fake.stop());

const waitFor = async (what: string, check: () => boolean) => {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('the bot process (src/main.ts)', () => {
  it('polls, answers, and on SIGTERM stops taking updates and exits 0 with JSON logs', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url))],
      {
        env: {
          PATH: process.env.PATH,
          BOT_TOKEN: fake.token,
          BOT_API_ROOT: fake.apiRoot,
          BOT_USERNAME: fake.botInfo.username,
          WEBAPP_URL: 'https://app.posy.test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    await waitFor('the first poll', () => fake.calls.some((call) => call.method === 'getUpdates'));
    const { update_id: _, ...update } = privateMessage('/help', telegramUser({ id: 7 }));
    fake.pushUpdate(update);
    await waitFor('the reply', () => fake.calls.some((call) => call.method === 'sendMessage'));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const messages = output
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string; service: string }).msg);
    expect(messages).toEqual([
      'bot started',
      'stopping: no new updates, finishing the ones in flight',
      'bot stopped',
    ]);
  }, 30_000);
});
