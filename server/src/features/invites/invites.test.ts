import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { signInitData, telegramUser } from '../../../test/telegram-init-data.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';

const BOT_TOKEN = '7000000001:invites-test-token';
const CREATE = /* GraphQL */ `
  mutation ($role: Role!) {
    createInvite(role: $role) { telegramUrl webUrl invite { id role expiresAt createdBy { name } } }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation ($token: String!) {
    acceptInvite(token: $token) {
      __typename
      ... on Membership { role shop { slug } }
      ... on DomainError { message }
      ... on InviteUsed { usedAt }
      ... on InviteExpired { expiresAt }
      ... on AlreadyStaff { role }
    }
  }
`;

let app: TestApp;
let admin: Record<string, string>;
let manager: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp({ BOT_TOKEN, BOT_USERNAME: 'posy_test_bot', PUBLIC_URL: 'https://shop.example' });
  admin = await app.signIn('admin@posy.demo');
  manager = await app.signIn('manager@posy.demo');
});
afterAll(() => app?.stop());

/** A brand-new person arriving from Telegram: signed in, member of nothing. */
async function newcomer(telegramId: number) {
  const result = await app.gql<{ loginWithTelegram: { accessToken: string } }>(
    'mutation ($d: String!) { loginWithTelegram(initData: $d) { accessToken } }',
    { d: signInitData({ user: telegramUser(telegramId) }, BOT_TOKEN) },
  );
  return { authorization: `Bearer ${result.data?.loginWithTelegram.accessToken}` };
}

async function invite(role: string, headers = admin) {
  const result = await app.gql(CREATE, { role }, headers);
  expect(result.errors).toBeUndefined();
  const { telegramUrl, webUrl, invite } = result.data?.createInvite ?? {};
  const token = /startapp=invite-([\w-]+)$/.exec(telegramUrl)?.[1] as string;
  return { token, telegramUrl, webUrl, invite };
}

const memberships = () => app.prisma.membership.count();
/** Every membership and invite as stored, to prove a refused acceptance changed nothing. */
const rows = async () => ({
  memberships: await app.prisma.membership.findMany({ orderBy: { id: 'asc' } }),
  invites: await app.prisma.invite.findMany({ orderBy: { id: 'asc' } }),
  accepted: await app.prisma.auditLog.count({ where: { action: 'acceptInvite' } }),
});

describe('staff invites', () => {
  test('an admin invites a courier; the link opens the Mini App and the web app; accepting makes a courier', async () => {
    const created = await invite('COURIER');
    expect(created.telegramUrl).toMatch(/^https:\/\/t\.me\/posy_test_bot\?startapp=invite-[\w-]{32}$/);
    expect(created.webUrl).toBe(`https://shop.example/invite/${created.token}`);
    expect(created.invite.createdBy.name).toBeTruthy();
    // Only a hash is kept.
    const stored = await app.prisma.invite.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const person = await newcomer(600001);
    const accepted = await app.gql(ACCEPT, { token: created.token }, person);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptInvite).toEqual({
      __typename: 'Membership',
      role: 'COURIER',
      shop: { slug: 'demo' },
    });
    // The new membership takes effect on the same token: they act as a courier (own deliveries only).
    const orders = await app.gql('{ orders(first: 5) { totalCount } }', {}, person);
    expect(orders.errors).toBeUndefined();
    expect(orders.data?.orders.totalCount).toBe(0);

    const audit = await app.prisma.auditLog.findMany({
      where: { action: { in: ['createInvite', 'acceptInvite'] } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['createInvite', 'acceptInvite']);
    expect(audit[0]).toMatchObject({ targetType: 'Invite', changes: { role: 'COURIER' } });
    expect(audit[1]).toMatchObject({ targetType: 'Membership', changes: { role: 'COURIER' } });
    expect(audit[1]?.actorId).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  test('an invite works once: the second acceptance is InviteUsed with its time, and changes nothing', async () => {
    const { token, invite: created } = await invite('FLORIST');
    expect((await app.gql(ACCEPT, { token }, await newcomer(600002))).errors).toBeUndefined();
    const second = await newcomer(600003);
    const before = await rows();
    const used = before.invites.find((i) => i.id === decodeGlobalId(created.id).id);
    const refused = await app.gql(ACCEPT, { token }, second);
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.acceptInvite).toEqual({
      __typename: 'InviteUsed',
      message: expect.stringMatching(/already used/),
      usedAt: used?.acceptedAt?.toISOString(),
    });
    expect(await rows()).toEqual(before);
    // The refusal is still on the trail of who tried what, named by its type.
    const trail = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: 'acceptInvite.failed' },
      orderBy: { at: 'desc' },
    });
    expect(trail.changes).toMatchObject({ error: 'InviteUsed' });
  });

  test('two people accepting one invite at once: one joins, the other gets InviteUsed', async () => {
    const { token } = await invite('COURIER');
    const people = await Promise.all([newcomer(600020), newcomer(600021), newcomer(600022)]);
    const before = await memberships();
    const results = await Promise.all(people.map((person) => app.gql(ACCEPT, { token }, person)));
    const typenames = results.map((r) => r.data?.acceptInvite.__typename).sort();
    expect(typenames).toEqual(['InviteUsed', 'InviteUsed', 'Membership']);
    expect(await memberships()).toBe(before + 1);
  });

  test('the list shows open invites to admins and managers; revoking closes one', async () => {
    const { invite: open } = await invite('MANAGER', manager);
    const list = await app.gql('{ invites { id role } }', {}, manager);
    expect(list.data?.invites).toContainEqual({ id: open.id, role: 'MANAGER' });
    const revoked = await app.gql(
      'mutation ($id: ID!) { revokeInvite(id: $id) { revokedAt } }',
      { id: open.id },
      admin,
    );
    expect(revoked.data?.revokeInvite.revokedAt).toBeTruthy();
    const after = await app.gql('{ invites { id } }', {}, manager);
    expect(after.data?.invites.map((i: { id: string }) => i.id)).not.toContain(open.id);
  });
});

