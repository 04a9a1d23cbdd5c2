import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { uploadTestImage } from '../../../test/uploads-client.js';
import { decodeGlobalId } from '../../graphql/global-id.js';
import {
  addCustomer,
  addStaff,
  bouquetOf,
  bouquetPhoto,
  COURIER,
  CUSTOMER,
  confirmedOrder,
  demoShopId,
  FLORIST,
  MANAGER,
  type OrderRef,
  step,
  taskIdOf,
} from './production-test-fixtures.js';

// The customer's word on the bouquet: staff ask with the finished bouquet's photo (recorded, queued as a
// notification, published); the order does not go out until the customer of that order approves.
let app: TestApp;
let manager: Record<string, string>;
let florist: Record<string, string>;
let productId: string;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  florist = await app.signIn(FLORIST);
  ({ productId } = await bouquetOf(app, 'Approved roses', 1, [[100, 96]]));
});
afterAll(() => app?.stop());

const TAKE = 'mutation($id: ID!) { takeProductionTask(id: $id) { __typename } }';
const FINISH = `mutation($id: ID!, $photoId: ID!) { finishProductionTask(id: $id, photoId: $photoId) {
  __typename ... on MutationFinishProductionTaskSuccess { data { order { version } } } } }`;
const REQUEST = `mutation($taskId: ID!, $photoId: ID) { requestBouquetApproval(taskId: $taskId, photoId: $photoId) {
  __typename ... on DomainError { message }
  ... on MutationRequestBouquetApprovalSuccess { data { approval { status requestedAt decidedAt comment photo { id } } } }
  ... on InvalidTaskStatus { status } } }`;
const APPROVE = `mutation($orderId: ID!, $comment: String) { approveBouquet(orderId: $orderId, comment: $comment) {
  __typename ... on DomainError { message }
  ... on MutationApproveBouquetSuccess { data { id bouquetApproval { status decidedAt comment photo { id url } } } }
  ... on ApprovalNotPending { approvalStatus } } }`;
const REJECT = `mutation($orderId: ID!, $comment: String!) { rejectBouquet(orderId: $orderId, comment: $comment) {
  __typename ... on DomainError { message }
  ... on MutationRejectBouquetSuccess { data { id bouquetApproval { status comment } } }
  ... on ApprovalNotPending { approvalStatus } } }`;

/** A delivery (or pickup) of `customerId` made and finished with a photo: READY, its task DONE. */
async function finishedOrder(customerId?: string, fulfillment: 'DELIVERY' | 'PICKUP' = 'DELIVERY') {
  const order = await confirmedOrder(app, manager, { productId, fulfillment, customerId });
  const task = await taskIdOf(app, order.id);
  await app.gql(TAKE, { id: task.id }, florist);
  const photo = await bouquetPhoto(app, florist);
  const finished = await app.gql(FINISH, { id: task.id, photoId: photo.id }, florist);
  const ready: OrderRef = {
    id: order.id,
    version: finished.data!.finishProductionTask.data.order.version,
    status: 'READY',
  };
  return { order: ready, task, photo };
}
const approvalRow = (taskRowId: string) =>
  app.prisma.productionTask.findUniqueOrThrow({
    where: { id: taskRowId },
    select: {
      approvalStatus: true,
      approvalRequestedAt: true,
      approvalDecidedAt: true,
      approvalComment: true,
      photoFileId: true,
    },
  });
const orderRow = (id: string) =>
  app.prisma.order.findUniqueOrThrow({
    where: { id: decodeGlobalId(id).id },
    select: { status: true, version: true },
  });

