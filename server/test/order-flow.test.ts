import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeGlobalId, encodeGlobalId } from '../src/graphql/global-id.js';
import { startTestApp, type TestApp } from './harness.js';
import { firstOfferedSlot, jpegPhoto, okCaller, signInFromMiniApp } from './mini-app-order.js';
import { multipart } from './multipart.js';

// The "done when": one order from the first request to the last state change, over real HTTP,
// the way the roles really do it. A customer signs in from the Mini App, a manager receives the stems, the
// customer checks out into a slot (and retries), the manager confirms, a florist takes the task, uploads
// the bouquet's photo and finishes it. Each step asserts what it changed; the end reads the whole trail.
// Steps run in order and share one app: a later step needs what the earlier ones made.
const BOT_TOKEN = '7000000002:order-flow-test-token';
const HOUR = 3_600_000;

let app: TestApp;
let manager: Record<string, string>;
let florist: Record<string, string>;
let customer: Record<string, string>;
/** The Customer row the Mini App sign-in made for the Telegram user. */
let customerRowId: string;
const ids = {} as Record<'manager' | 'florist' | 'customerUser', string>;
/** What the steps made, by global id. */
const made = {} as {
  stockItemId: string;
  productId: string;
  earlyBatchId: string;
  lateBatchId: string;
  orderId: string;
  orderVersion: number;
  taskId: string;
  imageId: string;
  imageUrl: string;
};

beforeAll(async () => {
  app = await startTestApp({ BOT_TOKEN, TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: '3600' });
  manager = await app.signIn('manager@posy.demo');
  florist = await app.signIn('florist@posy.demo');
  for (const [key, email] of [
    ['manager', 'manager@posy.demo'],
    ['florist', 'florist@posy.demo'],
  ] as const)
    ids[key] = (await app.prisma.user.findUniqueOrThrow({ where: { email } })).id;
});
afterAll(() => app?.stop());

const ok: ReturnType<typeof okCaller> = (...args) => okCaller(app)(...args);

const rowId = (globalId: string) => decodeGlobalId(globalId).id;

/** Rows a retried createOrder must not add to. */
const written = async () => ({
  orders: await app.prisma.order.count(),
  events: await app.prisma.orderEvent.count(),
  audit: await app.prisma.auditLog.count(),
  reservations: await app.prisma.stockReservation.count(),
  lastOrderNumber: (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).lastOrderNumber,
});

const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrderInput!) {
    createOrder(input: $input) {
      __typename
      ... on DomainError { message }
      ... on MutationCreateOrderSuccess {
        data { id version status cardText recipientName recipientPhone windowStart windowEnd
          customer { id name } items { quantity product { id } } }
      }
    }
  }
`;
const CHANGE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!, $to: OrderStatus!) {
    changeOrderStatus(id: $id, version: $version, to: $to) {
      __typename
      ... on DomainError { message }
      ... on MutationChangeOrderStatusSuccess { data { id version status } }
    }
  }
`;
const TASK_FIELDS = `id status florist { id } photo { id url } order { id status version }
  composition { quantity product { id } components { perUnit quantity stockItem { id } } }
  batches { batch { id expiresAt } stockItem { id } quantity }`;
const UPLOAD = /* GraphQL */ `
  mutation ($file: Upload!, $purpose: ImagePurpose!) {
    uploadImage(file: $file, purpose: $purpose) {
      __typename
      ... on DomainError { message }
      ... on MutationUploadImageSuccess { data { id purpose contentType url } }
    }
  }
`;

