import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

// checkoutOptions: what a customer's checkout offers, read by the customer (checkoutSettings is staff only),
// with archived pickup points and zones left out. Product.composition: the bouquet without its stock items.
let app: TestApp;
let shopId: string;
beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
});
afterAll(() => app?.stop());

const OPTIONS = /* GraphQL */ `
  {
    checkoutOptions {
      cardTextMaxLength deliveryFee { amountMinor currency }
      pickupPoints { name address active }
      zones { name fee { amountMinor } active }
    }
  }
`;

describe('checkoutOptions', () => {
  test('a customer reads the card limit, the fee and only the points and zones on offer', async () => {
    const customer = await app.signIn('customer@posy.demo');
    const archived = await app.prisma.pickupPoint.create({
      data: { shopId, name: 'Closed kiosk', address: 'Old street 1', active: false },
    });
    const shop = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const result = await app.gql(OPTIONS, {}, customer);
    expect(result.errors).toBeUndefined();
    const options = result.data!.checkoutOptions;
    expect(options.cardTextMaxLength).toBe(shop.cardTextMaxLength);
    expect(options.deliveryFee).toEqual({ amountMinor: shop.deliveryFeeMinor, currency: shop.currency });
    const offered = await app.prisma.pickupPoint.findMany({
      where: { shopId, active: true },
      orderBy: { name: 'asc' },
    });
    expect(offered.length).toBeGreaterThan(0);
    expect(options.pickupPoints.map((point: { name: string }) => point.name)).toEqual(
      offered.map((point) => point.name),
    );
    expect(options.pickupPoints.some((point: { name: string }) => point.name === archived.name)).toBe(false);
    expect(options.zones.every((zone: { active: boolean }) => zone.active)).toBe(true);
    await app.prisma.pickupPoint.delete({ where: { id: archived.id } });
  });

  test('is refused to someone signed out', async () => {
    const result = await app.gql(OPTIONS, {}, { 'X-Shop-Id': shopId });
    expect(result.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});

describe('Product.composition', () => {
  test('a customer reads what a bouquet is made of by name, though not its stock items', async () => {
    const customer = await app.signIn('customer@posy.demo');
    const product = await app.prisma.product.findFirstOrThrow({
      where: { shopId, components: { some: {} } },
      select: { id: true, components: { select: { quantity: true, stockItem: { select: { name: true } } } } },
    });
    const result = await app.gql(
      /* GraphQL */ `
        query ($id: ID!) { node(id: $id) { ... on Product { composition { name quantity } } } }
      `,
      { id: encodeGlobalId('Product', product.id) },
      customer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.node.composition).toEqual(
      expect.arrayContaining(
        product.components.map((c) => ({ name: c.stockItem.name, quantity: c.quantity })),
      ),
    );
    const stock = await app.gql(
      /* GraphQL */ `query ($id: ID!) { node(id: $id) { ... on Product { components { quantity } } } }`,
      { id: encodeGlobalId('Product', product.id) },
      customer,
    );
    expect(stock.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
