import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { addCustomer, demoShopId } from '../production/production-test-fixtures.js';
import { COURIER, expectRefused, FLORIST, liveListeners, MANAGER } from './live-test-fixtures.js';

// The live back-office lists (shop-changes.ts) over real graphql-ws sockets: each change made through a real
// mutation reaches who may read the row, re-read with their own rules, and no one else; a refused change
// announces nothing.
let app: TestApp;
let manager: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
});
afterAll(() => app?.stop());

const listen = liveListeners(() => app);

/** A mutation as `headers`, expected to answer without errors; its data. */
async function run(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const result = await app.gql(query, variables, headers);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** Lets anything still in flight arrive, so a test can say nothing did. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

const STOCK = 'subscription { stockItemChanged { id name onHand reserved } }';

describe('stockItemChanged', () => {
  test('staff who read stock and stock:read keys hear a new item, a supply and a write-off; others are refused', async () => {
    const catalogKey = await app.insertApiKey({ scopes: ['catalog:read'] });
    const customer = await addCustomer(app, 'Stock Onlooker');
    const stockKey = await app.insertApiKey({ scopes: ['stock:read'] });
    const [managerList, floristList, keyList, courierList, customerList, catalogKeyList] = await Promise.all([
      listen(manager, STOCK),
      listen(await app.signIn(FLORIST), STOCK),
      listen(stockKey.headers, STOCK),
      listen(await app.signIn(COURIER), STOCK),
      listen(customer.headers, STOCK),
      listen(catalogKey.headers, STOCK),
    ]);

    const created = await run(
      'mutation { createStockItem(name: "Live peony", unit: STEM) { id } }',
      {},
      manager,
    );
    const id = created.createStockItem.id as string;
    await run(
      'mutation ($lines: [SupplyLineInput!]!) { receiveSupply(supplierName: "Live farm", lines: $lines) { id } }',
      { lines: [{ stockItemId: id, quantity: 12, unitCostMinor: 5000 }] },
      manager,
    );
    await run(
      'mutation ($id: ID!) { writeOff(stockItemId: $id, quantity: 2, reason: DAMAGED) { id } }',
      { id },
      manager,
    );

    for (const list of [managerList, floristList, keyList]) {
      await list.until(3);
      expect(list.received.map((payload) => payload.data?.stockItemChanged)).toEqual([
        { id, name: 'Live peony', onHand: 0, reserved: 0 },
        { id, name: 'Live peony', onHand: 12, reserved: 0 },
        { id, name: 'Live peony', onHand: 10, reserved: 0 },
      ]);
    }
    for (const refused of [courierList, customerList, catalogKeyList]) expectRefused(refused);
  });

  test('a refused write-off (more than there is) announces nothing', async () => {
    const created = await run(
      'mutation { createStockItem(name: "Live tulip", unit: STEM) { id } }',
      {},
      manager,
    );
    const id = created.createStockItem.id as string;
    const list = await listen(manager, STOCK);
    const refused = await app.gql(
      'mutation ($id: ID!) { writeOff(stockItemId: $id, quantity: 5, reason: DAMAGED) { id } }',
      { id },
      manager,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await settle();
    expect(list.received).toEqual([]);
  });
});

const PRODUCT = 'subscription { productChanged { id name } }';

describe('productChanged', () => {
  test('staff hear every product; a customer only those on sale, and nothing once one is off sale', async () => {
    const created = await run(
      'mutation { createProduct(input: { name: "Live bouquet", priceMinor: 250000 }) { id } }',
      {},
      manager,
    );
    const id = created.createProduct.id as string;
    const customer = await addCustomer(app, 'Catalog Watcher');
    const [managerList, customerList] = await Promise.all([
      listen(manager, PRODUCT),
      listen(customer.headers, PRODUCT),
    ]);
    const rename = (name: string, extra: Record<string, unknown> = {}) =>
      run(
        'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }',
        { id, input: { name, ...extra } },
        manager,
      );

    await rename('Live bouquet, on sale');
    await customerList.until(1);
    await rename('Live bouquet, off sale', { active: false });
    await rename('Live bouquet, still off sale');
    await managerList.until(3);
    await settle();
    expect(managerList.received.map((payload) => payload.data?.productChanged.name)).toEqual([
      'Live bouquet, on sale',
      'Live bouquet, off sale',
      'Live bouquet, still off sale',
    ]);
    // Off sale and never ordered by them: the customer may not see it, so hears nothing of it.
    expect(customerList.received.map((payload) => payload.data?.productChanged.name)).toEqual([
      'Live bouquet, on sale',
    ]);
  });
});

const CUSTOMER = 'subscription { customerChanged { id name } }';

describe('customerChanged', () => {
  test('managers hear edits, new addresses and a deletion (as null); a customer only their own record', async () => {
    const me = await addCustomer(app, 'Me Myself');
    const other = await addCustomer(app, 'Someone Else');
    const [managerList, myList] = await Promise.all([
      listen(manager, CUSTOMER),
      listen(me.headers, CUSTOMER),
    ]);
    const rename = (customerId: string, name: string) =>
      run(
        `mutation ($id: ID!, $patch: CustomerPatchInput!) { updateCustomer(id: $id, patch: $patch) {
          __typename } }`,
        { id: encodeGlobalId('Customer', customerId), patch: { name } },
        manager,
      );

    await rename(other.id, 'Someone Else Renamed');
    await rename(me.id, 'Me Renamed');
    await run(
      'mutation ($id: ID!) { addCustomerAddress(customerId: $id, input: { address: "1 Live Street" }) { id } }',
      { id: encodeGlobalId('Customer', me.id) },
      manager,
    );
    const typo = await run(
      'mutation { createCustomer(input: { name: "Typo" }) { ... on MutationCreateCustomerSuccess { data { id } } } }',
      {},
      manager,
    );
    await run(
      'mutation ($id: ID!) { deleteCustomer(id: $id) { __typename } }',
      { id: typo.createCustomer.data.id },
      manager,
    );

    await managerList.until(5);
    expect(managerList.received.map((payload) => payload.data?.customerChanged)).toEqual([
      { id: encodeGlobalId('Customer', other.id), name: 'Someone Else Renamed' },
      { id: encodeGlobalId('Customer', me.id), name: 'Me Renamed' },
      { id: encodeGlobalId('Customer', me.id), name: 'Me Renamed' },
      { id: typo.createCustomer.data.id, name: 'Typo' },
      null,
    ]);
    await myList.until(2);
    await settle();
    expect(myList.received.map((payload) => payload.data?.customerChanged?.name)).toEqual([
      'Me Renamed',
      'Me Renamed',
      // A row gone is told to all as null: it names nothing.
      undefined,
    ]);
  });
});

const SUBSCRIPTION = 'subscription { subscriptionChanged { id status version } }';

describe('subscriptionChanged', () => {
  test('managers hear each change; a customer their own only; a stale change announces nothing', async () => {
    const shopId = await demoShopId(app);
    const product = await app.prisma.product.findFirstOrThrow({ where: { shopId, active: true } });
    const [mine, theirs] = await Promise.all([addCustomer(app, 'Subscriber'), addCustomer(app, 'Other One')]);
    const subscribe = async (customerId: string) => {
      const data = await run(
        'mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id version } }',
        {
          input: {
            customerId: encodeGlobalId('Customer', customerId),
            productId: encodeGlobalId('Product', product.id),
            plan: 'Weekly roses',
            frequency: 'WEEKLY',
            firstDeliveryAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
            deliveryAddress: 'Moscow, Arbat 10, apt 1',
            validUntil: new Date(Date.now() + 60 * 86_400_000).toISOString(),
          },
        },
        manager,
      );
      return data.createSubscription as { id: string; version: number };
    };
    const [my, their] = [await subscribe(mine.id), await subscribe(theirs.id)];
    const [managerList, myList] = await Promise.all([
      listen(manager, SUBSCRIPTION),
      listen(mine.headers, SUBSCRIPTION),
    ]);
    const pause = (subscription: { id: string; version: number }) =>
      app.gql(
        'mutation ($id: ID!, $version: Int!) { pauseSubscription(id: $id, version: $version) { __typename } }',
        subscription,
        manager,
      );

    expect((await pause(their)).data?.pauseSubscription.__typename).toBe('MutationPauseSubscriptionSuccess');
    expect((await pause(my)).data?.pauseSubscription.__typename).toBe('MutationPauseSubscriptionSuccess');
    // The version it was read at is gone: StaleVersion, and nothing to announce.
    expect((await pause(my)).data?.pauseSubscription.__typename).toBe('StaleVersion');

    await managerList.until(2);
    await myList.until(1);
    await settle();
    expect(managerList.received.map((payload) => payload.data?.subscriptionChanged)).toEqual([
      { id: their.id, status: 'PAUSED', version: their.version + 1 },
      { id: my.id, status: 'PAUSED', version: my.version + 1 },
    ]);
    expect(myList.received.map((payload) => payload.data?.subscriptionChanged)).toEqual([
      { id: my.id, status: 'PAUSED', version: my.version + 1 },
    ]);
  });
});
