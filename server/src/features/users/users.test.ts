import type { User } from '@posy/prisma';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

/*
 * What a person's record shows to whom (personView in common/access.ts), over real HTTP: a customer
 * sees the staff of their order by first name only; staff see each other's name, Telegram username
 * and locale; only the person sees their email, phone and memberships.
 */

let app: TestApp;
let orderId: string;
const staff = { COURIER: 'courier@posy.demo', FLORIST: 'florist@posy.demo', ADMIN: 'admin@posy.demo' };
const people: Record<string, User> = {};

beforeAll(async () => {
  app = await startTestApp();
  for (const [role, email] of Object.entries({ ...staff, CUSTOMER: 'customer@posy.demo' })) {
    people[role] = await app.prisma.user.update({
      where: { email },
      data: { phone: `+7999000000${Object.keys(people).length}` },
    });
  }
  const customer = await app.prisma.customer.findFirstOrThrow({ where: { userId: people.CUSTOMER!.id } });
  const order = await app.prisma.order.findFirstOrThrow({ where: { customerId: customer.id } });
  await app.prisma.order.update({
    where: { id: order.id },
    data: { courierId: people.COURIER!.id, floristId: people.FLORIST!.id },
  });
  const apiKey = await app.prisma.apiKey.findUniqueOrThrow({ where: { prefix: 'demo000001' } });
  const actors = [
    { actorId: people.ADMIN!.id, toStatus: 'CONFIRMED' },
    { actorId: people.FLORIST!.id, toStatus: 'IN_PRODUCTION' },
    { actorId: people.COURIER!.id, toStatus: 'OUT_FOR_DELIVERY' },
    { actorApiKeyId: apiKey.id, toStatus: 'DELIVERED' },
    { actorId: people.CUSTOMER!.id, toStatus: 'DELIVERED' },
  ] as const;
  // After the seeded events, a second apart, so `events` (ordered by time) lists them last and in turn.
  await app.prisma.orderEvent.createMany({
    data: actors.map((actor, i) => ({
      ...actor,
      orderId: order.id,
      at: new Date(Date.now() + (i + 1) * 1000),
    })),
  });
  orderId = encodeGlobalId('Order', order.id);
});
afterAll(() => app?.stop());

/** The order's staff, selecting `fields` of each person. */
const orderPeople = (fields: string) => /* GraphQL */ `
  query OrderPeople($id: ID!) {
    order(id: $id) { courier { ${fields} } florist { ${fields} } events { byApiKey actor { ${fields} } } }
  }
`;

/** Every string in an answer, to look for what must not be there. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

describe('staff as a customer sees them', () => {
  test('a customer sees the first name of their order’s courier, florist and event actors', async () => {
    const customer = await app.signIn('customer@posy.demo');
    const result = await app.gql(orderPeople('id name'), { id: orderId }, customer);
    expect(result.errors).toBeUndefined();
    const { courier, florist, events } = result.data!.order;
    expect(courier).toEqual({ id: people.COURIER!.id, name: 'Kirill' });
    expect(florist).toEqual({ id: people.FLORIST!.id, name: 'Fiona' });
    const actors = events
      .slice(-5)
      .map((e: { actor: { name: string } | null; byApiKey: boolean }) => [e.actor?.name ?? null, e.byApiKey]);
    // An API key's change has no person: the app shows it as "the shop". The customer is themself.
    expect(actors).toEqual([
      ['Anna', false],
      ['Fiona', false],
      ['Kirill', false],
      [null, true],
      ['Chris Customer', false],
    ]);
  });

  test.each(['telegramUsername', 'locale', 'email', 'phone', 'memberships { role }', 'customerOf { id }'])(
    'a customer is refused the %s of staff, and the answer holds none of their details',
    async (field) => {
      const customer = await app.signIn('customer@posy.demo');
      const result = await app.gql(orderPeople(`id ${field}`), { id: orderId }, customer);
      const name = field.split(' ')[0];
      const refused = (result.errors ?? []).filter((e) => e.path?.at(-1) === name);
      expect(refused.length).toBeGreaterThanOrEqual(5);
      expect(new Set(result.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
      const shown = stringsIn(result.data);
      for (const role of ['ADMIN', 'FLORIST', 'COURIER'] as const) {
        const person = people[role]!;
        const secrets = [person.telegramUsername, person.email, person.phone, String(person.telegramId)];
        expect(shown.filter((s) => secrets.some((secret) => secret && s.includes(secret)))).toEqual([]);
        expect(shown).not.toContain(person.name);
      }
    },
  );
});

describe('staff as staff and keys see them', () => {
  test.each([
    ['a manager', () => app.signIn('manager@posy.demo')],
    ['the demo key', async () => app.demoKey],
  ])('%s sees the full name, Telegram username and locale of the order’s staff', async (_who, headers) => {
    const result = await app.gql(
      orderPeople('name telegramUsername locale'),
      { id: orderId },
      await headers(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.order.courier).toEqual({
      name: 'Kirill Courier',
      telegramUsername: 'courier',
      locale: people.COURIER!.locale,
    });
  });

  test('a courier sees their own email and phone on the order, but not the florist’s', async () => {
    const courier = await app.signIn('courier@posy.demo');
    const result = await app.gql(orderPeople('email phone'), { id: orderId }, courier);
    expect(result.data!.order.courier).toEqual({
      email: people.COURIER!.email,
      phone: people.COURIER!.phone,
    });
    expect(result.data!.order.florist).toEqual({ email: null, phone: null });
  });
});
