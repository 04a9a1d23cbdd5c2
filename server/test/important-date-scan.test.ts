import { randomInt, randomUUID } from 'node:crypto';
import { renderNotification } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reminderDays, scanImportantDates } from '../src/features/customers/important-date.scan.js';
import { startTestApp, type TestApp } from './harness.js';

const WEB_APP_URL = 'https://posy.test';
let telegram: FakeBotApi;
let app: TestApp;
let moscow: { id: string; slug: string; name: string };
let losAngeles: { id: string; slug: string; name: string };
let nextTelegramId = randomInt(1_000_000, 1_000_000_000);

beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: WEB_APP_URL,
  });
  moscow = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
  expect(await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).toMatchObject({
    timezone: 'Europe/Moscow',
  });
  const slug = `la-${randomInt(1_000_000)}`;
  losAngeles = await app.prisma.shop.create({
    data: { name: 'LA Flowers', slug, timezone: 'America/Los_Angeles' },
  });
});
afterAll(async () => {
  await app?.stop();
  await telegram?.stop();
});

async function waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface DateFields {
  month: number;
  day: number;
  remindDaysBefore: number;
  year?: number;
}

async function importantDate(
  fields: DateFields,
  { shopId = moscow.id, locale = 'en', withTelegram = true } = {},
) {
  const user = await app.prisma.user.create({
    data: { name: 'Date user', locale, telegramId: withTelegram ? BigInt(nextTelegramId++) : null },
  });
  const customer = await app.prisma.customer.create({
    data: { shopId, userId: user.id, name: `Dates ${randomUUID()}` },
  });
  const date = await app.prisma.importantDate.create({
    data: { customerId: customer.id, kind: 'BIRTHDAY', title: "Mum's birthday", ...fields },
  });
  return { user, date };
}

/** The reminders queued for a date: their dedupe keys and payload dates. */
const told = async (importantDateId: string) =>
  (
    await app.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `important-date:${importantDateId}:` } },
      orderBy: { dedupeKey: 'asc' },
    })
  ).map((n) => ({ key: n.dedupeKey, date: (n.payload as { date: string }).date }));

const sendsTo = (telegramId: bigint | null) =>
  telegram.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === Number(telegramId));

