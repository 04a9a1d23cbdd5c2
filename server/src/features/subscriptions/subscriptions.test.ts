import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';

let app: TestApp;
let shopId: string;
/** Chris Customer, who signs in as customer@posy.demo, and another customer of the shop. */
let chris: { id: string; gid: string };
let olga: { id: string; gid: string };
let product: { id: string; gid: string; priceMinor: number };
const who: Record<string, Record<string, string>> = {};

const DAY = 24 * 3_600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const customer = (name: string) =>
    app.prisma.customer
      .findFirstOrThrow({ where: { shopId, name }, select: { id: true } })
      .then(({ id }) => ({ id, gid: encodeGlobalId('Customer', id) }));
  chris = await customer('Chris Customer');
  olga = await customer('Olga Smirnova');
  const row = await app.prisma.product.findFirstOrThrow({
    where: { shopId, active: true, archivedAt: null },
    orderBy: { name: 'asc' },
  });
  product = { id: row.id, gid: encodeGlobalId('Product', row.id), priceMinor: row.priceMinor };
  for (const role of ['admin', 'manager', 'florist', 'customer'])
    who[role] = await app.signIn(`${role}@posy.demo`);
});
afterAll(() => app?.stop());

const FIELDS =
  'id status version plan frequency quantity windowMinutes nextDeliveryAt validUntil termDays cancelReason price { amountMinor currency } customer { name }';
const RESULT = (field: string) => /* GraphQL */ `
  __typename
  ... on Mutation${field}Success { data { ${FIELDS} } }
  ... on DomainError { message }
  ... on StaleVersion { current }
  ... on InvalidSubscriptionTransition { from to allowed }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CreateSubscriptionInput!) { createSubscription(input: $input) { ${FIELDS} } }
`;
const step = (name: string, extra = '', extraArgs = '') => /* GraphQL */ `
  mutation Step($id: ID!, $version: Int!${extra}) {
    ${name}(id: $id, version: $version${extraArgs}) { ${RESULT(name[0]!.toUpperCase() + name.slice(1))} }
  }
`;
const PAUSE = step('pauseSubscription');
const RESUME = step('resumeSubscription');
const CANCEL = step('cancelSubscription', ', $reason: String!', ', reason: $reason');
const RENEW = step('renewSubscription', ', $validUntil: DateTime!', ', validUntil: $validUntil');
const RENEW_BY_TERM = step('renewSubscriptionByTerm');

type Sub = { id: string; status: string; version: number; nextDeliveryAt: string | null; validUntil: string };

const input = (over: Record<string, unknown> = {}) => ({
  customerId: chris.gid,
  productId: product.gid,
  plan: 'Weekly roses',
  frequency: 'WEEKLY',
  firstDeliveryAt: inDays(2).toISOString(),
  deliveryAddress: 'Moscow, Arbat 10, apt 1',
  validUntil: inDays(60).toISOString(),
  ...over,
});

async function create(over: Record<string, unknown> = {}, as = who.manager!): Promise<Sub> {
  const result = await app.gql(CREATE, { input: input(over) }, as);
  expect(result.errors).toBeUndefined();
  return result.data!.createSubscription;
}

/** The row as the database holds it, to check that a refusal changed nothing. */
const row = (id: string) =>
  app.prisma.subscription.findUniqueOrThrow({ where: { id: dbId(id) }, omit: { updatedAt: true } });
const dbId = (gid: string) => decodeGlobalId(gid).id;
const subscriptionCount = () => app.prisma.subscription.count({ where: { shopId } });

