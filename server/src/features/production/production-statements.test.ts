import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { bouquetOf, bouquetPhoto, confirmedOrder, MANAGER } from './production-test-fixtures.js';

// The production board must not run a query per task (or per line of a task): its statement count is the
// same for a queue of 2 tasks and of 8, FEFO plan (`batches`) included.
let app: TestApp;
let manager: Record<string, string>;
/** Where the query listener records statements; null while not counting (Prisma has no $off). */
let recording: string[] | null = null;
beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  app.prisma.$on('query', (event) => recording?.push(event.query));
});
afterAll(() => app?.stop());

const QUEUE = `{ productionQueue { id status order { id status version florist { id } } photo { id }
  composition { productName quantity product { id name } components { perUnit quantity stockItem { id name } } }
  batches { batch { id expiresAt } stockItem { id name } quantity expiresAt }
  approval { status } } }`;

async function countStatements(tasks: number, query = QUEUE) {
  const statements: string[] = [];
  recording = statements;
  const result = await app.gql(query, {}, manager);
  recording = null;
  expect(result.errors).toBeUndefined();
  expect(result.data!.productionQueue).toHaveLength(tasks);
  return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim()));
}

test('productionQueue with composition and batches runs as many statements for 8 tasks as for 2', async () => {
  await app.prisma.productionTask.updateMany({ data: { status: 'CANCELLED' } });
  // Each order of its own product and stock item, so no row is shared between tasks.
  const productId = async (n: number) =>
    (
      await bouquetOf(app, `Counted roses ${n}`, 2, [
        [1000, 96],
        [1000, 48],
      ])
    ).productId;
  for (let i = 0; i < 2; i++) await confirmedOrder(app, manager, { productId: await productId(i) });
  await countStatements(2); // warm-up
  const two = await countStatements(2);
  for (let i = 2; i < 8; i++) await confirmedOrder(app, manager, { productId: await productId(i) });
  const eight = await countStatements(8);
  console.log(two.length, eight.length, eight.join('\n'));
  expect(eight.length).toBe(two.length);
});

test('an approval asked without its photo reads no File row; asked with it, one query for the page', async () => {
  await app.prisma.productionTask.updateMany({ data: { status: 'CANCELLED' } });
  const { productId } = await bouquetOf(app, 'Approved counted roses', 1, [[100, 96]]);
  const photo = await bouquetPhoto(app, manager);
  for (let i = 0; i < 3; i++) await confirmedOrder(app, manager, { productId });
  await app.prisma.productionTask.updateMany({
    where: { status: { not: 'CANCELLED' } },
    data: { approvalStatus: 'PENDING', approvalRequestedAt: new Date(), photoFileId: photo.rowId },
  });
  const fileReads = (statements: string[]) => statements.filter((sql) => sql.includes('"public"."File"'));
  const bare = await countStatements(3, '{ productionQueue { id approval { status requestedAt } } }');
  expect(fileReads(bare)).toEqual([]);
  const withPhoto = await countStatements(3, '{ productionQueue { id approval { status photo { id } } } }');
  expect(fileReads(withPhoto)).toHaveLength(1);
});
