import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import {
  admin,
  apiSession,
  courier,
  createInviteOverApi,
  customer,
  manager,
  sessionStorageKey,
  signInWithPassword,
  submitPasswordForm,
} from './journeys.js';
import { type E2eServer, e2eBotToken, startServerWithPublicUrl } from './server.js';
import { emulateTelegramClient, miniAppUrl, signedInitData } from './telegram.js';

// A server per test: each journey changes the staff, and each must pass or fail on its own.
let server: E2eServer;
beforeEach(async () => {
  server = await startServerWithPublicUrl();
});
afterEach(async () => {
  await server?.stop();
});

const browser = useBrowser('access');

/** The admin speaks Russian (prisma/src/seed.ts): after they sign in, so does the app. */
async function openAsAdmin(page: Page, section: 'Команда' | 'Журнал' | 'API-ключи') {
  await signInWithPassword(page, server, admin);
  await page.waitForURL(`${server.url}/orders`);
  await page.locator('.shop-nav').getByRole('link', { name: section, exact: true }).click();
}

function staffRow(page: Page, name: string) {
  return page.locator('.staff-member').filter({ has: page.locator('.list__title', { hasText: name }) });
}

/** Everything the page shows or holds in its fields, to tell whether a secret is still on it. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() =>
    // biome-ignore lint/performance/useDomNodeTextContent: what the user sees is the point, hidden text must not count.
    [document.body.innerText, ...[...document.querySelectorAll('input')].map((input) => input.value)].join(
      '\n',
    ),
  );
}

/** The demo shop's name (prisma/src/seed.ts), as an invite to it says. */
async function demoShopName(): Promise<string> {
  const shop = await server.prisma.shop.findUniqueOrThrow({
    where: { slug: 'demo' },
    select: { name: true },
  });
  return shop.name;
}

/** When the invite behind a link expires (the database keeps only its token's hash). */
async function inviteExpiry(token: string): Promise<Date> {
  const invite = await server.prisma.invite.findUniqueOrThrow({
    where: { tokenHash: createHash('sha256').update(token).digest('hex') },
    select: { expiresAt: true },
  });
  return invite.expiresAt;
}

/** A date-time as the app shows it in English on the browser's clock (webapp/src/i18n/format.ts). */
function shownDateTime(page: Page, at: Date): Promise<string> {
  return page.evaluate(
    (iso) =>
      new Intl.DateTimeFormat('en', {
        day: 'numeric',
        month: 'short',
        hour: 'numeric',
        minute: '2-digit',
      }).format(new Date(iso)),
    at.toISOString(),
  );
}

async function storedMemberships(page: Page): Promise<{ role: string; shop: { slug: string } }[]> {
  return page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? '{"user":{"memberships":[]}}').user.memberships,
    sessionStorageKey,
  );
}