describe('an order from the Mini App to READY', () => {
  test('1. the customer signs in from the Mini App opened for the shop', async () => {
    const signedIn = await signInFromMiniApp(app, 777001, BOT_TOKEN);
    customer = signedIn.headers;
    ids.customerUser = signedIn.userId;
    customerRowId = (await app.prisma.customer.findFirstOrThrow({ where: { userId: ids.customerUser } })).id;
    const me = await ok('{ me { customerOf { slug } memberships { role } } }', {}, customer);
    expect(me.me).toEqual({ customerOf: [{ slug: 'demo' }], memberships: [] });
  });

  test('2. the manager makes a bouquet of a new stock item and receives two batches, the later-expiring first', async () => {
    const item = await ok(
      'mutation { createStockItem(name: "Flow peonies", unit: STEM) { id onHand available } }',
      {},
      manager,
    );
    made.stockItemId = item.createStockItem.id;
    expect(item.createStockItem).toMatchObject({ onHand: 0, available: 0 });
    const product = await ok(
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id active } }',
      {
        input: {
          name: 'Flow peony bouquet',
          priceMinor: 4500,
          components: [{ stockItemId: made.stockItemId, quantity: 3 }],
        },
      },
      manager,
    );
    made.productId = product.createProduct.id;
    expect(product.createProduct.active).toBe(true);

    const late = new Date(Date.now() + 96 * HOUR).toISOString();
    const early = new Date(Date.now() + 24 * HOUR).toISOString();
    const supply = await ok(
      `mutation ($lines: [SupplyLineInput!]!) { receiveSupply(supplierName: "Dutch auction", lines: $lines) {
        id batches { id expiresAt quantityReceived quantityRemaining stockItem { id onHand available } } } }`,
      {
        lines: [
          { stockItemId: made.stockItemId, quantity: 10, unitCostMinor: 120, expiresAt: late },
          { stockItemId: made.stockItemId, quantity: 4, unitCostMinor: 120, expiresAt: early },
        ],
      },
      manager,
    );
    const batches = supply.receiveSupply.batches;
    const byExpiry = (at: string) => batches.find((b: { expiresAt: string }) => b.expiresAt === at);
    made.lateBatchId = byExpiry(late).id;
    made.earlyBatchId = byExpiry(early).id;
    expect(byExpiry(late)).toMatchObject({ quantityReceived: 10, quantityRemaining: 10 });
    expect(byExpiry(early)).toMatchObject({ quantityReceived: 4, quantityRemaining: 4 });
    expect(batches[0].stockItem).toMatchObject({ onHand: 14, available: 14 });
  });

  test('3. the customer picks an offered slot and orders a gift; a retry with the key answers the same order', async () => {
    const choice = await firstOfferedSlot(app, customer, made.productId);

    const input = {
      items: [{ productId: made.productId, quantity: 1 }],
      fulfillment: 'DELIVERY',
      deliveryAddress: 'Moscow, Tverskaya 7, flat 12',
      slot: { slotId: choice.slotId, date: choice.date },
      cardText: 'Happy birthday, Mum!',
      recipient: { name: 'Marina Gift', phone: '+79161234567' },
      idempotencyKey: 'flow-checkout-0001',
    };
    const first = (await ok(CREATE, { input }, customer)).createOrder;
    expect(first.__typename).toBe('MutationCreateOrderSuccess');
    expect(first.data).toMatchObject({
      status: 'NEW',
      version: 1,
      cardText: 'Happy birthday, Mum!',
      recipientName: 'Marina Gift',
      recipientPhone: '+79161234567',
      windowStart: choice.windowStart,
      windowEnd: choice.windowEnd,
      customer: { id: encodeGlobalId('Customer', customerRowId), name: 'Tanya Gift' },
      items: [{ quantity: 1, product: { id: made.productId } }],
    });
    made.orderId = first.data.id;
    made.orderVersion = first.data.version;

    // The network dropped the answer; the Mini App sends the same body again.
    const before = await written();
    const retry = (await ok(CREATE, { input }, customer)).createOrder;
    expect(retry).toEqual(first);
    expect(await written()).toEqual(before);
    // The slot counts the order once.
    const after = await ok(
      'query ($date: String!) { availableSlots(date: $date) { slotId taken } }',
      { date: choice.date },
      customer,
    );
    const slot = after.availableSlots.find((s: { slotId: string }) => s.slotId === choice.slotId);
    expect(slot.taken).toBe(1);
  });

  test('4. the manager confirms with the version: the stems are reserved and a task waits in the queue', async () => {
    const answer = (
      await ok(CHANGE, { id: made.orderId, version: made.orderVersion, to: 'CONFIRMED' }, manager)
    ).changeOrderStatus;
    expect(answer).toMatchObject({
      __typename: 'MutationChangeOrderStatusSuccess',
      data: { status: 'CONFIRMED', version: made.orderVersion + 1 },
    });
    made.orderVersion = answer.data.version;
    const item = await ok(
      'query ($id: ID!) { node(id: $id) { ... on StockItem { onHand available } } }',
      { id: made.stockItemId },
      manager,
    );
    expect(item.node).toEqual({ onHand: 14, available: 11 });
    const reservations = await app.prisma.stockReservation.findMany({
      where: { orderId: rowId(made.orderId) },
    });
    expect(reservations).toEqual([
      expect.objectContaining({
        stockItemId: rowId(made.stockItemId),
        quantity: 3,
        consumedAt: null,
        releasedAt: null,
      }),
    ]);

    const queue = (await ok(`{ productionQueue { ${TASK_FIELDS} } }`, {}, florist)).productionQueue;
    const task = queue.find((t: { order: { id: string } }) => t.order.id === made.orderId);
    expect(task).toMatchObject({ status: 'PENDING', florist: null, order: { status: 'CONFIRMED' } });
    made.taskId = task.id;
  });

  test('5. the florist takes the task, sees what to make from which batch, photographs and finishes it', async () => {
    const taken = (
      await ok(
        `mutation ($id: ID!) { takeProductionTask(id: $id) { __typename ... on DomainError { message }
          ... on MutationTakeProductionTaskSuccess { data { ${TASK_FIELDS} } } } }`,
        { id: made.taskId },
        florist,
      )
    ).takeProductionTask;
    expect(taken.__typename).toBe('MutationTakeProductionTaskSuccess');
    expect(taken.data).toMatchObject({
      status: 'IN_PROGRESS',
      florist: { id: ids.florist },
      order: { status: 'IN_PRODUCTION', version: made.orderVersion + 1 },
      composition: [
        {
          quantity: 1,
          product: { id: made.productId },
          components: [{ perUnit: 3, quantity: 3, stockItem: { id: made.stockItemId } }],
        },
      ],
    });
    // The batch listed second in the supply expires first: the florist is told to take all three from it.
    expect(
      taken.data.batches.map((b: { batch: { id: string }; quantity: number }) => [b.batch.id, b.quantity]),
    ).toEqual([[made.earlyBatchId, 3]]);

    const jpeg = await jpegPhoto(64, 48, '#e84393');
    const upload = await multipart(
      app,
      florist,
      UPLOAD,
      { purpose: 'BOUQUET_PHOTO' },
      {
        file: { bytes: jpeg, name: 'bouquet.jpg', type: 'image/jpeg' },
      },
    );
    expect(upload.errors).toBeUndefined();
    expect(upload.data?.uploadImage).toMatchObject({
      __typename: 'MutationUploadImageSuccess',
      data: { purpose: 'BOUQUET_PHOTO', contentType: 'image/jpeg' },
    });
    made.imageId = upload.data!.uploadImage.data.id;
    made.imageUrl = upload.data!.uploadImage.data.url;

    const finished = (
      await ok(
        `mutation ($id: ID!, $photoId: ID!) { finishProductionTask(id: $id, photoId: $photoId, note: "Pink ribbon") {
          __typename ... on DomainError { message }
          ... on MutationFinishProductionTaskSuccess { data { ${TASK_FIELDS} note } } } }`,
        { id: made.taskId, photoId: made.imageId },
        florist,
      )
    ).finishProductionTask;
    expect(finished.__typename).toBe('MutationFinishProductionTaskSuccess');
    expect(finished.data).toMatchObject({
      status: 'DONE',
      note: 'Pink ribbon',
      photo: { id: made.imageId, url: made.imageUrl },
      order: { status: 'READY', version: made.orderVersion + 2 },
    });
    made.orderVersion = finished.data.order.version;
  });

  test('6. the trail: events, stock movements, audit, version, the photo and what the customer sees', async () => {
    // The order's history, with who moved it each time.
    const order = (
      await ok(
        `query ($id: ID!) { order(id: $id) { status version events { fromStatus toStatus actor { id } } } }`,
        { id: made.orderId },
        manager,
      )
    ).order;
    expect(order.status).toBe('READY');
    expect(order.version).toBe(4);
    expect(order.events).toEqual([
      { fromStatus: null, toStatus: 'NEW', actor: { id: ids.customerUser } },
      { fromStatus: 'NEW', toStatus: 'CONFIRMED', actor: { id: ids.manager } },
      { fromStatus: 'CONFIRMED', toStatus: 'IN_PRODUCTION', actor: { id: ids.florist } },
      { fromStatus: 'IN_PRODUCTION', toStatus: 'READY', actor: { id: ids.florist } },
    ]);

    // The ledger of the stock item: two supplies in, one consumption out of the earliest-expiring batch.
    const movements = (
      await ok(
        `query ($filter: StockMovementsFilter) { stockMovements(first: 20, filter: $filter) {
          edges { node { kind quantity batch { id quantityRemaining } order { id } actor { id } } } } }`,
        { filter: { stockItemId: made.stockItemId } },
        manager,
      )
    ).stockMovements.edges.map((e: { node: unknown }) => e.node);
    const byKind = (kind: string) => movements.filter((m: { kind: string }) => m.kind === kind);
    expect(movements).toHaveLength(3);
    expect(byKind('SUPPLY')).toEqual(
      expect.arrayContaining([
        {
          kind: 'SUPPLY',
          quantity: 10,
          batch: { id: made.lateBatchId, quantityRemaining: 10 },
          order: null,
          actor: { id: ids.manager },
        },
        {
          kind: 'SUPPLY',
          quantity: 4,
          batch: { id: made.earlyBatchId, quantityRemaining: 1 },
          order: null,
          actor: { id: ids.manager },
        },
      ]),
    );
    expect(byKind('CONSUMPTION')).toEqual([
      {
        kind: 'CONSUMPTION',
        quantity: -3,
        batch: { id: made.earlyBatchId, quantityRemaining: 1 },
        order: { id: made.orderId },
        actor: { id: ids.florist },
      },
    ]);
    // The reservation is not a movement (on hand does not change): a row, consumed when the order was READY.
    const item = await ok(
      'query ($id: ID!) { node(id: $id) { ... on StockItem { onHand available } } }',
      { id: made.stockItemId },
      manager,
    );
    expect(item.node).toEqual({ onHand: 11, available: 11 });
    const reservations = await app.prisma.stockReservation.findMany({
      where: { orderId: rowId(made.orderId) },
    });
    expect(reservations).toHaveLength(1);
    expect(reservations[0]).toMatchObject({ quantity: 3, releasedAt: null });
    expect(reservations[0]!.consumedAt).toBeInstanceOf(Date);

    // One audit entry per change, each naming who made it.
    const audit = (
      await ok(
        '{ auditLog(first: 50) { edges { node { action actor { id } targetType targetId } } } }',
        {},
        manager,
      )
    ).auditLog.edges.map((e: { node: unknown }) => e.node);
    const entries = (action: string) => audit.filter((a: { action: string }) => a.action === action);
    expect(entries('createStockItem')).toMatchObject([{ actor: { id: ids.manager } }]);
    expect(entries('createProduct')).toMatchObject([{ actor: { id: ids.manager } }]);
    expect(entries('receiveSupply')).toMatchObject([{ actor: { id: ids.manager } }]);
    // The Mini App sign-in is in the shop's log too: it named the shop it was opened for.
    expect(entries('loginWithTelegram')).toMatchObject([{ actor: { id: ids.customerUser } }]);
    expect(entries('createOrder')).toMatchObject([
      { actor: { id: ids.customerUser }, targetId: rowId(made.orderId) },
    ]);
    expect(entries('changeOrderStatus')).toMatchObject([
      { actor: { id: ids.manager }, targetId: rowId(made.orderId) },
    ]);
    expect(entries('takeProductionTask')).toMatchObject([
      { actor: { id: ids.florist }, targetId: rowId(made.taskId) },
    ]);
    expect(entries('uploadImage')).toMatchObject([
      { actor: { id: ids.florist }, targetId: rowId(made.imageId) },
    ]);
    expect(entries('finishProductionTask')).toMatchObject([
      { actor: { id: ids.florist }, targetId: rowId(made.taskId) },
    ]);

    // The photo is served at its URL, as a JPEG cached for a year.
    const photo = await fetch(made.imageUrl);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const served = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect(served).toMatchObject({ format: 'jpeg', width: 64, height: 48 });

    // The production task is staff's: the customer cannot read it (nor the florist's note on it).
    const hidden = await app.gql(
      'query ($id: ID!) { productionTask(id: $id) { id note } }',
      { id: made.taskId },
      customer,
    );
    expect(hidden.data?.productionTask ?? null).toBeNull();
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The customer sees their order READY; no approval was asked for, so none is shown, and no staff notes.
    const mine = (
      await ok(
        `{ orders(first: 5) { totalCount edges { node { id status version cardText bouquetApproval { status }
          events { toStatus note } } } } }`,
        {},
        customer,
      )
    ).orders;
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node).toEqual({
      id: made.orderId,
      status: 'READY',
      version: 4,
      cardText: 'Happy birthday, Mum!',
      bouquetApproval: null,
      events: [
        { toStatus: 'NEW', note: null },
        { toStatus: 'CONFIRMED', note: null },
        { toStatus: 'IN_PRODUCTION', note: null },
        { toStatus: 'READY', note: null },
      ],
    });
  });
});
