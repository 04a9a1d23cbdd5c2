import { Api, GrammyError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';
import { preCheckoutQuery, privateMessage, successfulPayment } from './updates.js';

let fake: FakeBotApi;
let api: Api;

beforeEach(async () => {
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(() => fake.stop());

const post = (method: string, init: RequestInit) =>
  fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, { method: 'POST', ...init });

describe('fake Bot API', () => {
  it('answers getMe and sendMessage sent by grammY as JSON', async () => {
    expect((await api.getMe()).username).toBe('posy_test_bot');
    const before = Date.now();
    const message = await api.sendMessage(42, '<b>Hi</b> &amp; bye', { parse_mode: 'HTML' });
    expect(message).toMatchObject({ message_id: 1, chat: { id: 42 }, text: 'Hi & bye' });
    expect(fake.calls).toEqual([
      { method: 'getMe', payload: {} },
      { method: 'sendMessage', payload: { chat_id: 42, text: '<b>Hi</b> &amp; bye', parse_mode: 'HTML' } },
    ]);
    expect(fake.calls[1]!.at).toBeGreaterThanOrEqual(before);
    expect(fake.calls[1]!.at).toBeLessThanOrEqual(Date.now());
  });

  it('reads form-urlencoded bodies, parsing JSON-serialized fields', async () => {
    const body = new URLSearchParams({
      chat_id: '7',
      text: 'Привет',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', url: 'https://posy.test' }]] }),
    });
    const response = await post('sendMessage', { body });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, result: { chat: { id: 7 }, text: 'Привет' } });
    expect(fake.calls[0]?.payload).toEqual({
      chat_id: '7',
      text: 'Привет',
      reply_markup: { inline_keyboard: [[{ text: 'Go', url: 'https://posy.test' }]] },
    });
  });

  it('reads multipart bodies as grammY sends them with a file, and 404s an unknown method', async () => {
    const upload = api.sendDocument(9, new InputFile(Buffer.from('hello'), 'note.txt'), {
      caption: 'Заметка',
    });
    await expect(upload).rejects.toMatchObject({ error_code: 404, description: 'Not Found' });
    expect(fake.calls[0]).toEqual({
      method: 'sendDocument',
      payload: { chat_id: '9', document: { filename: 'note.txt', size: 5 }, caption: 'Заметка' },
    });
  });

  it('sends a photo uploaded by grammY with an HTML caption, and refuses one without a photo or with a bad caption', async () => {
    const sent = await api.sendPhoto(9, new InputFile(Buffer.from('jpegbytes'), 'bouquet.jpg'), {
      caption: '<b>Flora</b> approve?',
      parse_mode: 'HTML',
    });
    expect(sent).toMatchObject({ chat: { id: 9 }, caption: 'Flora approve?' });
    expect(fake.calls[0]).toMatchObject({
      method: 'sendPhoto',
      payload: { photo: { filename: 'bouquet.jpg', size: 9 }, caption: '<b>Flora</b> approve?' },
    });
    await expect(api.sendPhoto(9, '')).rejects.toMatchObject({ error_code: 400 });
    await expect(
      api.sendPhoto(9, 'file-id', { caption: '<b>open', parse_mode: 'HTML' }),
    ).rejects.toMatchObject({
      error_code: 400,
    });
  });

  it('reads multipart bodies from fetch FormData', async () => {
    const form = new FormData();
    form.set('chat_id', '5');
    form.set('text', 'from a form');
    const response = await post('sendMessage', { body: form });
    expect(await response.json()).toMatchObject({ ok: true, result: { text: 'from a form' } });
    expect(fake.calls[0]?.payload).toEqual({ chat_id: '5', text: 'from a form' });
  });

  it('rejects another token with 401 and records nothing', async () => {
    const response = await fetch(`${fake.apiRoot}/bot1:wrong/getMe`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    expect(fake.calls).toEqual([]);
  });

  it('fails the next call of a method once, with parameters and the matching HTTP status', async () => {
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    const response = await post('sendMessage', { body: new URLSearchParams({ chat_id: '1', text: 'a' }) });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    await expect(api.sendMessage(1, 'b')).resolves.toMatchObject({ text: 'b' });
  });

  it('rejects HTML Telegram could not parse, like Telegram', async () => {
    const error = await api
      .sendMessage(1, 'a <b> b', { parse_mode: 'HTML' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).description).toMatch(/^Bad Request: can't parse entities/);
    await expect(api.sendMessage(1, '1 < 2', { parse_mode: 'HTML' })).rejects.toThrow("can't parse entities");
    await expect(api.sendMessage(1, '<script>x</script>', { parse_mode: 'HTML' })).rejects.toThrow(
      'Unsupported start tag',
    );
  });

  it('validates setMyCommands', async () => {
    await expect(api.setMyCommands([{ command: 'start', description: 'Open' }])).resolves.toBe(true);
    await expect(api.setMyCommands([{ command: 'Start!', description: 'Open' }])).rejects.toThrow(
      'BOT_COMMAND_INVALID',
    );
  });
});

describe('fake Bot API updates', () => {
  /** A message update as Telegram queues it, before the queue numbers it. */
  const message = (text: string) => {
    const { update_id: _, ...update } = privateMessage(text);
    return update;
  };

  it('gives pushed updates to getUpdates until an offset confirms them, like Telegram', async () => {
    fake.pushUpdate(message('one'));
    fake.pushUpdate(message('two'));
    expect((await api.getUpdates()).map((update) => update.update_id)).toEqual([1, 2]);
    expect((await api.getUpdates({ limit: 1 })).map((update) => update.update_id)).toEqual([1]);
    expect((await api.getUpdates({ offset: 2 })).map((update) => update.update_id)).toEqual([2]);
    expect(fake.pendingUpdates.map((update) => update.update_id)).toEqual([2]);
    await expect(api.getUpdates({ offset: 3 })).resolves.toEqual([]);
  });

  it('holds a long poll until an update arrives', async () => {
    const polling = api.getUpdates({ timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pushed = fake.pushUpdate(message('late'));
    await expect(polling).resolves.toEqual([pushed]);
  });

  it('keeps a webhook set by setWebhook and refuses getUpdates meanwhile with 409', async () => {
    await api.setWebhook('https://bot.posy.test/hook', { secret_token: 's3cret' });
    expect(fake.webhook).toEqual({ url: 'https://bot.posy.test/hook', secret_token: 's3cret' });
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    await expect(api.setWebhook('http://insecure.test')).rejects.toThrow('HTTPS URL');
    await api.deleteWebhook();
    expect(fake.webhook).toBeUndefined();
    await expect(api.getUpdates()).resolves.toEqual([]);
  });
});

// Outbox abilities
describe('fake Bot API hangNext', () => {
  it('records the next call of a method and never answers it; the one after is answered', async () => {
    fake.hangNext('sendMessage');
    const abort = new AbortController();
    const hung = api.sendMessage(7, 'first', undefined, abort.signal as Parameters<Api['sendMessage']>[3]);
    // Recorded as soon as it arrives, yet unanswered.
    const deadline = Date.now() + 5000;
    while (fake.calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(fake.calls.map((call) => call.payload.text)).toEqual(['first']);
    await expect(api.sendMessage(7, 'second')).resolves.toMatchObject({ text: 'second' });
    let settled = false;
    void hung.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    abort.abort();
    await expect(hung).rejects.toThrow();
  });

  it('stop() does not wait for a hanging call', async () => {
    fake.hangNext('getMe');
    const hung = api.getMe().catch((error: unknown) => error);
    const deadline = Date.now() + 5000;
    while (fake.calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await fake.stop();
    expect(await hung).toBeInstanceOf(Error);
  });
});

describe('fake Bot API payments', () => {
  const prices = [
    { label: 'Roses ×2', amount: 250_000 },
    { label: 'Delivery', amount: 30_000 },
  ];

  it('creates invoice links, recording what was asked, and refuses what Telegram refuses', async () => {
    const link = await api.createInvoiceLink('Order #7', 'Flowers', 'p1.abc', 'TEST:token', 'RUB', prices);
    expect(link).toMatch(/^https:\/\/t\.me\/\$fake-invoice-\d+$/);
    expect(fake.calls.at(-1)).toEqual({
      method: 'createInvoiceLink',
      payload: {
        title: 'Order #7',
        description: 'Flowers',
        payload: 'p1.abc',
        provider_token: 'TEST:token',
        currency: 'RUB',
        prices,
      },
    });
    await expect(
      api.createInvoiceLink('Order #7', 'Flowers', 'x'.repeat(129), 'TEST:token', 'RUB', prices),
    ).rejects.toThrow('payload must be 1-128 bytes');
    await expect(api.createInvoiceLink('Order', 'Flowers', 'p', '', 'RUB', prices)).rejects.toThrow(
      'PAYMENT_PROVIDER_INVALID',
    );
    await expect(api.createInvoiceLink('Order', 'Flowers', 'p', '', 'XTR', prices)).rejects.toThrow(
      'exactly one price',
    );
    await expect(
      api.createInvoiceLink('Order', 'Flowers', 'p', '', 'XTR', [{ label: 'Order', amount: 50 }]),
    ).resolves.toMatch(/fake-invoice/);
  });

  it('answers pre-checkout queries, needing a message with a refusal, and refunds Stars', async () => {
    await expect(api.answerPreCheckoutQuery('q1', true)).resolves.toBe(true);
    await expect(api.answerPreCheckoutQuery('q2', false)).rejects.toThrow('error_message is required');
    await expect(api.answerPreCheckoutQuery('q3', false, { error_message: 'Cancelled' })).resolves.toBe(true);
    await expect(api.refundStarPayment(42, 'charge-1')).resolves.toBe(true);
    expect(fake.calls.map((call) => call.method)).toEqual([
      'answerPreCheckoutQuery',
      'answerPreCheckoutQuery',
      'answerPreCheckoutQuery',
      'refundStarPayment',
    ]);
  });

  it('can push updates: messages, pre_checkout_query and successful_payment', async () => {
    const invoice = { payload: 'p1.abc', totalAmount: 280_000, currency: 'RUB' };
    const { update_id: _a, ...text } = privateMessage('hello');
    const { update_id: _b, ...query } = preCheckoutQuery(invoice);
    const { update_id: _c, ...paid } = successfulPayment({ ...invoice, telegramChargeId: 'tg-1' });
    fake.pushUpdate(text);
    fake.pushUpdate(query);
    fake.pushUpdate(paid);
    const updates = await api.getUpdates();
    expect(updates[0]?.message?.text).toBe('hello');
    expect(updates[1]?.pre_checkout_query).toMatchObject({
      invoice_payload: 'p1.abc',
      total_amount: 280_000,
      currency: 'RUB',
    });
    expect(updates[2]?.message?.successful_payment).toEqual({
      currency: 'RUB',
      total_amount: 280_000,
      invoice_payload: 'p1.abc',
      telegram_payment_charge_id: 'tg-1',
      provider_payment_charge_id: 'provider-tg-1',
    });
  });
});
