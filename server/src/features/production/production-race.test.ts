import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId } from '../../graphql/global-id.js';
import { addStaff, bouquetOf, confirmedOrder, MANAGER, taskIdOf } from './production-test-fixtures.js';

// Two florists tap "take" on one task at the same moment, over real HTTP: exactly one gets it, the other is
// told who did (TaskAlreadyTaken), and the order starts production once.
let app: TestApp;
let manager: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
});
afterAll(() => app?.stop());

const TAKE = `mutation($id: ID!) { takeProductionTask(id: $id) {
  __typename
  ... on MutationTakeProductionTaskSuccess { data { status florist { id } } }
  ... on TaskAlreadyTaken { message florist { id name } } } }`;

test('two florists take one task at once: one gets it, the other TaskAlreadyTaken naming the first', async () => {
  const anna = await addStaff(app, 'FLORIST', 'Anna Florist');
  const boris = await addStaff(app, 'FLORIST', 'Boris Florist');
  const { productId } = await bouquetOf(app, 'Raced roses', 1, [[100, 48]]);
  // Several rounds, so the requests really overlap in the database more than once.
  for (let round = 0; round < 5; round++) {
    const order = await confirmedOrder(app, manager, { productId });
    const { id } = await taskIdOf(app, order.id);
    const answers = await Promise.all([anna, boris].map((f) => app.gql(TAKE, { id }, f.headers)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const results = answers.map((a) => a.data!.takeProductionTask);
    const won = results.filter((r) => r.__typename === 'MutationTakeProductionTaskSuccess');
    const lost = results.filter((r) => r.__typename === 'TaskAlreadyTaken');
    expect(won, JSON.stringify(results)).toHaveLength(1);
    expect(lost, JSON.stringify(results)).toHaveLength(1);
    const winner = won[0].data.florist.id;
    expect([anna.id, boris.id]).toContain(winner);
    expect(lost[0].florist.id).toBe(winner);
    const row = await app.prisma.order.findUniqueOrThrow({
      where: { id: decodeGlobalId(order.id).id },
      include: { events: { where: { toStatus: 'IN_PRODUCTION' } }, task: true },
    });
    expect(row).toMatchObject({ status: 'IN_PRODUCTION', version: order.version + 1, floristId: winner });
    expect(row.events).toHaveLength(1);
    expect(row.task).toMatchObject({ status: 'IN_PROGRESS', floristId: winner });
  }
});
