import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

const STAFF = '{ staff { id role user { name } } }';
const LAST_ADMIN = '... on LastAdmin { message membershipId }';
const CHANGE = `mutation ($id: ID!, $role: Role!) {
  changeStaffRole(membershipId: $id, role: $role) { __typename ... on Membership { role } ${LAST_ADMIN} }
}`;
const REMOVE = `mutation ($id: ID!) {
  removeStaffMember(membershipId: $id) { __typename ... on Membership { id } ${LAST_ADMIN} }
}`;

let app: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.signIn('admin@posy.demo');
});
afterAll(() => app?.stop());

const membershipOf = (email: string) =>
  app.prisma.membership.findFirstOrThrow({ where: { user: { email }, revokedAt: null } });

describe('staff management', () => {
  test('admins and managers see the staff; florists do not', async () => {
    const manager = await app.signIn('manager@posy.demo');
    const list = await app.gql(STAFF, {}, manager);
    expect(list.data?.staff.map((m: { role: string }) => m.role).sort()).toEqual([
      'ADMIN',
      'COURIER',
      'FLORIST',
      'MANAGER',
    ]);
    const florist = await app.signIn('florist@posy.demo');
    expect((await app.gql(STAFF, {}, florist)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('an admin changes a role; it takes effect at once and is audited', async () => {
    const florist = await membershipOf('florist@posy.demo');
    const changed = await app.gql(CHANGE, { id: florist.id, role: 'MANAGER' }, admin);
    expect(changed.data?.changeStaffRole.role).toBe('MANAGER');
    const asNewManager = await app.signIn('florist@posy.demo');
    expect((await app.gql(STAFF, {}, asNewManager)).errors).toBeUndefined();
    const entry = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'changeStaffRole' } });
    expect(entry).toMatchObject({
      targetType: 'Membership',
      targetId: florist.id,
      changes: { role: { from: 'FLORIST', to: 'MANAGER' } },
    });
    await app.gql(CHANGE, { id: florist.id, role: 'FLORIST' }, admin);
  });

  test('removing a courier ends their rights and closes their open socket with 4403', async () => {
    const courierHeaders = await app.signIn('courier@posy.demo');
    const delivering = await app.prisma.order.findFirstOrThrow({
      where: { courier: { email: 'courier@posy.demo' } },
    });
    const orderId = encodeGlobalId('Order', delivering.id);
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: `${app.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: courierHeaders.authorization },
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      client.subscribe(
        { query: 'subscription ($id: ID!) { orderUpdated(id: $id) { id } }', variables: { id: orderId } },
        { next: () => {}, error: () => {}, complete: () => {} },
      );
    });
    // Let the socket open and subscribe before the change.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const courier = await membershipOf('courier@posy.demo');
    const removed = await app.gql(REMOVE, { id: courier.id }, admin);
    expect(removed.errors).toBeUndefined();
    expect(await closed).toBe(4403);
    const after = await app.gql('{ orders(first: 1) { totalCount } }', {}, courierHeaders);
    expect(after.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|BAD_USER_INPUT/);
    expect(
      (await app.prisma.membership.findUniqueOrThrow({ where: { id: courier.id } })).revokedAt,
    ).not.toBeNull();
  });
});

describe('staff management refuses', () => {
  test('the last admin cannot be demoted or removed; managers cannot change roles; bad ids', async () => {
    const adminMembership = await membershipOf('admin@posy.demo');
    const manager = await app.signIn('manager@posy.demo');
    const rows = async () => ({
      memberships: await app.prisma.membership.findMany({ orderBy: { id: 'asc' } }),
      audited: await app.prisma.auditLog.count({
        where: { action: { in: ['changeStaffRole', 'removeStaffMember'] } },
      }),
    });
    const before = await rows();
    const lastAdmin = {
      __typename: 'LastAdmin',
      message: expect.stringMatching(/no admin left/),
      membershipId: adminMembership.id,
    };
    const demoted = await app.gql(CHANGE, { id: adminMembership.id, role: 'MANAGER' }, admin);
    expect(demoted.errors).toBeUndefined();
    expect(demoted.data).toEqual({ changeStaffRole: lastAdmin });
    const removed = await app.gql(REMOVE, { id: adminMembership.id }, admin);
    expect(removed.errors).toBeUndefined();
    expect(removed.data).toEqual({ removeStaffMember: lastAdmin });
    const cases: [string, Record<string, unknown>, Record<string, string>, string][] = [
      [CHANGE, { id: adminMembership.id, role: 'COURIER' }, manager, 'FORBIDDEN'],
      [REMOVE, { id: adminMembership.id }, app.demoKey, 'FORBIDDEN'],
      [REMOVE, { id: 'not-a-uuid' }, admin, 'BAD_USER_INPUT'],
      [REMOVE, { id: '0195f0b4-8d3c-7000-8000-000000000000' }, admin, 'NOT_FOUND'],
    ];
    for (const [query, variables, headers, code] of cases) {
      const result = await app.gql(query, variables, headers);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe(code);
    }
    expect(await rows()).toEqual(before);
    const still = await app.prisma.membership.findUniqueOrThrow({ where: { id: adminMembership.id } });
    expect(still).toMatchObject({ role: 'ADMIN', revokedAt: null });
  });
});
