// Steps an order's integration tests share (order-flow.test.ts, delivery-flow.test.ts): GraphQL calls that
// must succeed, a customer signing in from the Mini App with signed initData, the first slot the shop
// offers for a product, and a photo as a phone sends one.
import sharp from 'sharp';
import { expect } from 'vitest';
import type { TestApp } from './harness.js';
import { signInitData, telegramUser } from './telegram-init-data.js';

/** A GraphQL caller whose calls must not fail at the transport or resolver level; answers their data. */
export function okCaller(app: TestApp) {
  return async (
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: the steps read answers of every shape.
  ): Promise<any> => {
    const result = await app.gql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe(200);
    return result.data;
  };
}

/**
 * A Telegram user opening the Mini App for the demo shop (start_param `shop-demo`) and signing in with the
 * initData Telegram signed with `botToken`: answers their headers and user id.
 */
export async function signInFromMiniApp(app: TestApp, telegramId: number, botToken: string) {
  const initData = signInitData({ user: telegramUser(telegramId), start_param: 'shop-demo' }, botToken);
  const login = await okCaller(app)(
    'mutation ($initData: String!) { loginWithTelegram(initData: $initData) { accessToken user { id } } }',
    { initData },
    {},
  );
  return {
    headers: { authorization: `Bearer ${login.loginWithTelegram.accessToken}` },
    userId: login.loginWithTelegram.user.id as string,
  };
}

/**
 * The first day ahead on which the shop offers a slot for the product, as the customer asks for it (the
 * seeded week holds a closure day and a full slot): the slot, its date and its window.
 */
export async function firstOfferedSlot(app: TestApp, headers: Record<string, string>, productId: string) {
  for (let days = 2; days < 10; days += 1) {
    const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const slots = await okCaller(app)(
      `query ($date: String!, $productIds: [ID!]) { availableSlots(date: $date, productIds: $productIds) {
        slotId available remaining windowStart windowEnd } }`,
      { date, productIds: [productId] },
      headers,
    );
    const open = slots.availableSlots.find((s: { available: boolean }) => s.available);
    if (open)
      return { ...open, date } as { slotId: string; date: string; windowStart: string; windowEnd: string };
  }
  throw new Error('no day ahead offers a slot');
}

/** A small JPEG of one colour, as a phone's camera would upload it (the server re-encodes it). */
export const jpegPhoto = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
