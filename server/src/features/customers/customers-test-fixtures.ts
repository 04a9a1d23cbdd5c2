// Shared by the customers tests: the documents they send and the demo shop's people signed in.
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

export const CUSTOMER_FIELDS =
  'id name phone email note addresses { id label address comment isDefault } importantDates { id kind title month day year remindDaysBefore }';

const result = (field: string, ...failures: string[]) => /* GraphQL */ `
  __typename
  ... on Mutation${field}Success { data { ${CUSTOMER_FIELDS} } }
  ... on DomainError { message }
  ${failures.join('\n')}
`;
const DUPLICATE = '... on DuplicateCustomer { phone existing { id name } }';

export const CREATE = /* GraphQL */ `
  mutation Create($input: CreateCustomerInput!) { createCustomer(input: $input) { ${result('CreateCustomer', DUPLICATE)} } }
`;
export const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $patch: CustomerPatchInput!) { updateCustomer(id: $id, patch: $patch) { ${result('UpdateCustomer', DUPLICATE)} } }
`;
/** What a customer may read of themself: all but the shop's note. */
export const UPDATE_OWN = /* GraphQL */ `
  mutation UpdateOwn($id: ID!, $patch: CustomerPatchInput!) {
    updateCustomer(id: $id, patch: $patch) {
      __typename
      ... on MutationUpdateCustomerSuccess { data { id name phone email } }
      ${DUPLICATE}
    }
  }
`;
export const MERGE = /* GraphQL */ `
  mutation Merge($keepId: ID!, $mergeId: ID!) { mergeCustomers(keepId: $keepId, mergeId: $mergeId) { ${result('MergeCustomers')} } }
`;
export const DELETE = /* GraphQL */ `
  mutation Delete($id: ID!) {
    deleteCustomer(id: $id) {
      __typename
      ... on MutationDeleteCustomerSuccess { data }
      ... on CustomerHasHistory { message orderCount subscriptionCount }
    }
  }
`;

export type People = Record<'admin' | 'manager' | 'florist' | 'courier' | 'customer', Record<string, string>>;

/** Every demo role signed in, and the demo shop's id. */
export async function demoPeople(app: TestApp) {
  const shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const who = {} as People;
  for (const role of ['admin', 'manager', 'florist', 'courier', 'customer'] as const)
    who[role] = await app.signIn(`${role}@posy.demo`);
  return { shopId, who };
}

export const customerGid = (id: string) => encodeGlobalId('Customer', id);
export const rawId = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

/** Creates a customer through the API as the manager and answers it. */
export async function createThroughApi(app: TestApp, headers: Record<string, string>, input: object) {
  const answer = await app.gql(CREATE, { input }, headers);
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.createCustomer.__typename).toBe('MutationCreateCustomerSuccess');
  return answer.data!.createCustomer.data as { id: string; name: string; phone: string | null };
}

/** Every row of the shop's customers with their children, to check a refused change changed nothing. */
export function customersSnapshot(app: TestApp, shopId: string) {
  return app.prisma.customer.findMany({
    where: { shopId },
    orderBy: { id: 'asc' },
    include: {
      addresses: { orderBy: { id: 'asc' } },
      importantDates: { orderBy: { id: 'asc' } },
      orders: { select: { id: true }, orderBy: { id: 'asc' } },
      subscriptions: { select: { id: true }, orderBy: { id: 'asc' } },
    },
  });
}
