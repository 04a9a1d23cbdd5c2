import { randomInt, randomUUID } from 'node:crypto';
import { renderNotification } from '@posy/bot';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { createPrismaClient } from '@posy/prisma/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../src/config.js';
import type { AppPrisma } from '../src/context.js';
import { scanDeliveriesAtRisk } from '../src/features/delivery/delivery-at-risk.scan.js';
import { deleteOldNotifications } from '../src/features/notifications/notification-retention.js';
import { scanBatchesExpiring } from '../src/features/stock/batch-expiry.scan.js';
import { scanSubscriptionsEnding } from '../src/features/subscriptions/subscription-ending.scan.js';
import { startTestApp, type TestApp } from './harness.js';

const WEB_APP_URL = 'https://posy.test';
const HOUR = 3_600_000;
let telegram: FakeBotApi;
let app: TestApp;
let other: AppPrisma;
let shopId: string;
let nextTelegramId = randomInt(1_000_000, 1_000_000_000);

beforeAll(async () => {
  telegram = await startFakeBotApi();
  app = await startTestApp({
    BOT_TOKEN: telegram.token,
    BOT_API_ROOT: telegram.apiRoot,
    PUBLIC_URL: WEB_APP_URL,
  });
  other = createPrismaClient(app.config.databaseUrl!);
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
});
afterAll(async () => {
  await other?.$disconnect();
  await app?.stop();
  await telegram?.stop();
});

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const user = (locale: string, withTelegram = true) =>
  app.prisma.user.create({
    data: { name: 'Scan user', locale, telegramId: withTelegram ? BigInt(nextTelegramId++) : null },
  });

async function subscriptionOf(userId: string, validUntil: Date) {
  const customer = await app.prisma.customer.create({
    data: { shopId, userId, name: `Scan ${randomUUID()}` },
  });
  return app.prisma.subscription.create({
    data: {
      shopId,
      customerId: customer.id,
      plan: 'Scan plan',
      frequency: 'WEEKLY',
      priceMinor: 1000,
      validFrom: new Date(validUntil.getTime() - 30 * 24 * HOUR),
      validUntil,
      termDays: 30,
    },
  });
}

const sendsTo = (telegramId: bigint | null) =>
  telegram.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === Number(telegramId));

describe('subscriptions ending', () => {
  test('two workers scanning at once send one message, in the user’s language, with the Mini App button', async () => {
    const [ru, en, none] = await Promise.all([user('ru'), user('en'), user('en', false)]);
    const soon = new Date(Math.floor((Date.now() + 48 * HOUR) / 1000) * 1000);
    const subs = await Promise.all([subscriptionOf(ru.id, soon), subscriptionOf(en.id, soon)]);
    const late = await subscriptionOf((await user('en')).id, new Date(Date.now() + 80 * HOUR));
    const noTelegram = await subscriptionOf(none.id, soon);

    const counts = await Promise.all([
      scanSubscriptionsEnding(app.prisma, 72),
      scanSubscriptionsEnding(other, 72),
    ]);
    expect(await scanSubscriptionsEnding(app.prisma, 72)).toBe(0);
    const ours = await app.prisma.notification.findMany({
      where: { kind: 'SUBSCRIPTION_ENDING' },
      select: { dedupeKey: true },
    });
    const keyOf = (id: string) => ours.filter((n) => n.dedupeKey.startsWith(`subscription:${id}:`));
    expect(subs.map((s) => keyOf(s.id).length)).toEqual([1, 1]);
    expect(keyOf(late.id)).toHaveLength(0);
    expect(keyOf(noTelegram.id)).toHaveLength(0);
    expect(counts[0] + counts[1]).toBeGreaterThanOrEqual(2);

    for (const [recipient, sub] of [
      [ru, subs[0]!],
      [en, subs[1]!],
    ] as const) {
      const calls = await waitFor('the message', () =>
        sendsTo(recipient.telegramId).length ? sendsTo(recipient.telegramId) : undefined,
      );
      const expected = renderNotification({
        kind: 'SUBSCRIPTION_ENDING',
        payload: { subscriptionId: sub.id, validUntil: soon.toISOString(), shopName: 'Posy Demo Flowers' },
        locale: recipient.locale as 'ru' | 'en',
        webAppUrl: WEB_APP_URL,
        timeZone: 'Europe/Moscow',
      });
      expect(calls).toHaveLength(1);
      expect(calls[0]!.payload).toMatchObject({ text: expected.text, reply_markup: expected.replyMarkup });
      expect(expected.replyMarkup?.inline_keyboard[0]?.[0]).toMatchObject({
        web_app: { url: `${WEB_APP_URL}/subscriptions/${sub.id}` },
      });
      expect(
        (await app.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } })).endingNoticeFor,
      ).toEqual(soon);
    }
  });
});