test('asked, rejected, asked again with a new photo, approved: the order goes out only after the approval', async () => {
  const customer = await addCustomer(app, 'Dana Customer');
  const { order, task, photo } = await finishedOrder(customer.id);
  const customerUserId = (await app.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } }))
    .userId!;

  // The customer may look the photo of their finished bouquet up, asked about it or not (Order.bouquetPhoto).
  const IMAGE = 'query($id: ID!) { node(id: $id) { ... on Image { id url } } }';
  expect((await app.gql(IMAGE, { id: photo.id }, customer.headers)).data?.node).toMatchObject({
    id: photo.id,
  });
  const asked = (await app.gql(REQUEST, { taskId: task.id }, florist)).data!.requestBouquetApproval;
  expect((await app.gql(IMAGE, { id: photo.id }, customer.headers)).data?.node).toMatchObject({
    id: photo.id,
  });
  const stranger = await addCustomer(app, 'Stella Stranger');
  expect((await app.gql(IMAGE, { id: photo.id }, stranger.headers)).data?.node).toBeNull();
  // A key reading orders reads Order.bouquetApproval.photo, so it may look the photo up too.
  const ordersKey = await app.insertApiKey({ scopes: ['orders:read'] });
  expect((await app.gql(IMAGE, { id: photo.id }, ordersKey.headers)).data?.node).toMatchObject({
    id: photo.id,
  });
  expect(asked).toMatchObject({
    data: { approval: { status: 'PENDING', decidedAt: null, photo: { id: photo.id } } },
  });
  // The hook the bot's message hangs on: one notification to the customer, in this change's transaction.
  const notifications = await app.prisma.notification.findMany({
    where: { userId: customerUserId, kind: 'BOUQUET_APPROVAL_REQUESTED' },
  });
  expect(notifications).toHaveLength(1);
  expect(notifications[0]!.payload).toMatchObject({
    orderId: decodeGlobalId(order.id).id,
    taskId: task.rowId,
  });

  // Waiting for the customer: dispatch refused, nothing changed.
  const waiting = await step(app, manager, order, 'OUT_FOR_DELIVERY');
  expect(waiting).toMatchObject({ __typename: 'BouquetNotApproved', approvalStatus: 'PENDING' });
  expect(await orderRow(order.id)).toEqual({ status: 'READY', version: order.version });

  const emptyReason = await app.gql(REJECT, { orderId: order.id, comment: '  ' }, customer.headers);
  expect(emptyReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect((await approvalRow(task.rowId)).approvalStatus).toBe('PENDING');

  const rejected = (
    await app.gql(REJECT, { orderId: order.id, comment: 'Fewer greens, please' }, customer.headers)
  ).data!.rejectBouquet;
  expect(rejected).toMatchObject({
    data: { bouquetApproval: { status: 'REJECTED', comment: 'Fewer greens, please' } },
  });
  expect(await step(app, manager, order, 'OUT_FOR_DELIVERY')).toMatchObject({
    __typename: 'BouquetNotApproved',
    approvalStatus: 'REJECTED',
  });
  // Answered already: a second answer is refused and changes nothing.
  const late = (await app.gql(APPROVE, { orderId: order.id }, customer.headers)).data!.approveBouquet;
  expect(late).toMatchObject({ __typename: 'ApprovalNotPending', approvalStatus: 'REJECTED' });
  expect((await approvalRow(task.rowId)).approvalStatus).toBe('REJECTED');

  // Remade: asked again with the new photo; a catalog photo or a proof of delivery is no bouquet photo,
  // and another shop's bouquet photo is none of this shop's.
  const rejectedRow = await approvalRow(task.rowId);
  const otherShop = await app.prisma.shop.create({ data: { name: 'Other blooms', slug: 'other-blooms' } });
  const otherFlorist = await addStaff(app, 'FLORIST', 'Oleg Other', otherShop.id);
  const refusals = [
    [await uploadTestImage(app, manager, 'PRODUCT_PHOTO'), 'BAD_USER_INPUT'],
    [await uploadTestImage(app, manager, 'DELIVERY_PROOF'), 'BAD_USER_INPUT'],
    [await bouquetPhoto(app, otherFlorist.headers), 'NOT_FOUND'],
  ] as const;
  for (const [wrong, code] of refusals) {
    const refused = await app.gql(REQUEST, { taskId: task.id, photoId: wrong.id }, florist);
    expect(refused.errors?.[0]?.extensions?.code, wrong.id).toBe(code);
    expect(await approvalRow(task.rowId)).toEqual(rejectedRow);
  }
  const remade = await bouquetPhoto(app, florist);
  const again = (await app.gql(REQUEST, { taskId: task.id, photoId: remade.id }, florist)).data!
    .requestBouquetApproval;
  expect(again).toMatchObject({
    data: { approval: { status: 'PENDING', comment: null, photo: { id: remade.id } } },
  });
  const approved = (await app.gql(APPROVE, { orderId: order.id, comment: 'Lovely' }, customer.headers)).data!
    .approveBouquet;
  // The customer is shown the photo they approve: its URL, loaded with their order.
  expect(approved).toMatchObject({
    data: {
      bouquetApproval: {
        status: 'APPROVED',
        comment: 'Lovely',
        photo: { id: remade.id, url: expect.stringMatching(/\/files\/public\//) },
      },
    },
  });
  expect(approved.data.bouquetApproval.decidedAt).not.toBeNull();
  const out = await step(app, manager, order, 'OUT_FOR_DELIVERY');
  expect(out).toMatchObject({
    __typename: 'MutationChangeOrderStatusSuccess',
    data: { status: 'OUT_FOR_DELIVERY' },
  });
});

test('only the order’s own customer may answer: another customer NOT_FOUND, staff and couriers FORBIDDEN', async () => {
  const owner = await addCustomer(app, 'Egor Customer');
  const { order, task } = await finishedOrder(owner.id);
  await app.gql(REQUEST, { taskId: task.id }, florist);
  const before = await approvalRow(task.rowId);
  const otherCustomer = await app.signIn(CUSTOMER);
  for (const [who, headers, code] of [
    ['another customer', otherCustomer, 'NOT_FOUND'],
    ['manager', manager, 'FORBIDDEN'],
    ['florist', florist, 'FORBIDDEN'],
    ['courier', await app.signIn(COURIER), 'FORBIDDEN'],
    ['API key', app.demoKey, 'FORBIDDEN'],
  ] as const) {
    for (const [document, variables] of [
      [APPROVE, { orderId: order.id }],
      [REJECT, { orderId: order.id, comment: 'Not mine' }],
    ] as const) {
      const result = await app.gql(document, variables, headers);
      expect(result.errors?.[0]?.extensions?.code, who).toBe(code);
    }
  }
  expect(await approvalRow(task.rowId)).toEqual(before);
  // And asking is for staff: a customer cannot ask for (or reset) an approval.
  const byCustomer = await app.gql(REQUEST, { taskId: task.id }, owner.headers);
  expect(byCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await approvalRow(task.rowId)).toEqual(before);
});

test('asking needs a finished task and a customer with an account; answering needs a request', async () => {
  const owner = await addCustomer(app, 'Fira Customer');
  const order = await confirmedOrder(app, manager, {
    productId,
    fulfillment: 'DELIVERY',
    customerId: owner.id,
  });
  const pending = await taskIdOf(app, order.id);
  const notDone = (await app.gql(REQUEST, { taskId: pending.id }, florist)).data!.requestBouquetApproval;
  expect(notDone).toMatchObject({ __typename: 'InvalidTaskStatus', status: 'PENDING' });
  expect((await approvalRow(pending.rowId)).approvalStatus).toBeNull();
  const unasked = (await app.gql(APPROVE, { orderId: order.id }, owner.headers)).data!.approveBouquet;
  expect(unasked).toMatchObject({ __typename: 'ApprovalNotPending', approvalStatus: null });

  const shopId = await demoShopId(app);
  const walkIn = await app.prisma.customer.create({ data: { shopId, name: 'Walk-in Customer' } });
  const { task } = await finishedOrder(walkIn.id);
  const unreachable = (await app.gql(REQUEST, { taskId: task.id }, florist)).data!.requestBouquetApproval;
  expect(unreachable.__typename).toBe('CustomerUnreachable');
  expect((await approvalRow(task.rowId)).approvalStatus).toBeNull();
  expect(
    await app.prisma.notification.count({
      where: { kind: 'BOUQUET_APPROVAL_REQUESTED', payload: { path: ['taskId'], equals: task.rowId } },
    }),
  ).toBe(0);
});

test('a pickup the customer rejected is not handed over; a pending request does not hold it back', async () => {
  const customer = await addCustomer(app, 'Gala Customer');
  const { order, task } = await finishedOrder(customer.id, 'PICKUP');
  await app.gql(REQUEST, { taskId: task.id }, florist);
  await app.gql(REJECT, { orderId: order.id, comment: 'Wrong colour' }, customer.headers);
  const before = await approvalRow(task.rowId);
  expect(await step(app, manager, order, 'PICKED_UP')).toMatchObject({
    __typename: 'BouquetNotApproved',
    approvalStatus: 'REJECTED',
  });
  expect(await orderRow(order.id)).toEqual({ status: 'READY', version: order.version });
  expect(await approvalRow(task.rowId)).toEqual(before);

  // Remade and asked again: the customer may decide at the counter, so a pending request lets it go.
  await app.gql(REQUEST, { taskId: task.id }, florist);
  const picked = await step(app, manager, order, 'PICKED_UP');
  expect(picked).toMatchObject({
    __typename: 'MutationChangeOrderStatusSuccess',
    data: { status: 'PICKED_UP' },
  });
});
