import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId } from '../../graphql/global-id.js';

// checkoutSettings and the mutations that edit it, over the app's GraphQL: managers edit, every edit is in
// the audit log, florists and customers are refused and change nothing.
let app: TestApp;
let shopId: string;
const who: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  for (const role of ['admin', 'manager', 'florist', 'customer'])
    who[role] = await app.signIn(`${role}@posy.demo`);
});
afterAll(() => app?.stop());

const SETTINGS = /* GraphQL */ `
  {
    checkoutSettings {
      timezone sameDayCutoffMinutes cardTextMaxLength deliveryFee { amountMinor currency }
      slots { id weekday startMinutes endMinutes capacity active }
      closures { date reason }
      pickupPoints { id name address active }
      zones { id name description fee { amountMinor } active }
    }
  }
`;
const UPSERT_SLOT = /* GraphQL */ `
  mutation ($input: DeliverySlotInput!) {
    upsertDeliverySlot(input: $input) { id weekday startMinutes endMinutes capacity active }
  }
`;
const DELETE_SLOT = 'mutation ($id: ID!) { deleteDeliverySlot(id: $id) }';
const ADD_CLOSURE = /* GraphQL */ `
  mutation ($date: String!, $reason: String) { addShopClosure(date: $date, reason: $reason) { date reason } }
`;
const REMOVE_CLOSURE = 'mutation ($date: String!) { removeShopClosure(date: $date) }';
const UPSERT_POINT = /* GraphQL */ `
  mutation ($input: PickupPointInput!) { upsertPickupPoint(input: $input) { id name address active } }
`;
const ARCHIVE_POINT = 'mutation ($id: ID!) { archivePickupPoint(id: $id) { id active } }';
const UPSERT_ZONE = /* GraphQL */ `
  mutation ($input: DeliveryZoneInput!) {
    upsertDeliveryZone(input: $input) { id name description fee { amountMinor } active }
  }
`;
const ARCHIVE_ZONE = 'mutation ($id: ID!) { archiveDeliveryZone(id: $id) { id active } }';
const RULES = /* GraphQL */ `
  mutation ($input: CheckoutRulesInput!) {
    updateCheckoutRules(input: $input) { timezone sameDayCutoffMinutes cardTextMaxLength }
  }
`;

/** Everything the settings mutations may change, to compare before and after a refusal. */
const snapshot = async () => ({
  shop: await app.prisma.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { timezone: true, sameDayCutoffMinutes: true, cardTextMaxLength: true },
  }),
  slots: await app.prisma.deliverySlot.findMany({ where: { shopId }, orderBy: { id: 'asc' } }),
  closures: await app.prisma.shopClosure.findMany({ where: { shopId }, orderBy: { id: 'asc' } }),
  points: await app.prisma.pickupPoint.findMany({ where: { shopId }, orderBy: { id: 'asc' } }),
  zones: await app.prisma.deliveryZone.findMany({ where: { shopId }, orderBy: { id: 'asc' } }),
});

const auditedActions = async (since: Date) =>
  (
    await app.prisma.auditLog.findMany({ where: { shopId, at: { gte: since } }, select: { action: true } })
  ).map((e) => e.action);