describe('batches expiring', () => {
  test('live batches in the window reach the shop’s admins and managers with Telegram, no one else', async () => {
    const item = await app.prisma.stockItem.create({
      data: { shopId, name: `Scan rose ${randomUUID()}`, unit: 'STEM', onHand: 30, unitCostMinor: 100 },
    });
    const batch = (hours: number, over: { writtenOffAt?: Date; quantityRemaining?: number } = {}) =>
      app.prisma.stockBatch.create({
        data: {
          stockItemId: item.id,
          quantityReceived: 10,
          quantityRemaining: over.quantityRemaining ?? 10,
          unitCostMinor: 100,
          expiresAt: new Date(Date.now() + hours * HOUR),
          writtenOffAt: over.writtenOffAt ?? null,
        },
      });
    const inside = await batch(23);
    const outside = await batch(25);
    const writtenOff = await batch(2, { writtenOffAt: new Date() });
    const empty = await batch(2, { quantityRemaining: 0 });
    const past = await batch(-1);
    await Promise.all([scanBatchesExpiring(app.prisma, 24), scanBatchesExpiring(other, 24)]);

    const told = async (batchId: string) =>
      (await app.prisma.notification.findMany({ where: { dedupeKey: { startsWith: `batch:${batchId}:` } } }))
        .map((n) => n.userId)
        .sort();
    const managers = (
      await app.prisma.membership.findMany({
        where: {
          shopId,
          role: { in: ['ADMIN', 'MANAGER'] },
          revokedAt: null,
          user: { telegramId: { not: null } },
        },
      })
    )
      .map((m) => m.userId)
      .sort();
    expect(managers.length).toBeGreaterThan(0);
    expect(await told(inside.id)).toEqual(managers);
    for (const b of [outside, writtenOff, empty, past]) expect(await told(b.id)).toEqual([]);
  });
});

describe('deliveries at risk', () => {
  test('orders not on their way whose window ends soon reach managers and the courier, once', async () => {
    const customer = await app.prisma.customer.findFirstOrThrow({ where: { shopId } });
    const courier = await user('en');
    await app.prisma.membership.create({ data: { shopId, userId: courier.id, role: 'COURIER' } });
    const order = (minutes: number, over: { status?: 'READY' | 'OUT_FOR_DELIVERY' | 'CANCELLED' } = {}) =>
      app.prisma.order.create({
        data: {
          shopId,
          number: randomInt(1_000_000, 2_000_000_000),
          customerId: customer.id,
          status: over.status ?? 'READY',
          windowStart: new Date(Date.now() - HOUR),
          windowEnd: new Date(Date.now() + minutes * 60_000),
          currency: 'RUB',
          subtotalMinor: 100,
          totalMinor: 100,
          courierId: courier.id,
        },
      });
    const atRisk = await order(20);
    const later = await order(40);
    const onItsWay = await order(20, { status: 'OUT_FOR_DELIVERY' });
    const cancelled = await order(20, { status: 'CANCELLED' });
    await Promise.all([scanDeliveriesAtRisk(app.prisma, 30), scanDeliveriesAtRisk(other, 30)]);
    expect(await scanDeliveriesAtRisk(app.prisma, 30)).toBe(0);

    const told = async (orderId: string) =>
      (
        await app.prisma.notification.findMany({
          where: { dedupeKey: { startsWith: `order:${orderId}:window-at-risk:` } },
        })
      )
        .map((n) => n.userId)
        .sort();
    const managers = (
      await app.prisma.membership.findMany({
        where: {
          shopId,
          role: { in: ['ADMIN', 'MANAGER'] },
          revokedAt: null,
          user: { telegramId: { not: null } },
        },
      })
    ).map((m) => m.userId);
    expect(await told(atRisk.id)).toEqual([...managers, courier.id].sort());
    for (const o of [later, onItsWay, cancelled]) expect(await told(o.id)).toEqual([]);
  });
});

