import { DEMO_PASSWORD } from '@posy/prisma/seed';
import { createAppPubSub } from '@posy/server/pubsub';
import type { Page, WebSocket } from 'playwright-core';
import type { E2eServer } from './server.js';

/** The demo shop's manager (prisma/src/seed.ts): sees every order of the shop. */
export const manager = { email: 'manager@posy.demo', password: DEMO_PASSWORD };

/** Where the webapp keeps the session (webapp/src/auth/session.ts). */
export const sessionStorageKey = 'posy.session.v1';

export async function signInWithPassword(
  page: Page,
  server: E2eServer,
  credentials: { email: string; password: string },
) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The order card with this number on the board. */
export function orderCard(page: Page, number: number) {
  return page
    .locator('.order-card')
    .filter({ has: page.locator('.order-card__number', { hasText: new RegExp(`^#${number}$`) }) });
}

/** Resolves when the page's next WebSocket has sent a graphql-ws subscribe message. */
export function nextSubscription(page: Page): Promise<WebSocket> {
  return page.waitForEvent('websocket').then(async (socket) => {
    await socket.waitForEvent('framesent', {
      predicate: (frame) => String(frame.payload).includes('"type":"subscribe"'),
    });
    return socket;
  });
}

/**
 * Confirms a NEW order as a colleague elsewhere would, and announces it the way the server does.
 *
 * TODO: call the server's order-status mutation instead (server/schema.graphql has none yet; the first one,
 * e.g. changeOrderStatus, replaces the database update and the publish below). Until then the order is
 * changed as such a mutation would change it, and order:changed is published on the server's Redis
 * pub/sub, which exists only with REDIS_URL. `publish` repeats the announcement: call it until the page
 * shows the change, since the server starts listening a moment after the socket's subscribe message.
 */
export async function confirmOrderElsewhere(server: E2eServer, number: number, note: string) {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('confirmOrderElsewhere needs REDIS_URL (the server’s pub/sub)');
  const order = await server.prisma.order.findFirstOrThrow({
    where: { number, status: 'NEW' },
    select: { id: true, shopId: true, createdById: true },
  });
  const { version } = await server.prisma.order.update({
    where: { id: order.id },
    data: {
      status: 'CONFIRMED',
      version: { increment: 1 },
      events: { create: { fromStatus: 'NEW', toStatus: 'CONFIRMED', actorId: order.createdById, note } },
    },
    select: { version: true },
  });
  const pubsub = createAppPubSub(redisUrl);
  return {
    publish: () => pubsub.publish('order:changed', order.shopId, { orderId: order.id, version }),
    close: () => pubsub.close(),
  };
}
