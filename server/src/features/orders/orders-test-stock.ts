import type { TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

/** Receives `quantity` of every stock item of the shop through the real `receiveSupply`, as `headers`' caller. */
export async function receivePlenty(
  app: TestApp,
  shopId: string,
  headers: Record<string, string>,
  quantity = 1000,
) {
  const items = await app.prisma.stockItem.findMany({
    where: { shopId, archivedAt: null },
    select: { id: true },
  });
  const result = await app.gql(
    'mutation Supply($lines: [SupplyLineInput!]!) { receiveSupply(supplierName: "Test supplier", lines: $lines) { id } }',
    {
      lines: items.map((item) => ({
        stockItemId: encodeGlobalId('StockItem', item.id),
        quantity,
        unitCostMinor: 100,
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      })),
    },
    headers,
  );
  if (result.errors) throw new Error(`receiveSupply failed: ${JSON.stringify(result.errors)}`);
}