describe('notification retention', () => {
  test('deletes settled notifications past retention, keeps failed ones longer and pending ones always', async () => {
    const recipient = await user('en');
    const DAY = 24 * HOUR;
    const make = async (status: 'SENT' | 'SKIPPED' | 'FAILED' | 'PENDING', ageDays: number) => {
      const row = await app.prisma.notification.create({
        data: {
          userId: recipient.id,
          kind: 'LOGIN_CODE',
          payload: { code: '1', expiresInMinutes: 1 },
          locale: 'en',
          status,
          dedupeKey: `retention-test:${randomUUID()}`,
        },
      });
      await app.prisma
        .$executeRaw`UPDATE "Notification" SET "updatedAt" = ${new Date(Date.now() - ageDays * DAY)} WHERE "id" = ${row.id}::uuid`;
      return row.id;
    };
    const gone = [await make('SENT', 31), await make('SKIPPED', 31), await make('FAILED', 91)];
    const kept = [await make('SENT', 29), await make('FAILED', 31), await make('PENDING', 400)];
    expect(await deleteOldNotifications(app.prisma, 30)).toBeGreaterThanOrEqual(3);
    const left = (await app.prisma.notification.findMany({ where: { userId: recipient.id } })).map(
      (n) => n.id,
    );
    expect(left.sort()).toEqual(kept.sort());
    expect(left.some((id) => gone.includes(id))).toBe(false);
  });
});

describe('scheduling', () => {
  test('every scan is a graphile-worker cron of the running job runner', async () => {
    const known = async () =>
      (
        await app.prisma.$queryRaw<{ identifier: string }[]>`
          SELECT identifier FROM graphile_worker._private_known_crontabs`
      ).map((k) => k.identifier);
    const names = [
      'scan-subscriptions-ending',
      'scan-batches-expiring',
      'scan-deliveries-at-risk',
      'scan-important-dates',
      'delete-old-notifications',
      'delete-ended-sessions',
    ];
    const all = await waitFor('the crons to be recorded', async () => {
      const ids = await known();
      return names.every((n) => ids.includes(n)) ? ids : undefined;
    });
    expect(all).toEqual(expect.arrayContaining(names));
  });

  test('SUBSCRIPTION_ENDING_NOTICE_HOURS, or else the former SUBSCRIPTION_ENDING_NOTICE_DAYS in hours', () => {
    const hours = (env: Record<string, string>) => parseConfig(env).scans.subscriptionEndingNoticeHours;
    expect(hours({})).toBe(72);
    expect(hours({ SUBSCRIPTION_ENDING_NOTICE_DAYS: '2' })).toBe(48);
    expect(hours({ SUBSCRIPTION_ENDING_NOTICE_DAYS: '2', SUBSCRIPTION_ENDING_NOTICE_HOURS: '5' })).toBe(5);
    expect(hours({ SUBSCRIPTION_ENDING_NOTICE_HOURS: '0' })).toBe(0);
  });
});
