import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../test/fake-bot-api.js';
import { locales } from '../i18n/locale.js';
import type { Notification } from './kinds.js';
import { sendNotification } from './send.js';
import { notificationKinds, renderNotification } from './templates.js';

const webAppUrl = 'https://app.posy.test';
const evil = '<b>Roses & "Co"</b>';
const escaped = '&lt;b&gt;Roses &amp; &quot;Co&quot;&lt;/b&gt;';

/** One notification of every kind, each with HTML in whatever free text it carries. */
const samples: Notification[] = [
  { kind: 'LOGIN_CODE', payload: { code: '<b>123456</b>', expiresInMinutes: 5 } },
  {
    kind: 'ORDER_STATUS_CHANGED',
    payload: { orderId: 'ord_1', orderNumber: 1024, status: 'IN_PRODUCTION', shopName: evil },
  },
  { kind: 'ORDER_ASSIGNED', payload: { orderId: 'ord_1', orderNumber: '<b>A-7</b>', role: 'COURIER' } },
  { kind: 'INVITE', payload: { shopName: evil, role: 'FLORIST', link: `${webAppUrl}/invites/inv_9` } },
  {
    kind: 'SUBSCRIPTION_ENDING',
    payload: { subscriptionId: 'sub_3', validUntil: '2026-03-01T10:00:00Z', shopName: evil },
  },
  {
    kind: 'BATCH_EXPIRING',
    payload: {
      stockItemName: evil,
      quantity: 1250.5,
      unit: '<i>stems</i>',
      expiresAt: '2026-03-01T10:00:00Z',
    },
  },
  {
    kind: 'DELIVERY_WINDOW_AT_RISK',
    payload: { orderId: 'ord_2', orderNumber: 1025, windowEnd: '2026-03-01T15:30:00Z' },
  },
  {
    kind: 'BOUQUET_APPROVAL_REQUESTED',
    payload: { orderId: 'ord_3', orderNumber: 1026, shopName: evil, taskId: 'task_1' },
  },
  {
    kind: 'HANDOVER_CODE',
    payload: {
      orderId: 'ord_4',
      orderNumber: 1027,
      shopName: evil,
      code: '0427',
      audience: 'RECIPIENT',
      senderName: evil,
    },
  },
  {
    kind: 'IMPORTANT_DATE_COMING',
    payload: {
      importantDateId: 'date_1',
      title: evil,
      date: '2027-03-01',
      shopName: evil,
      shopSlug: 'flora',
    },
  },
];

const render = (notification: Notification, locale: 'en' | 'ru', timeZone?: string) =>
  renderNotification({ ...notification, locale, webAppUrl, ...(timeZone ? { timeZone } : {}) });

let fake: FakeBotApi;
let api: Api;
beforeAll(async () => {
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});
afterAll(() => fake.stop());