describe('important dates coming', () => {
  test('one message in the user’s language with a button into the shop’s catalog; a second run sends nothing', async () => {
    const ru = await importantDate({ month: 5, day: 12, remindDaysBefore: 3 }, { locale: 'ru' });
    const en = await importantDate({ month: 5, day: 12, remindDaysBefore: 3 }, { locale: 'en' });
    const none = await importantDate({ month: 5, day: 12, remindDaysBefore: 3 }, { withTelegram: false });
    const now = new Date('2027-05-09T09:00:00Z');
    expect(await scanImportantDates(app.prisma, now)).toBeGreaterThanOrEqual(2);
    expect(await scanImportantDates(app.prisma, now)).toBe(0);
    expect(await scanImportantDates(app.prisma, new Date('2027-05-10T09:00:00Z'))).toBe(0);
    expect(await told(none.date.id)).toEqual([]);

    for (const { user, date } of [ru, en]) {
      expect(await told(date.id)).toEqual([{ key: `important-date:${date.id}:2027`, date: '2027-05-12' }]);
      const calls = await waitFor('the message', () =>
        sendsTo(user.telegramId).length ? sendsTo(user.telegramId) : undefined,
      );
      const expected = renderNotification({
        kind: 'IMPORTANT_DATE_COMING',
        payload: {
          importantDateId: date.id,
          title: "Mum's birthday",
          date: '2027-05-12',
          shopName: moscow.name,
          shopSlug: 'demo',
        },
        locale: user.locale as 'ru' | 'en',
        webAppUrl: WEB_APP_URL,
        timeZone: 'Europe/Moscow',
      });
      expect(calls).toHaveLength(1);
      expect(calls[0]!.payload).toMatchObject({ text: expected.text, reply_markup: expected.replyMarkup });
      expect(calls[0]!.payload.reply_markup).toMatchObject({
        inline_keyboard: [[{ web_app: { url: `${WEB_APP_URL}?startapp=shop-demo` } }]],
      });
      expect(calls[0]!.payload.text).toContain(user.locale === 'ru' ? '12 мая 2027' : 'May 12, 2027');
    }
    expect(sendsTo(none.user.telegramId)).toEqual([]);
  });

  test('sent from the due day to two days after it, not the day before, not once the date is near past catch-up', async () => {
    const { date } = await importantDate({ month: 6, day: 20, remindDaysBefore: 5 });
    // Moscow is UTC+3: 20:59 UTC on 14 June is 23:59 there, a day before the due day (15 June).
    expect(await scanImportantDates(app.prisma, new Date('2027-06-14T20:59:00Z'))).toBe(0);
    expect(await told(date.id)).toEqual([]);
    // 18 June is three days past the due day.
    await scanImportantDates(app.prisma, new Date('2027-06-18T09:00:00Z'));
    expect(await told(date.id)).toEqual([]);
    // 17 June: the ticks of the 15th and 16th were missed, the catch-up still sends.
    await scanImportantDates(app.prisma, new Date('2027-06-17T09:00:00Z'));
    expect(await told(date.id)).toEqual([{ key: `important-date:${date.id}:2027`, date: '2027-06-20' }]);
    await scanImportantDates(app.prisma, new Date('2027-06-15T09:00:00Z'));
    expect(await told(date.id)).toHaveLength(1);
    // Next year's is its own reminder.
    await scanImportantDates(app.prisma, new Date('2028-06-15T09:00:00Z'));
    expect((await told(date.id)).map((t) => t.date)).toEqual(['2027-06-20', '2028-06-20']);
  });

  test('29 February is reminded of on 28 February in a common year and on the 29th in a leap year', async () => {
    const { date } = await importantDate({ month: 2, day: 29, remindDaysBefore: 0 });
    await scanImportantDates(app.prisma, new Date('2027-02-27T09:00:00Z'));
    expect(await told(date.id)).toEqual([]);
    await scanImportantDates(app.prisma, new Date('2027-02-28T09:00:00Z'));
    expect(await told(date.id)).toEqual([{ key: `important-date:${date.id}:2027`, date: '2027-02-28' }]);
    await scanImportantDates(app.prisma, new Date('2028-02-28T09:00:00Z'));
    expect(await told(date.id)).toHaveLength(1);
    await scanImportantDates(app.prisma, new Date('2028-02-29T09:00:00Z'));
    expect((await told(date.id)).map((t) => t.date)).toEqual(['2027-02-28', '2028-02-29']);
  });

  test('a date early in January is reminded of in December, keyed by the year it falls in', async () => {
    const { date } = await importantDate({ month: 1, day: 2, remindDaysBefore: 5 });
    await scanImportantDates(app.prisma, new Date('2026-12-28T09:00:00Z'));
    expect(await told(date.id)).toEqual([{ key: `important-date:${date.id}:2027`, date: '2027-01-02' }]);
  });

  test('the due day is the shop’s own: Moscow’s comes before Los Angeles’', async () => {
    const inMoscow = await importantDate({ month: 8, day: 10, remindDaysBefore: 1 });
    const inLosAngeles = await importantDate(
      { month: 8, day: 10, remindDaysBefore: 1 },
      { shopId: losAngeles.id },
    );
    // 9 August 01:00 in Moscow, still 8 August 14:00 in Los Angeles (UTC−7 in summer).
    await scanImportantDates(app.prisma, new Date('2027-08-08T22:00:00Z'));
    expect(await told(inMoscow.date.id)).toHaveLength(1);
    expect(await told(inLosAngeles.date.id)).toEqual([]);
    // 9 August 00:30 in Los Angeles.
    await scanImportantDates(app.prisma, new Date('2027-08-09T07:30:00Z'));
    expect(await told(inLosAngeles.date.id)).toEqual([
      { key: `important-date:${inLosAngeles.date.id}:2027`, date: '2027-08-10' },
    ]);
    expect(await told(inMoscow.date.id)).toHaveLength(1);
    const la = await app.prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `important-date:${inLosAngeles.date.id}:2027` },
    });
    expect(la.payload).toMatchObject({ shopSlug: losAngeles.slug, shopName: 'LA Flowers' });
  });

  test('the index values asked for hold a due day at both ends of the year', () => {
    // 1 January 2027, UTC noon: catch-up reaches back to 29 December 2026 (day 362 of 365), and 2 January
    // may be today somewhere; a reminder due in 2026 for a date in 2027 has its day minus 365.
    const days = reminderDays(new Date('2027-01-01T12:00:00Z'));
    expect(days).toEqual(expect.arrayContaining([0, 1, 2, 362, 363, 364, 365, -365, -364, -363, -3]));
    expect(days).not.toContain(10);
  });
});
