import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  CUSTOMER_FIELDS,
  customerGid,
  customersSnapshot,
  demoPeople,
  type People,
} from './customers-test-fixtures.js';

let app: TestApp;
let shopId: string;
let who: People;
let chrisId: string;
let olgaId: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ shopId, who } = await demoPeople(app));
  chrisId = (await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } })).id;
  olgaId = (await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } })).id;
});
afterAll(() => app?.stop());

/** A customer may not read the shop's note about them: the answers select the rest. */
const FIELDS = CUSTOMER_FIELDS.replace(' note', '');
const ADD_ADDRESS = `mutation A($customerId: ID!, $input: CustomerAddressInput!) { addCustomerAddress(customerId: $customerId, input: $input) { ${FIELDS} } }`;
const UPDATE_ADDRESS = `mutation U($addressId: ID!, $patch: CustomerAddressPatchInput!) { updateCustomerAddress(addressId: $addressId, patch: $patch) { ${FIELDS} } }`;
const REMOVE_ADDRESS = `mutation R($addressId: ID!) { removeCustomerAddress(addressId: $addressId) { ${FIELDS} } }`;
const ADD_DATE = `mutation A($customerId: ID!, $input: ImportantDateInput!) { addImportantDate(customerId: $customerId, input: $input) { ${FIELDS} } }`;
const UPDATE_DATE = `mutation U($importantDateId: ID!, $patch: ImportantDatePatchInput!) { updateImportantDate(importantDateId: $importantDateId, patch: $patch) { ${FIELDS} } }`;
const REMOVE_DATE = `mutation R($importantDateId: ID!) { removeImportantDate(importantDateId: $importantDateId) { ${FIELDS} } }`;

type Address = {
  id: string;
  label: string | null;
  address: string;
  comment: string | null;
  isDefault: boolean;
};

async function ok(document: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const answer = await app.gql(document, variables, headers);
  expect(answer.errors).toBeUndefined();
  return Object.values(answer.data!)[0] as {
    addresses: Address[];
    importantDates: Record<string, unknown>[];
  };
}

async function refused(
  code: string,
  document: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const before = await customersSnapshot(app, shopId);
  const answer = await app.gql(document, variables, headers);
  expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer.errors)).toBe(code);
  expect(answer.data).toBeNull();
  expect(await customersSnapshot(app, shopId)).toEqual(before);
  return answer.errors![0]!;
}

describe('addresses', () => {
  test('a manager adds, edits and removes addresses; one default at a time', async () => {
    const customerId = customerGid(olgaId);
    const [home] = (await app.prisma.customerAddress.findMany({ where: { customerId: olgaId } })).map(
      (a) => a.id,
    );
    let customer = await ok(
      ADD_ADDRESS,
      { customerId, input: { label: 'Work', address: ' Tverskaya 7 ', comment: 'Entrance 2, floor 5' } },
      who.manager,
    );
    const work = customer.addresses.find((a) => a.label === 'Work')!;
    expect(work).toMatchObject({ address: 'Tverskaya 7', comment: 'Entrance 2, floor 5', isDefault: false });
    expect(customer.addresses.find((a) => a.id === home)!.isDefault).toBe(true);

    customer = await ok(
      UPDATE_ADDRESS,
      { addressId: work.id, patch: { isDefault: true, comment: null } },
      who.manager,
    );
    expect(customer.addresses.filter((a) => a.isDefault).map((a) => a.id)).toEqual([work.id]);
    expect(customer.addresses.find((a) => a.id === work.id)!.comment).toBeNull();

    customer = await ok(REMOVE_ADDRESS, { addressId: work.id }, who.manager);
    expect(customer.addresses.map((a) => a.id)).toEqual([home]);
    expect(await app.prisma.customerAddress.findUnique({ where: { id: work.id } })).toBeNull();
  });

  test('the first address of a customer becomes the default', async () => {
    const fresh = await app.prisma.customer.create({ data: { shopId, name: 'No Address Yet' } });
    const customer = await ok(
      ADD_ADDRESS,
      { customerId: customerGid(fresh.id), input: { address: 'Lenina 1' } },
      who.admin,
    );
    expect(customer.addresses).toMatchObject([{ address: 'Lenina 1', isDefault: true }]);
  });

  test('a customer manages their own addresses', async () => {
    const customer = await ok(
      ADD_ADDRESS,
      { customerId: customerGid(chrisId), input: { label: 'Dacha', address: 'Village 3', isDefault: true } },
      who.customer,
    );
    const dacha = customer.addresses.find((a) => a.label === 'Dacha')!;
    expect(customer.addresses.filter((a) => a.isDefault).map((a) => a.id)).toEqual([dacha.id]);
    const edited = await ok(
      UPDATE_ADDRESS,
      { addressId: dacha.id, patch: { address: 'Village 4' } },
      who.customer,
    );
    expect(edited.addresses.find((a) => a.id === dacha.id)!.address).toBe('Village 4');
    const removed = await ok(REMOVE_ADDRESS, { addressId: dacha.id }, who.customer);
    expect(removed.addresses.map((a) => a.id)).not.toContain(dacha.id);
  });

  test('another customer’s address is NOT_FOUND to a customer, and stays unchanged', async () => {
    const olgas = await app.prisma.customerAddress.findFirstOrThrow({ where: { customerId: olgaId } });
    await refused(
      'NOT_FOUND',
      UPDATE_ADDRESS,
      { addressId: olgas.id, patch: { address: 'Mine' } },
      who.customer,
    );
    await refused('NOT_FOUND', REMOVE_ADDRESS, { addressId: olgas.id }, who.customer);
    await refused(
      'NOT_FOUND',
      ADD_ADDRESS,
      { customerId: customerGid(olgaId), input: { address: 'Mine' } },
      who.customer,
    );
  });

  test('florists and couriers are refused', async () => {
    const olgas = await app.prisma.customerAddress.findFirstOrThrow({ where: { customerId: olgaId } });
    for (const headers of [who.florist, who.courier]) {
      await refused('FORBIDDEN', UPDATE_ADDRESS, { addressId: olgas.id, patch: { label: 'X' } }, headers);
      await refused(
        'FORBIDDEN',
        ADD_ADDRESS,
        { customerId: customerGid(olgaId), input: { address: 'X' } },
        headers,
      );
    }
  });

  test('bad input is BAD_USER_INPUT naming the field, and nothing changes', async () => {
    const olgas = await app.prisma.customerAddress.findFirstOrThrow({ where: { customerId: olgaId } });
    const empty = await refused(
      'BAD_USER_INPUT',
      ADD_ADDRESS,
      { customerId: customerGid(olgaId), input: { address: '  ' } },
      who.manager,
    );
    expect(empty.extensions?.field).toBe('input.address');
    const cleared = await refused(
      'BAD_USER_INPUT',
      UPDATE_ADDRESS,
      { addressId: olgas.id, patch: { address: null } },
      who.manager,
    );
    expect(cleared.extensions?.field).toBe('address');
    await refused('BAD_USER_INPUT', REMOVE_ADDRESS, { addressId: 'not-a-uuid' }, who.manager);
  });
});