describe('renderNotification', () => {
  it('has a sample for every kind', () => {
    expect(samples.map((sample) => sample.kind).sort()).toEqual([...notificationKinds].sort());
    expect(notificationKinds).toHaveLength(10);
  });

  for (const locale of locales) {
    for (const sample of samples) {
      it(`renders ${sample.kind} in ${locale} as HTML Telegram accepts, with user text escaped`, async () => {
        const rendered = render(sample, locale);
        expect(rendered.parseMode).toBe('HTML');
        expect(rendered.text).not.toMatch(/\{\w+\}|undefined/);
        expect(rendered.text).not.toContain('<b>Roses');
        expect(rendered.text).not.toContain('<i>stems');
        if ('shopName' in sample.payload || 'stockItemName' in sample.payload)
          expect(rendered.text).toContain(escaped);
        await expect(sendNotification(api, 1, rendered)).resolves.toMatchObject({ ok: true });
      });
    }
  }

  it('writes order status changes in each language, with a button to the order', () => {
    const [, statusChanged] = samples as [Notification, Notification];
    expect(render(statusChanged, 'en')).toEqual({
      text: `<b>${escaped}</b>\nOrder #1024 is now <b>being made</b>.`,
      parseMode: 'HTML',
      replyMarkup: {
        inline_keyboard: [[{ text: 'Open order', web_app: { url: `${webAppUrl}/orders/ord_1` } }]],
      },
    });
    expect(render(statusChanged, 'ru')).toEqual({
      text: `<b>${escaped}</b>\nСтатус заказа №1024: <b>собирается</b>.`,
      parseMode: 'HTML',
      replyMarkup: {
        inline_keyboard: [[{ text: 'Открыть заказ', web_app: { url: `${webAppUrl}/orders/ord_1` } }]],
      },
    });
  });

  it('translates every order status', () => {
    const statuses = [
      'NEW',
      'CONFIRMED',
      'IN_PRODUCTION',
      'READY',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
      'PICKED_UP',
      'CANCELLED',
    ] as const;
    const texts = statuses.map(
      (status) =>
        render(
          { kind: 'ORDER_STATUS_CHANGED', payload: { orderId: 'o', orderNumber: 1, status, shopName: 'S' } },
          'ru',
        ).text,
    );
    expect(texts.map((text) => /<b>([^<]+)<\/b>\.$/.exec(text)?.[1])).toEqual([
      'новый',
      'подтверждён',
      'собирается',
      'готов',
      'в пути',
      'доставлен',
      'получен',
      'отменён',
    ]);
    const pickedUp = { orderId: 'o', orderNumber: 1, status: 'PICKED_UP', shopName: 'S' } as const;
    expect(render({ kind: 'ORDER_STATUS_CHANGED', payload: pickedUp }, 'en').text).toBe(
      '<b>S</b>\nOrder #1 is now <b>picked up</b>.',
    );
  });

  it('sends a login code without a button, with the expiry pluralised', () => {
    const login = (expiresInMinutes: number, locale: 'en' | 'ru') =>
      render({ kind: 'LOGIN_CODE', payload: { code: '123456', expiresInMinutes } }, locale);
    expect(login(1, 'en')).toEqual({
      text: 'Your Posy login code: <code>123456</code>\nIt expires in 1 minute. Never share it.',
      parseMode: 'HTML',
    });
    expect(login(5, 'ru').text).toContain('истекает через 5 минут.');
    expect(login(2, 'ru').text).toContain('истекает через 2 минуты.');
    expect(login(21, 'ru').text).toContain('истекает через 21 минуту.');
  });

  it('tells florists and couriers apart', () => {
    const assigned = (role: 'FLORIST' | 'COURIER') =>
      render({ kind: 'ORDER_ASSIGNED', payload: { orderId: 'o 1/2', orderNumber: 7, role } }, 'en');
    expect(assigned('FLORIST').text).toBe('You have been assigned to make order <b>#7</b>.');
    expect(assigned('COURIER').text).toBe('You have been assigned to deliver order <b>#7</b>.');
    expect(assigned('COURIER').replyMarkup?.inline_keyboard[0]?.[0]).toEqual({
      text: 'Open order',
      web_app: { url: `${webAppUrl}/orders/o%201%2F2` },
    });
  });

  it('sends the handover code to the recipient without naming an anonymous sender, to the customer with their order', () => {
    const code = (audience: 'RECIPIENT' | 'CUSTOMER', senderName: string | null, locale: 'en' | 'ru') =>
      render(
        {
          kind: 'HANDOVER_CODE',
          payload: { orderId: 'o1', orderNumber: 9, shopName: 'Flora', code: '0042', audience, senderName },
        },
        locale,
      );
    expect(code('RECIPIENT', 'Tanya', 'en')).toEqual({
      text: '<b>Flora</b>\nFlowers from Tanya are on their way to you. Tell the courier this code when they arrive: <code>0042</code>',
      parseMode: 'HTML',
    });
    for (const locale of locales) {
      const anonymous = code('RECIPIENT', null, locale);
      expect(anonymous.text).toContain('<code>0042</code>');
      expect(anonymous.text).not.toMatch(/Tanya|from | от /);
      expect(anonymous.replyMarkup).toBeUndefined();
    }
    const toCustomer = code('CUSTOMER', 'Tanya', 'ru');
    expect(toCustomer.text).toBe(
      '<b>Flora</b>\nЗаказ №9 в пути. Получатель называет курьеру этот код: <code>0042</code>',
    );
    expect(toCustomer.replyMarkup?.inline_keyboard[0]?.[0]).toEqual({
      text: 'Открыть заказ',
      web_app: { url: `${webAppUrl}/orders/o1` },
    });
  });

  it('formats dates in the locale and the given time zone', () => {
    const ending = {
      kind: 'SUBSCRIPTION_ENDING',
      payload: { subscriptionId: 'sub_3', validUntil: '2026-03-01T22:30:00Z', shopName: 'Flora' },
    } as const;
    expect(render(ending, 'en').text).toBe('The Posy subscription of <b>Flora</b> ends on March 1, 2026.');
    expect(render(ending, 'ru').text).toBe(
      '1 марта 2026 г. заканчивается подписка Posy магазина <b>Flora</b>.',
    );
    expect(render(ending, 'en', 'Europe/Moscow').text).toContain('March 2, 2026');
    expect(render(ending, 'en').replyMarkup?.inline_keyboard[0]?.[0]).toEqual({
      text: 'Manage subscription',
      web_app: { url: `${webAppUrl}/subscriptions/sub_3` },
    });

    const atRisk = render(samples[6] as Notification, 'ru', 'Europe/Moscow').text;
    expect(atRisk).toContain('18:30');
    expect(atRisk).toContain('1 мар');
    const batch = render(samples[5] as Notification, 'ru').text;
    expect(batch).toContain('1\u00a0250,5 &lt;i&gt;stems&lt;/i&gt;');
  });

  it('reminds of an important date on its calendar day in any zone, with a button into the shop’s catalog', () => {
    const coming = {
      kind: 'IMPORTANT_DATE_COMING',
      payload: {
        importantDateId: 'd',
        title: 'Birthday of Anna',
        date: '2027-03-01',
        shopName: 'Flora',
        shopSlug: 'flora',
      },
    } as const;
    expect(render(coming, 'en').text).toBe(
      '<b>Flora</b>\nBirthday of Anna is on March 1, 2027: order flowers in time.',
    );
    expect(render(coming, 'ru').text).toBe(
      '<b>Flora</b>\n1 марта 2027 г. — Birthday of Anna: закажите цветы заранее.',
    );
    // A calendar day: neither Los Angeles nor Kamchatka moves it.
    expect(render(coming, 'en', 'America/Los_Angeles').text).toContain('March 1, 2027');
    expect(render(coming, 'en', 'Asia/Kamchatka').text).toContain('March 1, 2027');
    expect(render(coming, 'ru').replyMarkup).toEqual({
      inline_keyboard: [[{ text: 'Заказать цветы', web_app: { url: `${webAppUrl}?startapp=shop-flora` } }]],
    });
    expect(() => render({ ...coming, payload: { ...coming.payload, date: 'soon' } }, 'en')).toThrow(
      'date is not an ISO date',
    );
  });

  it('opens an invitation inside the Mini App as a web app, and any other link as a link', () => {
    const invite = (link: string) =>
      render({ kind: 'INVITE', payload: { shopName: 'Flora', role: 'COURIER', link } }, 'ru').replyMarkup;
    expect(invite(`${webAppUrl}/invites/inv_9`)).toEqual({
      inline_keyboard: [[{ text: 'Принять приглашение', web_app: { url: `${webAppUrl}/invites/inv_9` } }]],
    });
    expect(invite('https://t.me/posy_bot?start=inv_9')).toEqual({
      inline_keyboard: [[{ text: 'Принять приглашение', url: 'https://t.me/posy_bot?start=inv_9' }]],
    });
    // A look-alike host must not pass as the Mini App.
    expect(invite('https://app.posy.test.evil.example/x')?.inline_keyboard[0]?.[0]).not.toHaveProperty(
      'web_app',
    );
    expect(() => invite('javascript:alert(1)')).toThrow('link is not an http(s) or tg URL');
  });

  it('refuses a malformed payload instead of sending it half-filled', () => {
    expect(() =>
      render(
        { kind: 'SUBSCRIPTION_ENDING', payload: { subscriptionId: 's', validUntil: 'soon', shopName: 'F' } },
        'en',
      ),
    ).toThrow('validUntil is not an ISO date');
    const missingShop = { orderId: 'o', orderNumber: 1, status: 'NEW' } as unknown as Notification['payload'];
    expect(() =>
      render({ kind: 'ORDER_STATUS_CHANGED', payload: missingShop } as Notification, 'en'),
    ).toThrow('needs parameter "shopName"');
  });
});