describe('checkoutSettings', () => {
  test('staff read the seeded slots, closures, pickup points, zones and rules', async () => {
    const result = await app.gql(SETTINGS, {}, who.florist);
    expect(result.errors).toBeUndefined();
    const settings = result.data!.checkoutSettings;
    expect(settings).toMatchObject({
      timezone: 'Europe/Moscow',
      sameDayCutoffMinutes: 14 * 60,
      cardTextMaxLength: 250,
      deliveryFee: { amountMinor: 50_000, currency: 'RUB' },
    });
    expect(settings.slots).toHaveLength(21);
    expect(settings.slots[0]).toMatchObject({ weekday: 1, startMinutes: 600, endMinutes: 720, capacity: 5 });
    expect(settings.closures).toEqual([
      { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reason: 'Stocktaking' },
    ]);
    expect(settings.pickupPoints).toEqual([
      { id: expect.any(String), name: 'Shop counter', address: 'Moscow, Arbat 1', active: true },
    ]);
    expect(
      settings.zones.map((z: { name: string; fee: { amountMinor: number } }) => [z.name, z.fee.amountMinor]),
    ).toEqual([
      ['Centre', 50_000],
      ['Outskirts', 90_000],
    ]);
  });

  test('a customer may not read them', async () => {
    const result = await app.gql(SETTINGS, {}, who.customer);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('settings mutations by a manager', () => {
  test('slots: create, edit, delete; each audited', async () => {
    const since = new Date();
    const created = await app.gql(
      UPSERT_SLOT,
      { input: { weekday: 6, startMinutes: 18 * 60, endMinutes: 20 * 60, capacity: 3 } },
      who.manager,
    );
    expect(created.errors).toBeUndefined();
    const slot = created.data!.upsertDeliverySlot;
    expect(slot).toMatchObject({
      weekday: 6,
      startMinutes: 1080,
      endMinutes: 1200,
      capacity: 3,
      active: true,
    });
    const edited = await app.gql(
      UPSERT_SLOT,
      {
        input: {
          id: slot.id,
          weekday: 6,
          startMinutes: 18 * 60,
          endMinutes: 21 * 60,
          capacity: 8,
          active: false,
        },
      },
      who.manager,
    );
    expect(edited.data!.upsertDeliverySlot).toMatchObject({
      id: slot.id,
      endMinutes: 1260,
      capacity: 8,
      active: false,
    });
    const deleted = await app.gql(DELETE_SLOT, { id: slot.id }, who.manager);
    expect(deleted.data!.deleteDeliverySlot).toBe(slot.id);
    expect(await app.prisma.deliverySlot.count({ where: { id: decodeGlobalId(slot.id).id } })).toBe(0);
    expect(await auditedActions(since)).toEqual(
      expect.arrayContaining(['upsertDeliverySlot', 'upsertDeliverySlot', 'deleteDeliverySlot']),
    );
  });

  test('a slot that ends before it starts, or on weekday 8, is BAD_USER_INPUT and changes nothing', async () => {
    const before = await snapshot();
    const backwards = await app.gql(
      UPSERT_SLOT,
      { input: { weekday: 1, startMinutes: 600, endMinutes: 600, capacity: 1 } },
      who.manager,
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endMinutes' });
    const weekday = await app.gql(
      UPSERT_SLOT,
      { input: { weekday: 8, startMinutes: 600, endMinutes: 700, capacity: 1 } },
      who.manager,
    );
    expect(weekday.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weekday' });
    expect(await snapshot()).toEqual(before);
  });

  test('closures: add, change the reason, remove; a malformed date is BAD_USER_INPUT', async () => {
    const since = new Date();
    const added = await app.gql(ADD_CLOSURE, { date: '2031-03-08', reason: 'Holiday' }, who.manager);
    expect(added.data!.addShopClosure).toEqual({ date: '2031-03-08', reason: 'Holiday' });
    const again = await app.gql(ADD_CLOSURE, { date: '2031-03-08', reason: 'Women’s day' }, who.manager);
    expect(again.data!.addShopClosure).toEqual({ date: '2031-03-08', reason: 'Women’s day' });
    const listed = await app.gql(SETTINGS, {}, who.manager);
    expect(listed.data!.checkoutSettings.closures).toContainEqual({
      date: '2031-03-08',
      reason: 'Women’s day',
    });
    expect((await app.gql(REMOVE_CLOSURE, { date: '2031-03-08' }, who.manager)).data!.removeShopClosure).toBe(
      true,
    );
    const gone = await app.gql(REMOVE_CLOSURE, { date: '2031-03-08' }, who.manager);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const before = await snapshot();
    const bad = await app.gql(ADD_CLOSURE, { date: '2031-02-30' }, who.manager);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    expect(await snapshot()).toEqual(before);
    expect(await auditedActions(since)).toEqual(
      expect.arrayContaining(['addShopClosure', 'addShopClosure', 'removeShopClosure']),
    );
  });

  test('pickup points and zones: create, edit, archive', async () => {
    const since = new Date();
    const point = (
      await app.gql(
        UPSERT_POINT,
        { input: { name: 'Mall kiosk', address: 'Moscow, Tverskaya 5' } },
        who.manager,
      )
    ).data!.upsertPickupPoint;
    expect(point).toMatchObject({ name: 'Mall kiosk', active: true });
    const renamed = await app.gql(
      UPSERT_POINT,
      { input: { id: point.id, name: 'Mall kiosk, 2nd floor', address: 'Moscow, Tverskaya 5' } },
      who.manager,
    );
    expect(renamed.data!.upsertPickupPoint.name).toBe('Mall kiosk, 2nd floor');
    expect((await app.gql(ARCHIVE_POINT, { id: point.id }, who.manager)).data!.archivePickupPoint).toEqual({
      id: point.id,
      active: false,
    });

    const zone = (
      await app.gql(
        UPSERT_ZONE,
        { input: { name: 'Suburbs', feeMinor: 120_000, description: 'Beyond MKAD' } },
        who.manager,
      )
    ).data!.upsertDeliveryZone;
    expect(zone).toMatchObject({ name: 'Suburbs', fee: { amountMinor: 120_000 }, active: true });
    const cheaper = await app.gql(
      UPSERT_ZONE,
      { input: { id: zone.id, name: 'Suburbs', feeMinor: 100_000 } },
      who.manager,
    );
    expect(cheaper.data!.upsertDeliveryZone).toMatchObject({
      fee: { amountMinor: 100_000 },
      description: null,
    });
    expect((await app.gql(ARCHIVE_ZONE, { id: zone.id }, who.manager)).data!.archiveDeliveryZone.active).toBe(
      false,
    );
    const before = await snapshot();
    const negative = await app.gql(UPSERT_ZONE, { input: { name: 'Free', feeMinor: -1 } }, who.manager);
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.feeMinor',
    });
    expect(await snapshot()).toEqual(before);
    expect(await auditedActions(since)).toEqual(
      expect.arrayContaining([
        'upsertPickupPoint',
        'archivePickupPoint',
        'upsertDeliveryZone',
        'archiveDeliveryZone',
      ]),
    );
  });

  test('rules: time zone (IANA, stored as Intl spells it), cut-off and card text limit; a bad zone changes nothing', async () => {
    const since = new Date();
    const before = await snapshot();
    const bad = await app.gql(
      RULES,
      { input: { timezone: 'Mars/Olympus', cardTextMaxLength: 100 } },
      who.manager,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
    expect(await snapshot()).toEqual(before);
    const set = await app.gql(
      RULES,
      { input: { timezone: 'europe/berlin', sameDayCutoffMinutes: null, cardTextMaxLength: 100 } },
      who.admin,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.updateCheckoutRules).toEqual({
      timezone: 'Europe/Berlin',
      sameDayCutoffMinutes: null,
      cardTextMaxLength: 100,
    });
    // Omitted fields stay.
    const cutOff = await app.gql(RULES, { input: { sameDayCutoffMinutes: 15 * 60 } }, who.manager);
    expect(cutOff.data!.updateCheckoutRules).toEqual({
      timezone: 'Europe/Berlin',
      sameDayCutoffMinutes: 900,
      cardTextMaxLength: 100,
    });
    expect(await auditedActions(since)).toEqual(['updateCheckoutRules', 'updateCheckoutRules']);
  });
});

describe('settings mutations are refused to florists and customers', () => {
  test('every one answers FORBIDDEN and changes nothing', async () => {
    const settings = (await app.gql(SETTINGS, {}, who.manager)).data!.checkoutSettings;
    const slotId = settings.slots[0].id;
    const pointId = settings.pickupPoints[0].id;
    const zoneId = settings.zones[0].id;
    const closure = settings.closures[0].date;
    const attempts: [string, Record<string, unknown>][] = [
      [UPSERT_SLOT, { input: { weekday: 2, startMinutes: 60, endMinutes: 120, capacity: 1 } }],
      [UPSERT_SLOT, { input: { id: slotId, weekday: 1, startMinutes: 60, endMinutes: 120, capacity: 99 } }],
      [DELETE_SLOT, { id: slotId }],
      [ADD_CLOSURE, { date: '2031-01-01' }],
      [REMOVE_CLOSURE, { date: closure }],
      [UPSERT_POINT, { input: { name: 'Mine', address: 'Here' } }],
      [ARCHIVE_POINT, { id: pointId }],
      [UPSERT_ZONE, { input: { name: 'Mine', feeMinor: 0 } }],
      [ARCHIVE_ZONE, { id: zoneId }],
      [RULES, { input: { cardTextMaxLength: 1 } }],
    ];
    const before = await snapshot();
    for (const role of ['florist', 'customer'])
      for (const [mutation, variables] of attempts) {
        const refused = await app.gql(mutation, variables, who[role]);
        expect(refused.errors?.[0]?.extensions?.code, `${role}: ${mutation}`).toBe('FORBIDDEN');
      }
    expect(await snapshot()).toEqual(before);
  });
});
