import { DEMO_PASSWORD } from '@posy/prisma/seed';
import type { BrowserContext, Page, WebSocket } from 'playwright-core';
import type { E2eServer } from './server.js';

/** The demo shop's manager (prisma/src/seed.ts): sees every order of the shop. */
export const manager = { email: 'manager@posy.demo', password: DEMO_PASSWORD };

/** The demo shop's admin (prisma/src/seed.ts): speaks Russian, so the app does after they sign in. */
export const admin = { email: 'admin@posy.demo', password: DEMO_PASSWORD, name: 'Anna Admin' };

/** The demo shop's courier (prisma/src/seed.ts): sees the order board only. */
export const courier = { email: 'courier@posy.demo', password: DEMO_PASSWORD };

/** The demo customer (prisma/src/seed.ts): has a password, and is on no shop's staff. */
export const customer = { email: 'customer@posy.demo', password: DEMO_PASSWORD, name: 'Chris Customer' };

/** Where the webapp keeps the session, without its tokens (webapp/src/auth/session.ts). */
export const sessionStorageKey = 'posy.session.v2';

/**
 * The refresh token's HttpOnly cookie as the browser holds it (server/src/features/auth/session-cookie.ts).
 * Only the test can see it; page script cannot.
 */
export async function refreshCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === 'posy_refresh');
}

export async function signInWithPassword(
  page: Page,
  server: E2eServer,
  credentials: { email: string; password: string },
) {
  await page.goto(`${server.url}/login`);
  await submitPasswordForm(page, credentials);
}

/** Fills and sends the login page's password form (in English: before sign-in the device's language). */
export async function submitPasswordForm(page: Page, credentials: { email: string; password: string }) {
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs in over HTTP as another client would, and returns a `gql` that acts as that user in the demo
 * shop (Authorization and X-Shop-Id): for setting up what a journey then looks at.
 */
export async function apiSession(server: E2eServer, credentials: { email: string; password: string }) {
  const signedIn = await server.gql<{ loginWithPassword: { accessToken: string } }>(
    'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken } }',
    credentials,
  );
  const accessToken = signedIn.data?.loginWithPassword.accessToken;
  if (!accessToken)
    throw new Error(`Sign-in of ${credentials.email} failed: ${JSON.stringify(signedIn.errors)}`);
  const shop = await server.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' }, select: { id: true } });
  const headers = { Authorization: `Bearer ${accessToken}`, 'X-Shop-Id': shop.id };
  return <T>(query: string, variables: Record<string, unknown> = {}) =>
    server.gql<T>(query, variables, headers);
}

/** Creates an invite over the API as `gql`'s user; returns its web link's token. */
export async function createInviteOverApi(
  gql: Awaited<ReturnType<typeof apiSession>>,
  role: 'ADMIN' | 'MANAGER' | 'FLORIST' | 'COURIER',
): Promise<string> {
  const created = await gql<{ createInvite: { webUrl: string } }>(
    'mutation ($role: Role!) { createInvite(role: $role) { webUrl } }',
    { role },
  );
  const webUrl = created.data?.createInvite.webUrl;
  if (!webUrl) throw new Error(`createInvite failed: ${JSON.stringify(created.errors)}`);
  return webUrl.split('/invite/')[1] ?? '';
}

/** The order card with this number on the board. */
export function orderCard(page: Page, number: number) {
  return page
    .locator('.order-card')
    .filter({ has: page.locator('.order-card__number', { hasText: new RegExp(`^#${number}$`) }) });
}

/**
 * Watches the page's WebSockets from now on (call it before the page opens one: the board opens its socket
 * at once, and the order page subscribes on that same socket). `next(field)` resolves with the socket on
 * which the page next sends a graphql-ws subscribe message for `field` (e.g. `orderUpdated`).
 */
export function watchSubscriptions(page: Page) {
  const waiting: { field: string; resolve: (socket: WebSocket) => void }[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const payload = String(frame.payload);
      if (!payload.includes('"type":"subscribe"')) return;
      for (const waiter of [...waiting])
        if (payload.includes(waiter.field)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(socket);
        }
    });
  });
  return {
    next: (field: string) => new Promise<WebSocket>((resolve) => waiting.push({ field, resolve })),
  };
}

/**
 * Confirms a NEW order as a colleague on another phone would: `colleague` (a second browser profile) signs
 * in as the manager, opens order #`number` from the board and presses its "Move to “Confirmed”" button,
 * which calls changeOrderStatus; the server announces the change after its commit. Nothing else writes
 * the order or publishes for it. Resolves once the colleague's own page shows the order confirmed.
 */
export async function confirmOrderElsewhere(colleague: Page, server: E2eServer, number: number) {
  await signInWithPassword(colleague, server, manager);
  await colleague.waitForURL(`${server.url}/orders`);
  await orderCard(colleague, number).click();
  await colleague.getByRole('button', { name: 'Move to “Confirmed”' }).click();
  await colleague.getByRole('button', { name: 'Move to “In production”' }).waitFor();
}
