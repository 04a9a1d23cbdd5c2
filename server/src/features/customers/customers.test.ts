import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  CREATE,
  createThroughApi,
  customerGid,
  customersSnapshot,
  DELETE,
  demoPeople,
  type People,
  rawId,
  UPDATE,
  UPDATE_OWN,
} from './customers-test-fixtures.js';

let app: TestApp;
let shopId: string;
let who: People;
let chrisId: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ shopId, who } = await demoPeople(app));
  const chris = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } });
  chrisId = chris.id;
});
afterAll(() => app?.stop());

describe('createCustomer and updateCustomer', () => {
  test('a manager adds a customer with the phone normalised and the email in lower case, and edits them', async () => {
    const created = await createThroughApi(app, who.manager, {
      name: '  Anna Volkova ',
      phone: '8 (916) 555-01-01',
      email: 'Anna@Example.COM',
      note: 'Likes peonies',
    });
    expect(created).toMatchObject({ name: 'Anna Volkova', phone: '+79165550101', email: 'anna@example.com' });
    const row = await app.prisma.customer.findUniqueOrThrow({ where: { id: rawId(created.id) } });
    expect(row).toMatchObject({ shopId, phone: '+79165550101', note: 'Likes peonies', userId: null });

    const edited = await app.gql(
      UPDATE,
      { id: created.id, patch: { name: 'Anna V.', phone: '+44 20 7946 0958', email: '', note: null } },
      who.admin,
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateCustomer.data).toMatchObject({
      name: 'Anna V.',
      phone: '+442079460958',
      email: null,
      note: null,
    });
    const audit = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: 'updateCustomer', targetId: rawId(created.id) },
    });
    expect(audit.changes).toMatchObject({ phone: '+442079460958', name: 'Anna V.' });
  });

  test.each([
    ['a phone with letters', { name: 'X', phone: '+7 916 abc' }, 'input.phone'],
    ['a phone too short', { name: 'X', phone: '12-34' }, 'input.phone'],
    ['an empty name', { name: '   ' }, 'input.name'],
    ['a bad email', { name: 'X', email: 'not-an-email' }, 'input.email'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is created', async (_case, input, field) => {
    const before = await customersSnapshot(app, shopId);
    const answer = await app.gql(CREATE, { input }, who.manager);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(answer.errors?.[0]?.extensions?.field)).toContain(field.replace('input.', ''));
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('florists, couriers, customers and a customers:read key may not create customers', async () => {
    const readKey = await app.insertApiKey({ scopes: ['customers:read'] });
    const before = await customersSnapshot(app, shopId);
    for (const headers of [who.florist, who.courier, who.customer, readKey.headers]) {
      const answer = await app.gql(CREATE, { input: { name: 'Nobody', phone: '+79990007777' } }, headers);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(answer.data).toBeNull();
    }
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('florists and couriers may not edit a customer; nothing changes', async () => {
    const before = await customersSnapshot(app, shopId);
    for (const headers of [who.florist, who.courier]) {
      const answer = await app.gql(UPDATE, { id: customerGid(chrisId), patch: { name: 'Hacked' } }, headers);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('a customers:write key creates and edits customers', async () => {
    const writeKey = await app.insertApiKey({ scopes: ['customers:write'] });
    const created = await app.gql(
      'mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { __typename ... on MutationCreateCustomerSuccess { data { id } } } }',
      { input: { name: 'Key Made', phone: '+79990004411' } },
      writeKey.headers,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createCustomer.data.id;
    const edited = await app.gql(
      'mutation U($id: ID!) { updateCustomer(id: $id, patch: { note: "from the CRM" }) { __typename } }',
      { id },
      writeKey.headers,
    );
    expect(edited.data!.updateCustomer.__typename).toBe('MutationUpdateCustomerSuccess');
    expect(await app.prisma.customer.findUniqueOrThrow({ where: { id: rawId(id) } })).toMatchObject({
      name: 'Key Made',
      phone: '+79990004411',
      note: 'from the CRM',
    });
  });

  test('a customer edits their own name and phone, but not their email or the shop’s note', async () => {
    const own = await app.gql(
      UPDATE_OWN,
      { id: customerGid(chrisId), patch: { name: 'Chris C.', phone: '+7 999 000-00-05' } },
      who.customer,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.updateCustomer.data).toMatchObject({ name: 'Chris C.', phone: '+79990000005' });

    const before = await customersSnapshot(app, shopId);
    for (const patch of [{ email: 'me@example.com' }, { note: 'VIP' }, { name: 'X', note: 'VIP' }]) {
      const answer = await app.gql(UPDATE_OWN, { id: customerGid(chrisId), patch }, who.customer);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('a customer editing another customer gets NOT_FOUND and changes nothing', async () => {
    const olga = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } });
    const before = await customersSnapshot(app, shopId);
    const answer = await app.gql(
      UPDATE_OWN,
      { id: customerGid(olga.id), patch: { name: 'Mine now' } },
      who.customer,
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });
});

describe('one customer per phone in a shop', () => {
  test('creating with a phone another customer has answers DuplicateCustomer with that customer', async () => {
    const olga = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } });
    const before = await customersSnapshot(app, shopId);
    // Olga's +79161234567, typed the way people type it.
    const answer = await app.gql(
      CREATE,
      { input: { name: 'Olga S.', phone: '8 916 123 45 67' } },
      who.manager,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.createCustomer).toMatchObject({
      __typename: 'DuplicateCustomer',
      phone: '+79161234567',
      existing: { id: customerGid(olga.id), name: 'Olga Smirnova' },
    });
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('editing to a phone another customer has answers DuplicateCustomer; a customer is not shown who', async () => {
    const before = await customersSnapshot(app, shopId);
    const ivan = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Ivan Petrov' } });
    const olga = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } });
    const byManager = await app.gql(
      UPDATE,
      { id: customerGid(ivan.id), patch: { phone: olga.phone } },
      who.manager,
    );
    expect(byManager.data!.updateCustomer).toMatchObject({
      __typename: 'DuplicateCustomer',
      existing: { id: customerGid(olga.id) },
    });
    const byCustomer = await app.gql(
      UPDATE_OWN,
      { id: customerGid(chrisId), patch: { phone: olga.phone } },
      who.customer,
    );
    expect(byCustomer.errors).toBeUndefined();
    expect(byCustomer.data!.updateCustomer).toMatchObject({
      __typename: 'DuplicateCustomer',
      existing: null,
    });
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('two concurrent creates with one phone: one is created, the other answers DuplicateCustomer', async () => {
    const phone = '+79990003300';
    const answers = await Promise.all(
      ['Twin One', 'Twin Two', 'Twin Three'].map((name) =>
        app.gql(CREATE, { input: { name, phone } }, who.manager),
      ),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const kinds = answers.map((a) => a.data!.createCustomer.__typename).sort();
    expect(kinds).toEqual(['DuplicateCustomer', 'DuplicateCustomer', 'MutationCreateCustomerSuccess']);
    const rows = await app.prisma.customer.findMany({ where: { shopId, phone } });
    expect(rows).toHaveLength(1);
    for (const answer of answers.filter((a) => a.data!.createCustomer.__typename === 'DuplicateCustomer'))
      expect(answer.data!.createCustomer.existing.id).toBe(customerGid(rows[0]!.id));
  });
});

describe('deleteCustomer', () => {
  test('deletes a customer without history, with their addresses and dates', async () => {
    const created = await createThroughApi(app, who.manager, { name: 'Typo Person', phone: '+79990006600' });
    const id = rawId(created.id);
    await app.prisma.customerAddress.create({ data: { customerId: id, address: 'Somewhere 1' } });
    const answer = await app.gql(DELETE, { id: created.id }, who.manager);
    expect(answer.data!.deleteCustomer).toEqual({
      __typename: 'MutationDeleteCustomerSuccess',
      data: created.id,
    });
    expect(await app.prisma.customer.findUnique({ where: { id } })).toBeNull();
    expect(await app.prisma.customerAddress.count({ where: { customerId: id } })).toBe(0);
  });

  test('a customer with orders answers CustomerHasHistory and stays', async () => {
    const before = await customersSnapshot(app, shopId);
    const answer = await app.gql(DELETE, { id: customerGid(chrisId) }, who.manager);
    const orders = await app.prisma.order.count({ where: { customerId: chrisId } });
    expect(answer.data!.deleteCustomer).toMatchObject({
      __typename: 'CustomerHasHistory',
      orderCount: orders,
      subscriptionCount: 1,
    });
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });
});