describe('createSubscription', () => {
  test("a manager subscribes a customer; the price is the product's now and the first delivery is next", async () => {
    const firstDeliveryAt = inDays(3);
    const sub = await create({ firstDeliveryAt: firstDeliveryAt.toISOString(), quantity: 2 });
    expect(sub).toMatchObject({
      status: 'ACTIVE',
      version: 1,
      frequency: 'WEEKLY',
      quantity: 2,
      windowMinutes: 120,
      nextDeliveryAt: firstDeliveryAt.toISOString(),
      price: { amountMinor: product.priceMinor, currency: 'RUB' },
      customer: { name: 'Chris Customer' },
    });
    const entry = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: 'createSubscription' },
      orderBy: { at: 'desc' },
    });
    expect(entry).toMatchObject({ targetType: 'Subscription', targetId: (await row(sub.id)).id });
  });

  test('a given price is kept; an API key with subscriptions:write may subscribe too', async () => {
    const key = await app.insertApiKey({
      scopes: ['subscriptions:write', 'subscriptions:read', 'customers:read'],
    });
    const result = await app.gql(CREATE, { input: input({ priceMinor: 123_400 }) }, key.headers);
    expect(result.errors).toBeUndefined();
    expect(result.data?.createSubscription.price.amountMinor).toBe(123_400);
  });

  test('bad input is refused by field and nothing is created', async () => {
    const before = await subscriptionCount();
    const refusals: [Record<string, unknown>, string][] = [
      [{ validFrom: inDays(10).toISOString(), validUntil: inDays(5).toISOString() }, 'validUntil'],
      [{ firstDeliveryAt: inDays(-1).toISOString() }, 'firstDeliveryAt'],
      [{ firstDeliveryAt: inDays(90).toISOString() }, 'firstDeliveryAt'],
      [{ quantity: 0 }, 'input.quantity'],
      [{ plan: '' }, 'input.plan'],
    ];
    for (const [over, field] of refusals) {
      const result = await app.gql(CREATE, { input: input(over) }, who.manager);
      expect(result.errors?.[0]?.extensions, JSON.stringify(over)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const archived = await app.prisma.product.create({
      data: { shopId, name: 'Gone', priceMinor: 100, archivedAt: new Date() },
    });
    const offSale = await app.gql(
      CREATE,
      { input: input({ productId: encodeGlobalId('Product', archived.id) }) },
      who.manager,
    );
    expect(offSale.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    expect(await subscriptionCount()).toBe(before);
  });

  test('florists, customers and keys without the scope may not subscribe anyone', async () => {
    const before = await subscriptionCount();
    for (const headers of [who.florist!, who.customer!, app.demoKey]) {
      const result = await app.gql(CREATE, { input: input() }, headers);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await subscriptionCount()).toBe(before);
  });
});

describe('the status machine', () => {
  test('pause, resume, cancel; every step bumps the version', async () => {
    const sub = await create();
    const paused = await app.gql(PAUSE, { id: sub.id, version: 1 }, who.manager);
    expect(paused.data?.pauseSubscription).toMatchObject({ data: { status: 'PAUSED', version: 2 } });
    const resumed = await app.gql(RESUME, { id: sub.id, version: 2 }, who.manager);
    expect(resumed.data?.resumeSubscription).toMatchObject({ data: { status: 'ACTIVE', version: 3 } });
    const cancelled = await app.gql(CANCEL, { id: sub.id, version: 3, reason: 'Moved abroad' }, who.admin);
    expect(cancelled.data?.cancelSubscription).toMatchObject({
      data: { status: 'CANCELLED', version: 4, cancelReason: 'Moved abroad', nextDeliveryAt: null },
    });
    const actions = await app.prisma.auditLog.findMany({
      where: { targetId: (await row(sub.id)).id },
      orderBy: { at: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'createSubscription',
      'pauseSubscription',
      'resumeSubscription',
      'cancelSubscription',
    ]);
  });

  test('a step not allowed from the status is a typed refusal that changes nothing', async () => {
    const sub = await create();
    await app.gql(PAUSE, { id: sub.id, version: 1 }, who.manager);
    const before = await row(sub.id);

    const again = await app.gql(PAUSE, { id: sub.id, version: 2 }, who.manager);
    expect(again.data?.pauseSubscription).toMatchObject({
      __typename: 'InvalidSubscriptionTransition',
      from: 'PAUSED',
      to: 'PAUSED',
      allowed: ['ACTIVE', 'CANCELLED', 'EXPIRED'],
    });
    expect(await row(sub.id)).toEqual(before);

    await app.gql(CANCEL, { id: sub.id, version: 2, reason: 'No longer wanted' }, who.manager);
    const cancelled = await row(sub.id);
    for (const [document, name, extra] of [
      [RESUME, 'resumeSubscription', {}],
      [PAUSE, 'pauseSubscription', {}],
      [CANCEL, 'cancelSubscription', { reason: 'Twice' }],
      [RENEW, 'renewSubscription', { validUntil: inDays(200).toISOString() }],
    ] as const) {
      const result = await app.gql(document, { id: sub.id, version: 3, ...extra }, who.manager);
      expect(result.data?.[name], name).toMatchObject({
        __typename: 'InvalidSubscriptionTransition',
        from: 'CANCELLED',
        allowed: [],
      });
    }
    expect(await row(sub.id)).toEqual(cancelled);
    // An active one cannot be resumed either: only a pause is.
    const active = await create();
    const resume = await app.gql(RESUME, { id: active.id, version: 1 }, who.manager);
    expect(resume.data?.resumeSubscription).toMatchObject({ from: 'ACTIVE', to: 'ACTIVE' });
    expect((await row(active.id)).version).toBe(1);
  });

  test('a stale version is refused with the current one, and nothing changes', async () => {
    const sub = await create();
    await app.gql(PAUSE, { id: sub.id, version: 1 }, who.manager);
    const before = await row(sub.id);
    for (const [document, name, extra] of [
      [RESUME, 'resumeSubscription', {}],
      [CANCEL, 'cancelSubscription', { reason: 'Late' }],
      [RENEW, 'renewSubscription', { validUntil: inDays(200).toISOString() }],
    ] as const) {
      const result = await app.gql(document, { id: sub.id, version: 1, ...extra }, who.manager);
      expect(result.data?.[name], name).toMatchObject({ __typename: 'StaleVersion', current: 2 });
    }
    expect(await row(sub.id)).toEqual(before);
  });

  test('two changes from the same version: one wins, the other is stale', async () => {
    const sub = await create();
    const [a, b] = await Promise.all([
      app.gql(PAUSE, { id: sub.id, version: 1 }, who.manager),
      app.gql(CANCEL, { id: sub.id, version: 1, reason: 'Race' }, who.admin),
    ]);
    const kinds = [a.data?.pauseSubscription.__typename, b.data?.cancelSubscription.__typename];
    expect(kinds.filter((k) => k === 'StaleVersion')).toHaveLength(1);
    expect(kinds.filter((k) => k?.endsWith('Success'))).toHaveLength(1);
    expect((await row(sub.id)).version).toBe(2);
  });

  test('renewing extends; an expired subscription becomes ACTIVE with its next delivery ahead', async () => {
    const sub = await create();
    const later = inDays(120).toISOString();
    const extended = await app.gql(RENEW, { id: sub.id, version: 1, validUntil: later }, who.manager);
    expect(extended.data?.renewSubscription).toMatchObject({
      data: { status: 'ACTIVE', version: 2, validUntil: later },
    });

    // As the generator leaves one: its end and its last scheduled delivery in the past.
    await app.prisma.subscription.update({
      where: { id: dbId(sub.id) },
      data: {
        status: 'EXPIRED',
        validFrom: inDays(-100),
        validUntil: inDays(-3),
        nextDeliveryAt: inDays(-2),
      },
    });
    const expired = await row(sub.id);
    const shorter = await app.gql(
      RENEW,
      { id: sub.id, version: 2, validUntil: inDays(-4).toISOString() },
      who.manager,
    );
    expect(shorter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
    const blank = await app.gql(CANCEL, { id: sub.id, version: 2, reason: '   ' }, who.manager);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await row(sub.id)).toEqual(expired);

    const renewed = await app.gql(
      RENEW,
      { id: sub.id, version: 2, validUntil: inDays(30).toISOString() },
      who.manager,
    );
    const data = renewed.data?.renewSubscription.data;
    expect(data).toMatchObject({ status: 'ACTIVE', version: 3 });
    // The weekly schedule goes on from the missed delivery: five days from now (to the minute).
    expect(Math.abs(new Date(data.nextDeliveryAt).getTime() - inDays(5).getTime())).toBeLessThan(120_000);
  });
});

describe('who sees and changes what', () => {
  test('a customer sees their own subscriptions and pauses and resumes them, but cannot cancel or renew', async () => {
    const mine = await create({ customerId: chris.gid });
    const theirs = await create({ customerId: olga.gid });
    const list = await app.gql(
      '{ subscriptions(first: 100) { edges { node { id customer { name } } } } }',
      {},
      who.customer,
    );
    const ids = list.data?.subscriptions.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(
      list.data?.subscriptions.edges.every(
        (e: { node: { customer: { name: string } } }) => e.node.customer.name === 'Chris Customer',
      ),
    ).toBe(true);

    const one = await app.gql(
      'query ($id: ID!) { subscription(id: $id) { id } }',
      { id: theirs.id },
      who.customer,
    );
    expect(one.data?.subscription).toBeNull();
    const node = await app.gql('query ($id: ID!) { node(id: $id) { id } }', { id: theirs.id }, who.customer);
    expect(node.data?.node).toBeNull();

    const paused = await app.gql(PAUSE, { id: mine.id, version: 1 }, who.customer);
    expect(paused.data?.pauseSubscription.data).toMatchObject({ status: 'PAUSED' });
    const resumed = await app.gql(RESUME, { id: mine.id, version: 2 }, who.customer);
    expect(resumed.data?.resumeSubscription.data).toMatchObject({ status: 'ACTIVE' });

    const before = await row(theirs.id);
    const other = await app.gql(PAUSE, { id: theirs.id, version: 1 }, who.customer);
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const cancel = await app.gql(CANCEL, { id: mine.id, version: 3, reason: 'Mine' }, who.customer);
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const renew = await app.gql(
      RENEW,
      { id: mine.id, version: 3, validUntil: inDays(300).toISOString() },
      who.customer,
    );
    expect(renew.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await row(theirs.id)).toEqual(before);
    expect((await row(mine.id)).status).toBe('ACTIVE');
  });

  test('staff filter by status; florists and keys without subscriptions:read are refused', async () => {
    const sub = await create();
    await app.gql(PAUSE, { id: sub.id, version: 1 }, who.manager);
    const paused = await app.gql(
      '{ subscriptions(first: 100, filter: { status: [PAUSED] }) { totalCount edges { node { id status } } } }',
      {},
      who.manager,
    );
    const nodes = paused.data?.subscriptions.edges.map((e: { node: Sub }) => e.node);
    expect(nodes.map((n: Sub) => n.id)).toContain(sub.id);
    expect(nodes.every((n: Sub) => n.status === 'PAUSED')).toBe(true);
    expect(paused.data?.subscriptions.totalCount).toBe(nodes.length);

    for (const headers of [who.florist!, app.demoKey]) {
      const refused = await app.gql('{ subscriptions(first: 1) { edges { node { id } } } }', {}, headers);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  test("Customer.subscriptions lists the customer's own, under the same rule", async () => {
    const sub = await create({ customerId: olga.gid });
    const query =
      'query ($id: ID!) { node(id: $id) { ... on Customer { subscriptions(first: 50) { edges { node { id } } } } } }';
    const seen = await app.gql(query, { id: olga.gid }, who.manager);
    expect(seen.data?.node.subscriptions.edges.map((e: { node: Sub }) => e.node.id)).toContain(sub.id);
    const key = await app.insertApiKey({ scopes: ['customers:read'] });
    const refused = await app.gql(query, { id: olga.gid }, key.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('renewSubscriptionByTerm', () => {
  const renew = (sub: Sub, version: number, as = who.customer!) =>
    app.gql(RENEW_BY_TERM, { id: sub.id, version }, as).then((r) => {
      expect(r.errors).toBeUndefined();
      return r.data!.renewSubscriptionByTerm;
    });

  test("the customer renews their own by one term from its end, at its price, whatever the catalog's now", async () => {
    const validUntil = inDays(30);
    const sub = await create({ validUntil: validUntil.toISOString(), priceMinor: 150_000 });
    expect(sub).toMatchObject({ termDays: 30 });
    await app.prisma.product.update({
      where: { id: product.id },
      data: { priceMinor: product.priceMinor + 1 },
    });
    try {
      const once = await renew(sub, 1);
      // The shop is in Moscow (no DST): thirty days are exactly 30 × 24 h.
      expect(once).toMatchObject({
        __typename: 'MutationRenewSubscriptionByTermSuccess',
        data: {
          status: 'ACTIVE',
          version: 2,
          validUntil: new Date(validUntil.getTime() + 30 * DAY).toISOString(),
          termDays: 30,
          price: { amountMinor: 150_000 },
          nextDeliveryAt: sub.nextDeliveryAt,
        },
      });
      // The term is the one signed up for, not the subscription's whole length so far.
      const twice = await renew(sub, 2);
      expect(twice.data.validUntil).toBe(new Date(validUntil.getTime() + 60 * DAY).toISOString());
    } finally {
      await app.prisma.product.update({
        where: { id: product.id },
        data: { priceMinor: product.priceMinor },
      });
    }
    const entries = await app.prisma.auditLog.findMany({
      where: { targetId: dbId(sub.id), action: 'renewSubscriptionByTerm' },
    });
    expect(entries).toHaveLength(2);
  });

  test('an expired one is renewed from now and becomes ACTIVE with its next delivery ahead', async () => {
    const sub = await create({ validUntil: inDays(28).toISOString() });
    await app.prisma.subscription.update({
      where: { id: dbId(sub.id) },
      data: {
        status: 'EXPIRED',
        validFrom: inDays(-40),
        validUntil: inDays(-12),
        nextDeliveryAt: inDays(-13),
      },
    });
    const before = Date.now();
    const renewed = await renew(sub, 1);
    expect(renewed.data).toMatchObject({ status: 'ACTIVE', version: 2 });
    const end = new Date(renewed.data.validUntil).getTime();
    expect(end).toBeGreaterThanOrEqual(before + 28 * DAY);
    expect(end).toBeLessThan(Date.now() + 28 * DAY + 60_000);
    // Weekly from thirteen days ago: the next one is in a day.
    expect(Math.abs(new Date(renewed.data.nextDeliveryAt).getTime() - inDays(1).getTime())).toBeLessThan(
      120_000,
    );
  });

  test('one past its end but not yet marked EXPIRED gets its next delivery moved ahead too', async () => {
    const sub = await create({ validUntil: inDays(28).toISOString() });
    await app.prisma.subscription.update({
      where: { id: dbId(sub.id) },
      data: { validFrom: inDays(-40), validUntil: inDays(-12), nextDeliveryAt: inDays(-13) },
    });
    const renewed = await renew(sub, 1);
    expect(renewed.data).toMatchObject({ status: 'ACTIVE', version: 2 });
    expect(Math.abs(new Date(renewed.data.nextDeliveryAt).getTime() - inDays(1).getTime())).toBeLessThan(
      120_000,
    );
  });

  test("another customer's subscription is not found, a florist is refused; neither changes anything", async () => {
    const theirs = await create({ customerId: olga.gid });
    const before = await row(theirs.id);
    const stranger = await app.gql(RENEW_BY_TERM, { id: theirs.id, version: 1 }, who.customer);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const florist = await app.gql(RENEW_BY_TERM, { id: theirs.id, version: 1 }, who.florist);
    expect(florist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await row(theirs.id)).toEqual(before);
  });

  test('a cancelled one is a typed refusal, and so is a stale version; neither changes anything', async () => {
    const cancelled = await create();
    await app.gql(CANCEL, { id: cancelled.id, version: 1, reason: 'Moved' }, who.manager);
    const cancelledRow = await row(cancelled.id);
    const refused = await app.gql(RENEW_BY_TERM, { id: cancelled.id, version: 2 }, who.customer);
    expect(refused.data?.renewSubscriptionByTerm).toMatchObject({
      __typename: 'InvalidSubscriptionTransition',
      from: 'CANCELLED',
      to: 'ACTIVE',
      allowed: [],
    });
    expect(await row(cancelled.id)).toEqual(cancelledRow);

    const paused = await create();
    await app.gql(PAUSE, { id: paused.id, version: 1 }, who.customer);
    const pausedRow = await row(paused.id);
    const stale = await app.gql(RENEW_BY_TERM, { id: paused.id, version: 1 }, who.customer);
    expect(stale.data?.renewSubscriptionByTerm).toMatchObject({ __typename: 'StaleVersion', current: 2 });
    expect(await row(paused.id)).toEqual(pausedRow);
    // From the version it has, a paused one is renewed and stays paused.
    const renewed = await renew(paused, 2);
    expect(renewed.data).toMatchObject({ status: 'PAUSED', version: 3 });
  });
});