describe('the team page and invites', () => {
  it('an admin invites a courier; the web link, opened elsewhere, signs them in and they join', async () => {
    const { page } = browser.current();
    const staffBefore = await server.prisma.membership.count({ where: { revokedAt: null } });
    await openAsAdmin(page, 'Команда');
    await page.waitForURL(`${server.url}/team`);
    await expect.poll(() => page.locator('.staff-member').count()).toBe(staffBefore);

    await page.getByRole('button', { name: 'Пригласить' }).click();
    const offered = page.locator('input[name="invite-role"]');
    expect(
      await offered.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(['ADMIN', 'MANAGER', 'FLORIST', 'COURIER']);
    await page.getByLabel('Курьер').check();
    await page.getByRole('button', { name: 'Создать ссылку' }).click();

    const webUrl = await page.getByLabel('Ссылка для веб-приложения').inputValue();
    const token = webUrl.split('/invite/')[1] ?? '';
    expect(webUrl).toBe(`${server.url}/invite/${token}`);
    expect(token).toMatch(/^[\w-]{16,64}$/);
    const telegramUrl = await page.getByLabel('Ссылка для Telegram').inputValue();
    expect(telegramUrl).toBe(`https://t.me/${server.config.telegram.botUsername}?startapp=invite-${token}`);
    const shareHref = await page.getByRole('link', { name: 'Отправить в Telegram' }).getAttribute('href');
    expect(new URL(shareHref ?? '').searchParams.get('url')).toBe(telegramUrl);
    await expect.poll(() => page.locator('.invite-list__item').count()).toBe(1);

    // Someone else's phone, not signed in: the link says what it offers first, then goes through the
    // login page and back.
    const invitee = (await browser.another()).page;
    const offer = `Join ${await demoShopName()} as courier`;
    await invitee.goto(webUrl);
    await expect.poll(() => invitee.locator('.invite__offer').textContent()).toBe(offer);
    expect(await invitee.locator('.invite__expires').textContent()).toBe(
      `The invite works until ${await shownDateTime(invitee, await inviteExpiry(token))}.`,
    );
    expect(invitee.url()).toBe(webUrl);
    expect(await invitee.getByRole('button', { name: 'Join the team' }).count()).toBe(0);
    await invitee.getByRole('link', { name: 'Sign in to join' }).click();
    await invitee.waitForURL((url) => url.pathname === '/login');
    expect(new URL(invitee.url()).searchParams.get('next')).toBe(`/invite/${token}`);
    await submitPasswordForm(invitee, customer);
    await invitee.waitForURL(webUrl);
    await expect
      .poll(() => invitee.locator('.invite__signed-in').textContent())
      .toBe(`You will join as ${customer.name}.`);
    expect(await invitee.locator('.invite__offer').textContent()).toBe(offer);
    await invitee.getByRole('button', { name: 'Join the team' }).click();
    await invitee.waitForURL(`${server.url}/orders`);
    expect(await storedMemberships(invitee)).toContainEqual(
      expect.objectContaining({ role: 'COURIER', shop: expect.objectContaining({ slug: 'demo' }) }),
    );

    await page.reload();
    await expect
      .poll(() => staffRow(page, customer.name).locator('.staff-member__role').textContent())
      .toBe('Курьер');
    expect(await page.locator('.staff-member').count()).toBe(staffBefore + 1);
    expect(await page.locator('.invite-list__item').count()).toBe(0);
  });

  it('opens an invite from Telegram: a new user is signed in by the launch and joins', async () => {
    const { page } = browser.current();
    const token = await createInviteOverApi(await apiSession(server, admin), 'FLORIST');
    const newcomer = { id: 700000001, first_name: 'Nina', username: 'nina', language_code: 'en' };
    await emulateTelegramClient(page);
    await page.goto(
      await miniAppUrl(server.url, { user: newcomer, botToken: e2eBotToken, startParam: `invite-${token}` }),
    );

    await page.waitForURL((url) => url.pathname === `/invite/${token}`);
    await expect.poll(() => page.locator('.invite__signed-in').textContent()).toBe('You will join as Nina.');
    expect(await page.locator('.invite__offer').textContent()).toBe(
      `Join ${await demoShopName()} as florist`,
    );
    expect(await page.getByRole('button', { name: 'Not you? Sign out' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Join the team' }).click();

    await page.waitForURL((url) => url.pathname === '/orders');
    const membership = await server.prisma.membership.findFirstOrThrow({
      where: { user: { telegramId: BigInt(newcomer.id) } },
      select: { role: true, shop: { select: { name: true } } },
    });
    expect(membership.role).toBe('FLORIST');
    await expect.poll(() => page.locator('.page-header__subtitle').textContent()).toBe(membership.shop.name);
  });

  it('explains invites that were used, have expired, were revoked or never existed, before any sign-in', async () => {
    const { page } = browser.current();
    const adminApi = await apiSession(server, admin);
    const [used, expired, revoked] = [
      await createInviteOverApi(adminApi, 'COURIER'),
      await createInviteOverApi(adminApi, 'COURIER'),
      await createInviteOverApi(adminApi, 'COURIER'),
    ];
    // Used: a newcomer from Telegram took it first.
    const newcomer = { id: 700000002, first_name: 'Oleg' };
    const signedIn = await server.gql<{ loginWithTelegram: { accessToken: string } }>(
      'mutation ($initData: String!) { loginWithTelegram(initData: $initData) { accessToken } }',
      { initData: signedInitData({ user: newcomer, botToken: e2eBotToken }) },
    );
    const accepted = await server.gql<{ acceptInvite: { id: string } }>(
      'mutation ($token: String!) { acceptInvite(token: $token) { ... on Membership { id } } }',
      { token: used },
      { Authorization: `Bearer ${signedIn.data?.loginWithTelegram.accessToken}` },
    );
    expect(accepted.errors).toBeUndefined();
    // Expired: a week is too long to wait.
    const hash = createHash('sha256').update(expired).digest('hex');
    await server.prisma.invite.update({
      where: { tokenHash: hash },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const invites = await adminApi<{ invites: { id: string }[] }>('{ invites { id } }');
    // The newest open invite is the revoked one's (invites come newest first; the expired one is closed).
    await adminApi('mutation ($id: ID!) { revokeInvite(id: $id) { id } }', {
      id: invites.data?.invites[0]?.id,
    });

    // Nobody signed in: the page asks the server about the link and explains it at once.
    const toShop = `Invite to ${await demoShopName()}`;
    for (const [token, title, explanation] of [
      [used, toShop, 'This invite has already been used. Ask for a new link.'],
      [expired, toShop, 'This invite has expired. Ask for a new link.'],
      [revoked, toShop, 'This invite was revoked. Ask for a new link.'],
      [
        'NeverIssuedNeverIssuedNeverIssued',
        'Invite link',
        'This invite does not exist or was revoked. Ask for a new link.',
      ],
      // Not a token at all (the server answers BAD_USER_INPUT).
      ['short', 'Invite link', 'This invite does not exist or was revoked. Ask for a new link.'],
    ] as const) {
      const link = `${server.url}/invite/${token}`;
      await page.goto(link);
      await expect.poll(() => page.getByRole('alert').textContent(), { message: token }).toBe(explanation);
      expect(await page.locator('h1').textContent(), token).toBe(title);
      expect(page.url(), token).toBe(link);
      expect(await page.getByRole('button', { name: 'Join the team' }).count(), token).toBe(0);
      expect(await page.getByRole('link', { name: 'Sign in to join' }).count(), token).toBe(0);
      expect(await page.locator('.invite__offer').count(), token).toBe(0);
    }
    expect(await page.evaluate((key) => localStorage.getItem(key), sessionStorageKey)).toBeNull();
  });

  it('explains a refusal at accepting by its type: the invite was taken meanwhile, or one is staff already', async () => {
    const { page } = browser.current();
    const adminApi = await apiSession(server, admin);
    const taken = await createInviteOverApi(adminApi, 'COURIER');
    await signInWithPassword(page, server, customer);
    await page.waitForURL(`${server.url}/shop`);
    await page.goto(`${server.url}/invite/${taken}`);
    await page.getByRole('button', { name: 'Join the team' }).waitFor();
    // Someone else accepts it while the page is open.
    const newcomer = { id: 700000003, first_name: 'Pavel' };
    const signedIn = await server.gql<{ loginWithTelegram: { accessToken: string } }>(
      'mutation ($initData: String!) { loginWithTelegram(initData: $initData) { accessToken } }',
      { initData: signedInitData({ user: newcomer, botToken: e2eBotToken }) },
    );
    const accepted = await server.gql(
      'mutation ($token: String!) { acceptInvite(token: $token) { ... on Membership { id } } }',
      { token: taken },
      { Authorization: `Bearer ${signedIn.data?.loginWithTelegram.accessToken}` },
    );
    expect(accepted.errors).toBeUndefined();
    await page.getByRole('button', { name: 'Join the team' }).click();
    await expect
      .poll(() => page.getByRole('alert').locator('.error-message__text').textContent())
      .toBe('This invite has already been used. Ask for a new link.');
    expect(await page.getByRole('button', { name: 'Join the team' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Go to my shops' }).count()).toBe(1);
    expect(await server.prisma.membership.count({ where: { user: { email: customer.email } } })).toBe(0);

    // The manager is on the demo shop's staff already.
    const staffPage = (await browser.another()).page;
    const open = await createInviteOverApi(adminApi, 'FLORIST');
    await signInWithPassword(staffPage, server, manager);
    await staffPage.waitForURL(`${server.url}/orders`);
    await staffPage.goto(`${server.url}/invite/${open}`);
    await staffPage.getByRole('button', { name: 'Join the team' }).click();
    await expect
      .poll(() => staffPage.getByRole('alert').locator('.error-message__text').textContent())
      .toBe('You are already on this shop’s team.');
    expect(await staffPage.getByRole('button', { name: 'Join the team' }).count()).toBe(0);
  });

  it('admins change roles and remove people after confirming, but never leave the shop without an admin', async () => {
    const { page } = browser.current();
    await openAsAdmin(page, 'Команда');
    const florist = staffRow(page, 'Fiona Florist');
    await florist.getByRole('button', { name: 'Изменить' }).click();
    await florist.getByLabel('Роль').selectOption('MANAGER');
    await florist.getByRole('button', { name: 'Сохранить роль' }).click();
    expect(await florist.locator('.confirm__question').textContent()).toBe(
      'Fiona Florist: сменить роль на «Менеджер»?',
    );
    await florist.locator('.confirm').getByRole('button', { name: 'Сохранить роль' }).click();
    await expect.poll(() => florist.locator('.staff-member__role').textContent()).toBe('Менеджер');

    const courier = staffRow(page, 'Kirill Courier');
    await courier.getByRole('button', { name: 'Изменить' }).click();
    await courier.getByRole('button', { name: 'Убрать из команды' }).click();
    await courier.locator('.confirm').getByRole('button', { name: 'Отмена' }).click();
    expect(await courier.count()).toBe(1);
    await courier.getByRole('button', { name: 'Убрать из команды' }).click();
    await courier.locator('.confirm').getByRole('button', { name: 'Убрать из команды' }).click();
    await expect.poll(() => courier.count()).toBe(0);

    // The only admin stepping down: the server answers LastAdmin, and the page says why.
    const me = staffRow(page, admin.name);
    await me.getByRole('button', { name: 'Изменить' }).click();
    await me.getByLabel('Роль').selectOption('MANAGER');
    await me.getByRole('button', { name: 'Сохранить роль' }).click();
    await me.locator('.confirm').getByRole('button', { name: 'Сохранить роль' }).click();
    await expect
      .poll(() => me.getByRole('alert').textContent())
      .toBe(
        'В магазине должен остаться хотя бы один администратор: сначала назначьте администратором кого-то другого.',
      );
    const roles = await server.prisma.membership.findMany({
      where: { revokedAt: null },
      select: { role: true, user: { select: { name: true } } },
    });
    expect(roles).toContainEqual({ role: 'MANAGER', user: { name: 'Fiona Florist' } });
    expect(roles).toContainEqual({ role: 'ADMIN', user: { name: admin.name } });
    expect(roles.map((membership) => membership.user.name)).not.toContain('Kirill Courier');
  });

  it('shows each role only the sections it opens, and managers cannot invite admins', async () => {
    const { page } = browser.current();
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    expect(await page.locator('.shop-nav a').allTextContents()).toEqual([
      'Orders',
      'Production',
      'Dashboard',
      'Stock',
      'Catalog',
      'Customers',
      'Subscriptions',
      'Team',
      'Audit',
      'Checkout',
    ]);
    await page.locator('.shop-nav').getByRole('link', { name: 'Team' }).click();
    await page.locator('.staff-member').first().waitFor();
    expect(await page.getByRole('button', { name: 'Change' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Invite' }).click();
    const offered = page.locator('input[name="invite-role"]');
    expect(
      await offered.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(['MANAGER', 'FLORIST', 'COURIER']);
    await page.getByLabel('Courier').check();
    await page.getByRole('button', { name: 'Create invite link' }).click();
    await page.getByLabel('Link for the web app').waitFor();

    // Managers read the log too, with the API key behind an entry by its label. No mutation accepts
    // API keys yet, so the key's entry is written as the server's audit wrapper writes one.
    const key = await server.prisma.apiKey.findFirstOrThrow({
      where: { name: 'Demo integration', shop: { slug: 'demo' } },
      select: { id: true, shopId: true, prefix: true },
    });
    await server.prisma.auditLog.create({
      data: { action: 'probe', shopId: key.shopId, actorApiKeyId: key.id, at: new Date(Date.now() - 60_000) },
    });
    await page.locator('.shop-nav').getByRole('link', { name: 'Audit' }).click();
    const invited = page.locator('.audit-entry[data-action="createInvite"]');
    await expect.poll(() => invited.locator('.audit-entry__who').textContent()).toBe('Max Manager');
    expect(
      await page.locator('.audit-entry[data-action="probe"]').locator('.audit-entry__who').textContent(),
    ).toBe(`API key: Demo integration (posy_${key.prefix}_…)`);
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.goto(`${server.url}/api-keys`);
    await expect
      .poll(() => page.locator('.empty').textContent())
      .toBe('Your role in this shop does not open this page.');

    const courierPage = (await browser.another()).page;
    await signInWithPassword(courierPage, server, courier);
    // A courier lands on the day's deliveries (homePath); the order board is still theirs to open.
    await courierPage.waitForURL(`${server.url}/courier`);
    await courierPage.goto(`${server.url}/orders`);
    await courierPage.locator('.list-summary').waitFor();
    // The courier's day (issue 12) beside the board; the demo courier reads Russian.
    expect(await courierPage.locator('.shop-nav a').allTextContents()).toEqual(['Заказы', 'Доставки']);
  });
});

describe('API keys', () => {
  it('shows a new key once; it opens the API until it is revoked', async () => {
    const { context, page } = browser.current();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const ordersInShop = await server.prisma.order.count();
    await openAsAdmin(page, 'API-ключи');
    await page.waitForURL(`${server.url}/api-keys`);
    await page.getByRole('button', { name: 'Новый ключ' }).click();
    await page.getByLabel('Название').fill('E2E integration');
    await page.locator('input[name="scopes"][value="ORDERS_READ"]').check();
    await page.getByRole('button', { name: 'Создать ключ' }).click();

    const shown = page.getByLabel('API-ключ', { exact: true });
    const key = await shown.inputValue();
    expect(key).toMatch(/^posy_[a-z0-9]{10}_[\w-]{43}$/);
    expect(await page.locator('.new-key__warning').textContent()).toContain(
      'он показывается только один раз',
    );
    await page.locator('.new-key').getByRole('button', { name: 'Копировать' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    const ordersQuery = '{ orders(first: 1) { totalCount } }';
    const withKey = await server.gql<{ orders: { totalCount: number } }>(
      ordersQuery,
      {},
      { 'X-API-Key': key },
    );
    expect(withKey.data?.orders.totalCount).toBe(ordersInShop);

    expect(await pageText(page)).toContain(key);
    await page.getByRole('button', { name: 'Я скопировал(а) ключ' }).click();
    expect(await page.locator('.new-key').count()).toBe(0);
    expect(await pageText(page)).not.toContain(key);
    await page.reload();
    const row = page.locator('.api-key').filter({ hasText: 'E2E integration' });
    await expect.poll(() => row.locator('.api-key__prefix').textContent()).toBe(`${key.slice(0, 16)}…`);
    expect(await row.locator('.api-key__scope').allTextContents()).toEqual(['orders:read']);
    expect(await pageText(page)).not.toContain(key);

    await row.getByRole('button', { name: 'Отозвать' }).click();
    await row.locator('.confirm').getByRole('button', { name: 'Отозвать' }).click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
    const revoked = await server.gql(ordersQuery, {}, { 'X-API-Key': key });
    expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the audit log', () => {
  it('lists who invited, who joined and who made a key, newest first, filtered and a page at a time', async () => {
    const { page } = browser.current();
    const adminApi = await apiSession(server, admin);
    const token = await createInviteOverApi(adminApi, 'COURIER');
    const customerApi = await apiSession(server, customer);
    await customerApi(
      'mutation ($token: String!) { acceptInvite(token: $token) { ... on Membership { id } } }',
      { token },
    );
    await adminApi('mutation { createApiKey(name: "Audit key", scopes: [ORDERS_READ]) { key } }');

    await openAsAdmin(page, 'Журнал');
    await page.waitForURL(`${server.url}/audit`);
    const entries = page.locator('.audit-entry');
    await entries.first().waitFor();
    const actions = await entries.evaluateAll((rows) =>
      rows.map((row) => (row as HTMLElement).dataset.action),
    );
    expect(actions.slice(0, 3)).toEqual(['createApiKey', 'acceptInvite', 'createInvite']);
    const entry = (action: string) => page.locator(`.audit-entry[data-action="${action}"]`).first();
    expect(await entry('createInvite').locator('.audit-entry__who').textContent()).toBe(admin.name);
    expect(await entry('acceptInvite').locator('.audit-entry__who').textContent()).toBe(customer.name);
    expect(await entry('createApiKey').locator('.audit-entry__action').textContent()).toBe('Создан API-ключ');

    // The changes are collapsed until asked for, then indented JSON.
    const changes = entry('createInvite').locator('.audit-entry__changes');
    expect(await changes.isVisible()).toBe(false);
    await entry('createInvite').locator('summary').click();
    expect(await changes.textContent()).toBe('{\n  "role": "COURIER"\n}');

    for (let index = 0; index < 24; index += 1) await createInviteOverApi(adminApi, 'FLORIST');
    await page.getByLabel('Действие').selectOption('createInvite');
    await page.waitForURL(`${server.url}/audit?action=createInvite`);
    await expect.poll(() => entries.count()).toBe(20);
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await expect.poll(() => entries.count()).toBe(25);
    expect(
      new Set(await entries.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.action))),
    ).toEqual(new Set(['createInvite']));
    expect(await page.getByRole('button', { name: 'Показать ещё' }).count()).toBe(0);
  });
});
