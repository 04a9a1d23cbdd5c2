import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { untilWaitingOnLocks } from '../../../test/lock-waits.js';

const CREATE = 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id name } }';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

test('two creates of one category name at once: one is created, the other a clear BAD_USER_INPUT', async () => {
  const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
  const manager = await app.signIn('manager@posy.demo');
  const name = 'Test race bouquets';

  // Another transaction holds the name uncommitted until both requests wait behind it, so both have
  // checked the name is free (they cannot see the uncommitted row) before either inserts: the race, for certain.
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const holder = app.prisma
    .$transaction(
      async (tx) => {
        await tx.category.create({ data: { shopId: shop.id, name } });
        await released;
        throw new Error('roll back');
      },
      { timeout: 20_000 },
    )
    .catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 100));
  const requests = Promise.all([
    app.gql(CREATE, { input: { name } }, manager),
    app.gql(CREATE, { input: { name } }, manager),
  ]);
  await untilWaitingOnLocks(app, 2);
  release();
  await holder;
  const answers = await requests;

  const created = answers.filter((r) => r.data?.createCategory);
  const refused = answers.filter((r) => r.errors);
  expect(created).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0]?.errors?.[0]).toMatchObject({
    message: `There is already a category named “${name}”`,
    extensions: { code: 'BAD_USER_INPUT', field: 'name' },
  });
  expect(await app.prisma.category.count({ where: { shopId: shop.id, name } })).toBe(1);
  expect(await app.prisma.auditLog.count({ where: { action: 'createCategory' } })).toBe(1);
});
