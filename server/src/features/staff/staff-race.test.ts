import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { untilWaitingOnLocks } from '../../../test/lock-waits.js';

const CHANGE = `mutation ($id: ID!, $role: Role!) {
  changeStaffRole(membershipId: $id, role: $role) { __typename ... on LastAdmin { membershipId } }
}`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

test('two admins demoting each other at once: one wins, the other gets LastAdmin, an admin remains', async () => {
  const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
  const a = await app.prisma.membership.findFirstOrThrow({ where: { user: { email: 'admin@posy.demo' } } });
  const b = await app.prisma.membership.update({
    where: {
      id: (await app.prisma.membership.findFirstOrThrow({ where: { user: { email: 'manager@posy.demo' } } }))
        .id,
    },
    data: { role: 'ADMIN' },
  });
  const asA = await app.signIn('admin@posy.demo');
  const asB = await app.signIn('manager@posy.demo');

  // Hold both memberships locked from another connection until both requests wait on them, so they overlap
  // for certain: without the fix both have counted "one other admin" by then, and both demotions commit.
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const holder = app.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Membership" WHERE "shopId" = ${shop.id}::uuid ORDER BY id FOR UPDATE`;
      await released;
    },
    { timeout: 20_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const requests = Promise.all([
    app.gql(CHANGE, { id: b.id, role: 'MANAGER' }, asA),
    app.gql(CHANGE, { id: a.id, role: 'MANAGER' }, asB),
  ]);
  await untilWaitingOnLocks(app, 2);
  release();
  await holder;
  const answers = await requests;

  for (const answer of answers) expect(answer.errors).toBeUndefined();
  expect(answers.map((r) => r.data?.changeStaffRole.__typename).sort()).toEqual(['LastAdmin', 'Membership']);
  const admins = await app.prisma.membership.count({
    where: { shopId: shop.id, role: 'ADMIN', revokedAt: null },
  });
  expect(admins).toBe(1);
  expect(await app.prisma.auditLog.count({ where: { action: 'changeStaffRole' } })).toBe(1);
});
