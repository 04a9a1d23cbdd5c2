// What the courier location tests build: delivery orders made and moved through the real mutations
// (createOrder, changeOrderStatus), with their courier and window written straight into the database while
// the delivery flow (assignment) is built elsewhere; couriers and customers who sign in; consent and reports
// through the real GraphQL.
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.js';
import { decodeGlobalId } from '../../graphql/global-id.js';
import { COURIER, createOrder, type OrderRef, step } from '../production/production-test-fixtures.js';

export {
  addCustomer,
  bouquetOf,
  COURIER,
  FLORIST,
  MANAGER,
  step,
} from '../production/production-test-fixtures.js';

const MINUTE = 60_000;

export const REPORT = `mutation($orderId: ID!, $latitude: Float!, $longitude: Float!, $accuracyMeters: Float, $recordedAt: DateTime) {
  reportCourierPosition(orderId: $orderId, latitude: $latitude, longitude: $longitude,
    accuracyMeters: $accuracyMeters, recordedAt: $recordedAt) {
    __typename
    ... on DomainError { message }
    ... on DeliveryNotOnTheWay { status }
    ... on LocationSharingEnded { endedAt }
    ... on MutationReportCourierPositionSuccess { data { id latitude longitude accuracyMeters recordedAt } }
  } }`;
export const GIVE = 'mutation { giveLocationConsent { id givenAt withdrawnAt active } }';
export const WITHDRAW = 'mutation { withdrawLocationConsent { id givenAt withdrawnAt active } }';
export const POSITION = `query($id: ID!) { order(id: $id) { id status
  courierPosition { latitude longitude accuracyMeters recordedAt ageSeconds } } }`;

export const rowIdOf = (globalId: string) => decodeGlobalId(globalId).id;

/** Couriers besides the seeded one are made as the delivery tests make them. */
export { addCourier } from '../delivery/delivery-test-fixtures.js';

export const demoCourierId = async (app: TestApp) =>
  (await app.prisma.user.findUniqueOrThrow({ where: { email: COURIER }, select: { id: true } })).id;

/**
 * A delivery order of `customerId` made ready by the manager, given to `courierId` (the demo courier by
 * default) and a window (by default one open now: started 30 minutes ago, ending in an hour), then sent out
 * for delivery through changeOrderStatus unless `out` is false.
 */
export async function deliveryOnTheWay(
  app: TestApp,
  manager: Record<string, string>,
  input: {
    productId: string;
    customerId: string;
    courierId?: string;
    window?: { start: Date; end: Date } | null;
    out?: boolean;
  },
): Promise<OrderRef> {
  let order = await createOrder(app, manager, {
    productId: input.productId,
    customerId: input.customerId,
    fulfillment: 'DELIVERY',
  });
  for (const to of ['CONFIRMED', 'IN_PRODUCTION', 'READY']) {
    const answer = await step(app, manager, order, to);
    expect(answer.__typename).toBe('MutationChangeOrderStatusSuccess');
    order = answer.data;
  }
  const now = Date.now();
  const window =
    input.window === undefined
      ? { start: new Date(now - 30 * MINUTE), end: new Date(now + 60 * MINUTE) }
      : input.window;
  await app.prisma.order.update({
    where: { id: rowIdOf(order.id) },
    data: {
      courierId: input.courierId ?? (await demoCourierId(app)),
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
    },
  });
  if (input.out === false) return order;
  const out = await step(app, manager, order, 'OUT_FOR_DELIVERY');
  expect(out.__typename).toBe('MutationChangeOrderStatusSuccess');
  return out.data;
}

/** A report of `headers`' viewer for the order, at a spot in Moscow by default. */
export async function report(
  app: TestApp,
  headers: Record<string, string>,
  orderId: string,
  fix: { latitude?: number; longitude?: number; accuracyMeters?: number; recordedAt?: Date } = {},
) {
  const result = await app.gql(
    REPORT,
    {
      orderId,
      latitude: fix.latitude ?? 55.7558,
      longitude: fix.longitude ?? 37.6173,
      accuracyMeters: fix.accuracyMeters,
      recordedAt: fix.recordedAt?.toISOString(),
    },
    headers,
  );
  return result;
}

/** The positions stored for an order (by its global id), oldest first. */
export const storedPositions = (app: TestApp, orderId: string) =>
  app.prisma.courierPosition.findMany({
    where: { orderId: rowIdOf(orderId) },
    orderBy: { recordedAt: 'asc' },
  });
