import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { expectConsistent, stockItemWith } from './stock-test-fixtures.js';

let app: TestApp;
let manager: Record<string, string>;
let florist: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn('manager@posy.demo');
  florist = await app.signIn('florist@posy.demo');
});
afterAll(() => app?.stop());

const RECEIVE = /* GraphQL */ `
  mutation ($lines: [SupplyLineInput!]!) {
    receiveSupply(supplierName: "Holland Direct", lines: $lines) { supplierName batches { quantityRemaining } }
  }
`;
const WRITE_OFF = /* GraphQL */ `
  mutation ($batchId: ID, $stockItemId: ID, $quantity: Int!) {
    writeOff(batchId: $batchId, stockItemId: $stockItemId, quantity: $quantity, reason: DAMAGED, note: "bent") {
      onHand reserved available
    }
  }
`;

describe('stock over GraphQL', () => {
  test('receiveSupply adds batches, SUPPLY movements and onHand; a florist may not', async () => {
    const rose = await stockItemWith(app, 'Supplied rose', []);
    const stockItemId = encodeGlobalId('StockItem', rose.id);
    const expiresAt = new Date(Date.now() + 72 * 3_600_000).toISOString();
    const lines = [{ stockItemId, quantity: 20, unitCostMinor: 9000, expiresAt }];
    const refused = await app.gql(RECEIVE, { lines }, florist);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const result = await app.gql(RECEIVE, { lines }, manager);
    expect(result.errors).toBeUndefined();
    expect(result.data!.receiveSupply.batches).toEqual([{ quantityRemaining: 20 }]);
    expect((await expectConsistent(app, rose.id)).onHand).toBe(20);
  });

  test('bad supply lines are refused with BAD_USER_INPUT and change nothing', async () => {
    const rose = await stockItemWith(app, 'Refused rose', []);
    const stockItemId = encodeGlobalId('StockItem', rose.id);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    for (const lines of [
      [{ stockItemId, quantity: 0, unitCostMinor: 1 }],
      [{ stockItemId, quantity: 5, unitCostMinor: 1, expiresAt: past }],
      [{ stockItemId: encodeGlobalId('StockItem', 'not-a-uuid'), quantity: 5, unitCostMinor: 1 }],
    ]) {
      const result = await app.gql(RECEIVE, { lines }, manager);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await expectConsistent(app, rose.id)).onHand).toBe(0);
    expect(await app.prisma.stockBatch.count({ where: { stockItemId: rose.id } })).toBe(0);
  });

  test('writeOff takes from a batch with a reason; more than is left is refused', async () => {
    const rose = await stockItemWith(app, 'Damaged rose', [[6, 48]]);
    const batchId = rose.batchIds[0];
    const tooMuch = await app.gql(WRITE_OFF, { batchId, quantity: 7 }, manager);
    expect(tooMuch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const result = await app.gql(WRITE_OFF, { batchId, quantity: 2 }, manager);
    expect(result.errors).toBeUndefined();
    expect(result.data!.writeOff).toEqual({ onHand: 4, reserved: 0, available: 4 });
    const movement = await app.prisma.stockMovement.findFirstOrThrow({
      where: { batchId, kind: 'WRITE_OFF' },
    });
    expect([movement.quantity, movement.note]).toEqual([-2, 'DAMAGED: bent']);
    await expectConsistent(app, rose.id);
  });

  test('writeOffExpired writes off exactly the expired batches', async () => {
    const rose = await stockItemWith(app, 'Wilted rose', [
      [3, -2],
      [4, 48],
    ]);
    const result = await app.gql('mutation { writeOffExpired }', {}, manager);
    expect(result.errors).toBeUndefined();
    expect(result.data!.writeOffExpired).toBeGreaterThanOrEqual(3);
    const item = await expectConsistent(app, rose.id);
    expect(item.onHand).toBe(4);
    const expired = await app.prisma.stockBatch.findUniqueOrThrow({ where: { id: rose.batchIds[0] } });
    expect(expired.writtenOffAt).not.toBeNull();
  });

  test('an API key with stock:read lists levels; without it is refused', async () => {
    const stockKey = await app.insertApiKey({ scopes: ['stock:read'] });
    const otherKey = await app.insertApiKey({ scopes: ['orders:read'] });
    const query = '{ stockItems { name onHand reserved available } }';
    const result = await app.gql(query, {}, stockKey.headers);
    expect(result.errors).toBeUndefined();
    expect(result.data!.stockItems.length).toBeGreaterThan(0);
    const refused = await app.gql(query, {}, otherKey.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('the reorder level set on an item is read back, and needsReorder follows what is available', async () => {
    const created = await app.gql(
      'mutation { createStockItem(name: "Reorder tulip", unit: STEM, reorderLevel: 10) { id reorderLevel needsReorder } }',
      {},
      manager,
    );
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createStockItem;
    expect(created.data!.createStockItem).toMatchObject({ reorderLevel: 10, needsReorder: true });
    await app.gql(RECEIVE, { lines: [{ stockItemId: id, quantity: 11, unitCostMinor: 100 }] }, manager);
    const read = (headers: Record<string, string>) =>
      app.gql(
        'query ($id: ID!) { node(id: $id) { ... on StockItem { reorderLevel needsReorder } } }',
        { id },
        headers,
      );
    expect((await read(florist)).data!.node).toEqual({ reorderLevel: 10, needsReorder: false });
    await app.gql(WRITE_OFF, { stockItemId: id, quantity: 1 }, manager);
    expect((await read(manager)).data!.node).toEqual({ reorderLevel: 10, needsReorder: true });
    // No level set: never needs reordering, however little there is.
    const none = await app.gql(
      'mutation { createStockItem(name: "No level tulip", unit: STEM) { reorderLevel needsReorder } }',
      {},
      manager,
    );
    expect(none.data!.createStockItem).toEqual({ reorderLevel: null, needsReorder: false });
  });
});
