import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../test/fake-bot-api.js';
import { sendNotification } from './send.js';
import { type RenderedNotification, renderNotification } from './templates.js';

let fake: FakeBotApi;
let api: Api;

const rendered: RenderedNotification = renderNotification({
  kind: 'ORDER_STATUS_CHANGED',
  payload: { orderId: 'ord_1', orderNumber: 1024, status: 'READY', shopName: 'Roses & Co' },
  locale: 'en',
  webAppUrl: 'https://app.posy.test',
});

beforeEach(async () => {
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(() => fake.stop());

describe('sendNotification', () => {
  it('sends the rendered HTML with its button and returns the message id', async () => {
    await expect(sendNotification(api, 4242, rendered)).resolves.toEqual({ ok: true, messageId: 1 });
    await expect(sendNotification(api, '4242', rendered)).resolves.toEqual({ ok: true, messageId: 2 });
    expect(fake.calls[0]).toEqual({
      method: 'sendMessage',
      payload: {
        chat_id: 4242,
        text: '<b>Roses &amp; Co</b>\nOrder #1024 is now <b>ready</b>.',
        parse_mode: 'HTML',
        reply_markup: {
          inline_keyboard: [[{ text: 'Open order', web_app: { url: 'https://app.posy.test/orders/ord_1' } }]],
        },
        link_preview_options: { is_disabled: true },
      },
    });
  });

  it.each([
    ['Forbidden: bot was blocked by the user'],
    ['Forbidden: user is deactivated'],
    ["Forbidden: bot can't initiate conversation with a user"],
  ])('gives up on 403 "%s" as BLOCKED', async (description) => {
    fake.failNext('sendMessage', { error_code: 403, description });
    await expect(sendNotification(api, 1, rendered)).resolves.toEqual({
      ok: false,
      retry: false,
      reason: 'BLOCKED',
      errorCode: 403,
      description,
    });
  });

  it('gives up on 400 chat not found as CHAT_NOT_FOUND', async () => {
    fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    await expect(sendNotification(api, 1, rendered)).resolves.toEqual({
      ok: false,
      retry: false,
      reason: 'CHAT_NOT_FOUND',
      errorCode: 400,
      description: 'Bad Request: chat not found',
    });
  });

  it('gives up on any other 400, such as HTML Telegram cannot parse, as BAD_REQUEST', async () => {
    const broken: RenderedNotification = { text: 'Order <b>1024', parseMode: 'HTML' };
    const result = await sendNotification(api, 1, broken);
    expect(result).toMatchObject({ ok: false, retry: false, reason: 'BAD_REQUEST' });
    expect(result.ok === false && result.description).toMatch(/^Bad Request: can't parse entities/);
  });

  it('retries 429 after parameters.retry_after seconds', async () => {
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    await expect(sendNotification(api, 1, rendered)).resolves.toEqual({
      ok: false,
      retry: true,
      retryAfterSeconds: 3,
      errorCode: 429,
      description: 'Too Many Requests: retry after 3',
    });
  });

  it('retries a 500 with no delay given', async () => {
    fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const result = await sendNotification(api, 1, rendered);
    expect(result).toEqual({
      ok: false,
      retry: true,
      errorCode: 500,
      description: 'Internal Server Error',
    });
  });

  it('retries when the Bot API cannot be reached, without leaking the token', async () => {
    await fake.stop();
    const result = await sendNotification(api, 1, rendered);
    expect(result).toMatchObject({ ok: false, retry: true });
    expect(result.ok === false && result.description).toBe(
      "Network request for 'sendMessage' failed! (ECONNREFUSED)",
    );
    expect(JSON.stringify(result)).not.toContain(fake.token);
  });
});
