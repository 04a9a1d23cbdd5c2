import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

const PRODUCT_FIELDS = /* GraphQL */ `
  id name active leadTimeMinutes archivedAt category { name }
  price { amountMinor } cost { amountMinor } marginAmount { amountMinor } margin
  components { quantity stockItem { name } }
`;
const CREATE = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { ${PRODUCT_FIELDS} } }`;
const ARCHIVE = `mutation ($id: ID!) { archiveProduct(id: $id) { id archivedAt active } }`;
const CREATE_CATEGORY =
  'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id name } }';

let app: TestApp;
let admin: Record<string, string>;
let manager: Record<string, string>;
let florist: Record<string, string>;
let customer: Record<string, string>;
let shopId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.signIn('admin@posy.demo');
  manager = await app.signIn('manager@posy.demo');
  florist = await app.signIn('florist@posy.demo');
  customer = await app.signIn('customer@posy.demo');
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
});
afterAll(() => app?.stop());

/** A stock item of the demo shop with the given batches (unit cost, remaining, expiry, written off). */
async function stockItem(
  name: string,
  unitCostMinor: number,
  batches: { cost: number; remaining: number; expiresAt?: Date; writtenOff?: boolean }[] = [],
) {
  const item = await app.prisma.stockItem.create({
    data: {
      shopId,
      name,
      unit: 'STEM',
      unitCostMinor,
      batches: {
        create: batches.map((b) => ({
          quantityReceived: b.remaining,
          quantityRemaining: b.remaining,
          unitCostMinor: b.cost,
          expiresAt: b.expiresAt ?? null,
          writtenOffAt: b.writtenOff ? new Date() : null,
        })),
      },
    },
  });
  return encodeGlobalId('StockItem', item.id);
}

const counts = async () => ({
  products: await app.prisma.product.count(),
  components: await app.prisma.productComponent.count(),
});

describe('catalog: products', () => {
  test('cost is the current batches’ unit costs weighted by what is left; expired, empty and written-off batches do not count; no batch falls back to the item’s cost', async () => {
    const past = new Date(Date.now() - 86_400_000);
    const rose = await stockItem('Test rose', 999, [
      { cost: 100, remaining: 30 },
      { cost: 200, remaining: 10 },
      { cost: 5000, remaining: 50, expiresAt: past },
      { cost: 7000, remaining: 50, writtenOff: true },
      { cost: 9000, remaining: 0 },
    ]);
    const ribbon = await stockItem('Test ribbon', 40);
    const result = await app.gql(
      CREATE,
      {
        input: {
          name: 'Test bouquet',
          priceMinor: 2000,
          leadTimeMinutes: 45,
          components: [
            { stockItemId: rose, quantity: 7 },
            { stockItemId: ribbon, quantity: 2 },
          ],
        },
      },
      manager,
    );
    expect(result.errors).toBeUndefined();
    // Rose: (30×100 + 10×200) / 40 = 125 per stem; 7 × 125 + 2 × 40 = 955.
    expect(result.data?.createProduct).toMatchObject({
      name: 'Test bouquet',
      active: true,
      leadTimeMinutes: 45,
      category: null,
      price: { amountMinor: 2000 },
      cost: { amountMinor: 955 },
      marginAmount: { amountMinor: 1045 },
      margin: 0.5225,
    });
    const audit = await app.prisma.auditLog.findFirst({
      where: { action: 'createProduct' },
      orderBy: { at: 'desc' },
    });
    expect(audit?.targetType).toBe('Product');
  });

  test('updateProduct replaces the composition, moves it into a category and switches it off; customers no longer see it', async () => {
    const tulip = await stockItem('Test tulip', 80);
    const peony = await stockItem('Test peony', 300);
    const created = await app.gql(
      CREATE,
      { input: { name: 'Test spring', priceMinor: 3000, components: [{ stockItemId: tulip, quantity: 9 }] } },
      admin,
    );
    const id = created.data?.createProduct.id;
    const category = await app.gql(CREATE_CATEGORY, { input: { name: 'Test seasonal' } }, manager);
    expect(category.errors).toBeUndefined();
    const seenBefore = await app.gql('query ($id: ID!) { node(id: $id) { id } }', { id }, customer);
    expect(seenBefore.data?.node).toEqual({ id });

    const updated = await app.gql(
      UPDATE,
      {
        id,
        input: {
          active: false,
          categoryId: category.data?.createCategory.id,
          components: [{ stockItemId: peony, quantity: 3 }],
        },
      },
      manager,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateProduct).toMatchObject({
      name: 'Test spring',
      active: false,
      category: { name: 'Test seasonal' },
      components: [{ quantity: 3, stockItem: { name: 'Test peony' } }],
      cost: { amountMinor: 900 },
    });
    const seenAfter = await app.gql('query ($id: ID!) { node(id: $id) { id } }', { id }, customer);
    expect(seenAfter.data?.node).toBeNull();
    const listed = await app.gql(
      '{ products(first: 100, search: "Test spring") { totalCount } }',
      {},
      customer,
    );
    expect(listed.data?.products.totalCount).toBe(0);
  });

  test('archiveProduct takes it off sale for good; editing it again is NOT_FOUND', async () => {
    const created = await app.gql(CREATE, { input: { name: 'Test archived', priceMinor: 100 } }, manager);
    const id = created.data?.createProduct.id;
    const archived = await app.gql(ARCHIVE, { id }, manager);
    expect(archived.errors).toBeUndefined();
    expect(archived.data?.archiveProduct).toMatchObject({ id, active: false });
    expect(archived.data?.archiveProduct.archivedAt).toBeTruthy();
    const again = await app.gql(UPDATE, { id, input: { priceMinor: 200 } }, manager);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  test('bad input is refused with BAD_USER_INPUT and changes nothing', async () => {
    const lily = await stockItem('Test lily', 150);
    const archivedItem = await app.prisma.stockItem.create({
      data: { shopId, name: 'Test archived item', unit: 'STEM', archivedAt: new Date() },
    });
    const before = await counts();
    const bad = [
      { name: '', priceMinor: 100 },
      { name: 'Test bad', priceMinor: -1 },
      { name: 'Test bad', priceMinor: 100, leadTimeMinutes: -5 },
      { name: 'Test bad', priceMinor: 100, components: [{ stockItemId: lily, quantity: 0 }] },
      {
        name: 'Test bad',
        priceMinor: 100,
        components: [
          { stockItemId: lily, quantity: 1 },
          { stockItemId: lily, quantity: 2 },
        ],
      },
      {
        name: 'Test bad',
        priceMinor: 100,
        components: [{ stockItemId: encodeGlobalId('StockItem', archivedItem.id), quantity: 1 }],
      },
      {
        name: 'Test bad',
        priceMinor: 100,
        categoryId: encodeGlobalId('Category', '00000000-0000-7000-8000-000000000000'),
      },
    ];
    for (const input of bad) {
      const result = await app.gql(CREATE, { input }, manager);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect(await counts()).toEqual(before);
  });

  test('only admins, managers and catalog:write keys edit the catalog', async () => {
    const before = await counts();
    const input = { name: 'Test forbidden', priceMinor: 100 };
    const readKey = await app.insertApiKey({ scopes: ['catalog:read'] });
    for (const headers of [florist, customer, readKey.headers, app.demoKey]) {
      const result = await app.gql(CREATE, { input }, headers);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
    const writeKey = await app.insertApiKey({ scopes: ['catalog:read', 'catalog:write'] });
    const byKey = await app.gql(
      CREATE,
      { input: { name: 'Test by key', priceMinor: 100 } },
      writeKey.headers,
    );
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data?.createProduct.name).toBe('Test by key');
  });
});

describe('catalog: a category’s shelf', () => {
  test('products(categoryId) lists that category’s only, counted the same; categories(withProductsOnSale) leaves out the empty shelves', async () => {
    const category = async (name: string) =>
      (await app.gql(CREATE_CATEGORY, { input: { name } }, manager)).data?.createCategory.id as string;
    const vases = await category('Test vases');
    const emptyShelf = await category('Test empty shelf');
    const offSaleShelf = await category('Test off-sale shelf');
    for (const [name, categoryId] of [
      ['Test vase one', vases],
      ['Test vase two', vases],
      ['Test off-sale vase', offSaleShelf],
    ] as const) {
      const made = await app.gql(
        CREATE,
        { input: { name, priceMinor: 1000, leadTimeMinutes: 30, categoryId, components: [] } },
        manager,
      );
      expect(made.errors).toBeUndefined();
      if (name === 'Test off-sale vase')
        await app.gql(UPDATE, { id: made.data?.createProduct.id, input: { active: false } }, manager);
    }

    const shelf = async (categoryId: string, headers: Record<string, string>) =>
      (
        await app.gql(
          'query ($c: ID) { products(activeOnly: true, categoryId: $c, first: 1) { totalCount edges { node { name } } pageInfo { hasNextPage } } }',
          { c: categoryId },
          headers,
        )
      ).data?.products;
    expect(await shelf(vases, customer)).toEqual({
      totalCount: 2,
      edges: [{ node: { name: expect.stringMatching(/^Test vase /) } }],
      pageInfo: { hasNextPage: true },
    });
    expect((await shelf(offSaleShelf, customer))?.totalCount).toBe(0);
    expect((await shelf(emptyShelf, manager))?.totalCount).toBe(0);

    const shelves = async (headers: Record<string, string>) =>
      (await app.gql('{ categories(withProductsOnSale: true) { name } }', {}, headers)).data?.categories.map(
        (c: { name: string }) => c.name,
      );
    const customerShelves = await shelves(customer);
    expect(customerShelves).toContain('Test vases');
    expect(customerShelves).not.toContain('Test empty shelf');
    expect(customerShelves).not.toContain('Test off-sale shelf');

    const notACategory = await app.gql(
      'query ($c: ID) { products(categoryId: $c, first: 1) { totalCount } }',
      { c: encodeGlobalId('Product', '00000000-0000-7000-8000-000000000000') },
      customer,
    );
    expect(notACategory.data).toBeNull();
    expect(notACategory.errors?.[0]?.message).toBeTruthy();
  });
});

describe('catalog: categories', () => {
  test('create, rename, archive; a taken name is BAD_USER_INPUT; customers do not list archived ones', async () => {
    const created = await app.gql(CREATE_CATEGORY, { input: { name: 'Test boxes', position: 2 } }, admin);
    expect(created.errors).toBeUndefined();
    const id = created.data?.createCategory.id;
    const taken = await app.gql(CREATE_CATEGORY, { input: { name: 'Test boxes' } }, manager);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });

    const renamed = await app.gql(
      'mutation ($id: ID!) { updateCategory(id: $id, input: { name: "Test hatboxes" }) { name position } }',
      { id },
      manager,
    );
    expect(renamed.data?.updateCategory).toEqual({ name: 'Test hatboxes', position: 2 });

    const archived = await app.gql(
      'mutation ($id: ID!) { archiveCategory(id: $id) { archivedAt } }',
      { id },
      manager,
    );
    expect(archived.data?.archiveCategory.archivedAt).toBeTruthy();
    const names = async (headers: Record<string, string>, includeArchived: boolean) =>
      (
        await app.gql(
          'query ($a: Boolean) { categories(includeArchived: $a) { name } }',
          { a: includeArchived },
          headers,
        )
      ).data?.categories.map((c: { name: string }) => c.name);
    expect(await names(customer, true)).not.toContain('Test hatboxes');
    expect(await names(manager, false)).not.toContain('Test hatboxes');
    expect(await names(manager, true)).toContain('Test hatboxes');

    const forbidden = await app.gql(CREATE_CATEGORY, { input: { name: 'Test florist' } }, florist);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
