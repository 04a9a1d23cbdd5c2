import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId } from '../../graphql/global-id.js';
import {
  addCustomer,
  bouquetOf,
  bouquetPhoto,
  confirmedOrder,
  FLORIST,
  MANAGER,
  taskIdOf,
} from './production-test-fixtures.js';

// Order.bouquetPhoto: staff see the bouquet's photo as soon as the task has one, the order's customer once
// the bouquet is made (the task DONE), asked for approval or not; node(id:) answers the same.
let app: TestApp;
let manager: Record<string, string>;
let florist: Record<string, string>;
let productId: string;
/** Where the query listener records statements; null while not counting. */
let recording: string[] | null = null;

beforeAll(async () => {
  app = await startTestApp();
  app.prisma.$on('query', (event) => recording?.push(event.query));
  manager = await app.signIn(MANAGER);
  florist = await app.signIn(FLORIST);
  ({ productId } = await bouquetOf(app, 'Photographed peonies', 1, [[100, 96]]));
});
afterAll(() => app?.stop());

const PHOTO = 'query($id: ID!) { node(id: $id) { ... on Order { bouquetPhoto { id url } } } }';
const IMAGE = 'query($id: ID!) { node(id: $id) { ... on Image { id } } }';
const TAKE = 'mutation($id: ID!) { takeProductionTask(id: $id) { __typename } }';
const FINISH = `mutation($id: ID!, $photoId: ID!) { finishProductionTask(id: $id, photoId: $photoId) {
  __typename } }`;

const photoOf = async (orderId: string, headers: Record<string, string>) =>
  (await app.gql(PHOTO, { id: orderId }, headers)).data?.node?.bouquetPhoto ?? null;
const imageLookup = async (imageId: string, headers: Record<string, string>) =>
  (await app.gql(IMAGE, { id: imageId }, headers)).data?.node ?? null;

test('staff see the photo at once; the customer once the bouquet is made; another customer never', async () => {
  const customer = await addCustomer(app, 'Pia Customer');
  const stranger = await addCustomer(app, 'Rita Stranger');
  const order = await confirmedOrder(app, manager, {
    productId,
    fulfillment: 'PICKUP',
    customerId: customer.id,
  });
  const task = await taskIdOf(app, order.id);
  expect(await photoOf(order.id, customer.headers)).toBeNull();
  await app.gql(TAKE, { id: task.id }, florist);
  const photo = await bouquetPhoto(app, florist);
  // A photo on a task still in progress (a florist's work in between): the shop's business only.
  await app.prisma.productionTask.update({
    where: { id: task.rowId },
    data: { photoFileId: decodeGlobalId(photo.id).id },
  });
  expect(await photoOf(order.id, manager)).toMatchObject({ id: photo.id });
  expect(await photoOf(order.id, customer.headers)).toBeNull();
  expect(await imageLookup(photo.id, customer.headers)).toBeNull();

  const finished = await app.gql(FINISH, { id: task.id, photoId: photo.id }, florist);
  expect(finished.data!.finishProductionTask.__typename).toBe('MutationFinishProductionTaskSuccess');
  // Made: the customer sees it without being asked for approval, by the order and by the image's id.
  expect(await photoOf(order.id, customer.headers)).toMatchObject({
    id: photo.id,
    url: expect.stringMatching(/\/files\/public\//),
  });
  expect(await imageLookup(photo.id, customer.headers)).toMatchObject({ id: photo.id });
  expect(await photoOf(order.id, stranger.headers)).toBeNull();
  expect(await imageLookup(photo.id, stranger.headers)).toBeNull();
});

test('the orders list loads bouquet photos in a fixed number of statements, whatever the page size', async () => {
  for (const name of ['Una', 'Vera', 'Wanda']) {
    const customer = await addCustomer(app, `${name} Customer`);
    const order = await confirmedOrder(app, manager, { productId, customerId: customer.id });
    const task = await taskIdOf(app, order.id);
    await app.gql(TAKE, { id: task.id }, florist);
    const photo = await bouquetPhoto(app, florist);
    await app.gql(FINISH, { id: task.id, photoId: photo.id }, florist);
  }
  const LIST = `query($first: Int) { orders(first: $first) { edges { node {
    number bouquetPhoto { id url thumbnails { width } } } } } }`;
  const count = async (first: number) => {
    const statements: string[] = [];
    recording = statements;
    const result = await app.gql(LIST, { first }, manager);
    recording = null;
    expect(result.errors).toBeUndefined();
    expect(result.data!.orders.edges).toHaveLength(first);
    return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim())).length;
  };
  await count(1);
  const photos = async (first: number) =>
    (await app.gql(LIST, { first }, manager)).data!.orders.edges.filter(
      (e: { node: { bouquetPhoto: unknown } }) => e.node.bouquetPhoto,
    ).length;
  expect(await photos(9)).toBeGreaterThan(0);
  expect(await count(9)).toBe(await count(2));
});