describe('invite preview', () => {
  const PREVIEW = 'query ($token: String!) { invitePreview(token: $token) { shopName role state } }';
  test('anyone holding the link sees the shop, the role and whether it still works', async () => {
    const open = await invite('COURIER');
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
    expect((await app.gql(PREVIEW, { token: open.token })).data?.invitePreview).toEqual({
      shopName: shop.name,
      role: 'COURIER',
      state: 'OPEN',
    });
    await app.gql(ACCEPT, { token: open.token }, await newcomer(600010));
    expect((await app.gql(PREVIEW, { token: open.token })).data?.invitePreview.state).toBe('USED');
    const revoked = await invite('FLORIST');
    await app.gql('mutation ($id: ID!) { revokeInvite(id: $id) { id } }', { id: revoked.invite.id }, admin);
    expect((await app.gql(PREVIEW, { token: revoked.token })).data?.invitePreview.state).toBe('REVOKED');
    expect((await app.gql(PREVIEW, { token: 'y'.repeat(32) })).data?.invitePreview).toBeNull();
    expect((await app.gql(PREVIEW, { token: 'nope!' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('invites refuse', () => {
  test('who may not invite whom', async () => {
    const florist = await app.signIn('florist@posy.demo');
    const courier = await app.signIn('courier@posy.demo');
    const before = await app.prisma.invite.count();
    const cases: [Record<string, string>, string, string][] = [
      [manager, 'ADMIN', 'FORBIDDEN'],
      [florist, 'COURIER', 'FORBIDDEN'],
      [courier, 'COURIER', 'FORBIDDEN'],
      [app.demoKey, 'COURIER', 'FORBIDDEN'],
      [{}, 'COURIER', 'UNAUTHENTICATED'],
    ];
    for (const [headers, role, code] of cases) {
      const result = await app.gql(CREATE, { role }, headers);
      expect(result.errors?.[0]?.extensions?.code, `${role} by ${JSON.stringify(headers)}`).toBe(code);
    }
    expect((await app.gql(CREATE, { role: 'OWNER' }, admin)).errors?.[0]?.message).toMatch(/OWNER/);
    expect(await app.prisma.invite.count()).toBe(before);
    expect((await app.gql('{ invites { id } }', {}, florist)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  test('expired, revoked, unknown, malformed, anonymous and already-a-member acceptances', async () => {
    const expired = await invite('FLORIST');
    await app.prisma.invite.update({
      where: { id: decodeGlobalId(expired.invite.id).id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await invite('FLORIST');
    await app.gql('mutation ($id: ID!) { revokeInvite(id: $id) { id } }', { id: revoked.invite.id }, admin);
    const fresh = await invite('FLORIST');
    const person = await newcomer(600004);
    const before = await rows();
    const expiredRow = before.invites.find((i) => i.id === decodeGlobalId(expired.invite.id).id);
    const tooLate = await app.gql(ACCEPT, { token: expired.token }, person);
    expect(tooLate.errors).toBeUndefined();
    expect(tooLate.data?.acceptInvite).toEqual({
      __typename: 'InviteExpired',
      message: expect.stringMatching(/expired/),
      expiresAt: expiredRow?.expiresAt.toISOString(),
    });
    const member = await app.gql(ACCEPT, { token: fresh.token }, manager);
    expect(member.errors).toBeUndefined();
    expect(member.data?.acceptInvite).toEqual({
      __typename: 'AlreadyStaff',
      message: expect.stringMatching(/already on the staff/),
      role: 'MANAGER',
    });
    const cases: [string, Record<string, string>, string, RegExp][] = [
      [revoked.token, person, 'NOT_FOUND', /invite/],
      ['x'.repeat(32), person, 'NOT_FOUND', /invite/],
      ['not a token!', person, 'BAD_USER_INPUT', /invite token/],
      [fresh.token, {}, 'UNAUTHENTICATED', /Sign in/],
      [fresh.token, app.demoKey, 'FORBIDDEN', /not allowed|Sign in/],
    ];
    for (const [token, headers, code, message] of cases) {
      const result = await app.gql(ACCEPT, { token }, headers);
      expect(result.errors?.[0]?.extensions?.code, token).toBe(code);
      expect(result.errors?.[0]?.message).toMatch(message);
    }
    expect(await rows()).toEqual(before);
    // The fresh invite survived all that and still works.
    expect((await app.gql(ACCEPT, { token: fresh.token }, person)).errors).toBeUndefined();
  });

  test('revoking another shop’s or an unknown invite is NOT_FOUND', async () => {
    const bogus = encodeGlobalId('Invite', '0195f0b4-8d3c-7000-8000-000000000000');
    const result = await app.gql(
      'mutation ($id: ID!) { revokeInvite(id: $id) { id } }',
      { id: bogus },
      admin,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

test('without PUBLIC_URL the web link points at the address the server listens on, as the README says', async () => {
  const local = await startTestApp({ BOT_TOKEN });
  try {
    const headers = await local.signIn('admin@posy.demo');
    const result = await local.gql(CREATE, { role: 'FLORIST' }, headers);
    expect(result.errors).toBeUndefined();
    const port = new URL(local.url).port;
    expect(port).not.toBe('4000');
    expect(result.data?.createInvite.webUrl).toMatch(
      new RegExp(`^http://localhost:${port}/invite/[\\w-]{32}$`),
    );
  } finally {
    await local.stop();
  }
});