describe('important dates', () => {
  test('a manager adds, edits and removes important dates', async () => {
    let customer = await ok(
      ADD_DATE,
      {
        customerId: customerGid(olgaId),
        input: {
          kind: 'ANNIVERSARY',
          title: 'Engagement',
          month: 6,
          day: 12,
          year: 2015,
          remindDaysBefore: 7,
        },
      },
      who.manager,
    );
    const engagement = customer.importantDates.find((d) => d.title === 'Engagement')!;
    expect(engagement).toMatchObject({
      kind: 'ANNIVERSARY',
      month: 6,
      day: 12,
      year: 2015,
      remindDaysBefore: 7,
    });

    customer = await ok(
      UPDATE_DATE,
      { importantDateId: engagement.id, patch: { day: 13, year: null, title: 'Engagement day' } },
      who.manager,
    );
    expect(customer.importantDates.find((d) => d.id === engagement.id)).toMatchObject({
      title: 'Engagement day',
      day: 13,
      year: null,
      kind: 'ANNIVERSARY',
    });
    customer = await ok(REMOVE_DATE, { importantDateId: engagement.id }, who.manager);
    expect(customer.importantDates.map((d) => d.id)).not.toContain(engagement.id);
  });

  test('a customer manages their own dates, and gets NOT_FOUND for another customer’s', async () => {
    const customer = await ok(
      ADD_DATE,
      { customerId: customerGid(chrisId), input: { kind: 'BIRTHDAY', title: 'Mum', month: 2, day: 29 } },
      who.customer,
    );
    const mum = customer.importantDates.find((d) => d.title === 'Mum')!;
    expect(mum).toMatchObject({ kind: 'BIRTHDAY', remindDaysBefore: 3, year: null });
    await ok(UPDATE_DATE, { importantDateId: mum.id, patch: { remindDaysBefore: 1 } }, who.customer);

    const olgas = await app.prisma.importantDate.findFirstOrThrow({ where: { customerId: olgaId } });
    await refused('NOT_FOUND', UPDATE_DATE, { importantDateId: olgas.id, patch: { day: 1 } }, who.customer);
    await refused('NOT_FOUND', REMOVE_DATE, { importantDateId: olgas.id }, who.customer);
  });

  test.each([
    ['31 April', { title: 'X', month: 4, day: 31 }, 'day'],
    ['29 February of a common year', { title: 'X', month: 2, day: 29, year: 2023 }, 'day'],
    ['month 13', { title: 'X', month: 13, day: 1 }, 'input.month'],
    ['an empty title', { title: ' ', month: 1, day: 1 }, 'input.title'],
    [
      'a reminder a year and more ahead',
      { title: 'X', month: 1, day: 1, remindDaysBefore: 400 },
      'input.remindDaysBefore',
    ],
  ])('%s is BAD_USER_INPUT naming the field, and nothing changes', async (_case, input, field) => {
    const error = await refused(
      'BAD_USER_INPUT',
      ADD_DATE,
      { customerId: customerGid(olgaId), input },
      who.manager,
    );
    expect(error.extensions?.field).toBe(field);
  });

  test('an edit that makes the stored day impossible for the new month is refused', async () => {
    const date = await app.prisma.importantDate.create({
      data: { customerId: olgaId, title: 'Last of the month', month: 1, day: 31 },
    });
    const error = await refused(
      'BAD_USER_INPUT',
      UPDATE_DATE,
      { importantDateId: date.id, patch: { month: 2 } },
      who.manager,
    );
    expect(error.extensions?.field).toBe('day');
  });
});
