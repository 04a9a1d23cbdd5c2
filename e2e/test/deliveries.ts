import { apiSession, manager } from './journeys.js';

/** The demo shop's courier (prisma/src/seed.ts), by the name the staff list shows. */
const courier = { name: 'Kirill Courier' };

import type { E2eServer } from './server.js';

/** The demo shop's clock (prisma/src/seed.ts): "today" of the courier's list is its today. */
const shopTimeZone = 'Europe/Moscow';

/** Today on the shop's clock, as YYYY-MM-DD (the Canadian English format is ISO's order). */
export function shopToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: shopTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A small PNG (32×24): a proof photo the server can decode and re-encode. */
export const proofPhoto = {
  name: 'handover.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAACAAAAAYCAIAAAAUMWhjAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAMElEQVRIiWM4EVBBU8QwakHAaBBVjKaiE6MZrWK0qDgxWpoGjFY4J0arzIDB3aoAAHjmsD07gVtTAAAAAElFTkSuQmCC',
    'base64',
  ),
};

type Gql = Awaited<ReturnType<typeof apiSession>>;

async function must<T>(gql: Gql, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<T>(query, variables);
  if (result.errors || !result.data) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/**
 * A delivery of today for the demo courier, as a manager makes one through the API: created in today's
 * last slot (its rules overridden: the slot may be past or full), confirmed, made, READY, and given
 * to the courier with assignCourier. Answers its global id and number.
 */
export async function deliveryForCourier(server: E2eServer, cardText: string) {
  const gql = await apiSession(server, manager);
  const date = shopToday();
  const { availableSlots } = await must<{ availableSlots: { slotId: string; windowEnd: string }[] }>(
    gql,
    'query ($date: String!) { availableSlots(date: $date) { slotId windowEnd } }',
    { date },
  );
  // The day's last slot: its window is the likeliest to be still open, as sharing the position needs.
  const slot = availableSlots.toSorted((a, b) => b.windowEnd.localeCompare(a.windowEnd))[0];
  if (!slot) throw new Error(`The demo shop has no slot on ${date}`);
  const { products } = await must<{ products: { edges: { node: { id: string } }[] } }>(
    gql,
    'query { products(first: 1, activeOnly: true) { edges { node { id } } } }',
  );
  const { customers } = await must<{ customers: { edges: { node: { id: string } }[] } }>(
    gql,
    'query { customers(first: 1, search: "Chris") { edges { node { id } } } }',
  );
  const created = await must<{
    createOrder: { __typename: string; data?: { id: string; number: number; version: number } };
  }>(
    gql,
    `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
      __typename ... on MutationCreateOrderSuccess { data { id number version } } } }`,
    {
      input: {
        customerId: customers.edges[0]?.node.id,
        items: [{ productId: products.edges[0]?.node.id, quantity: 1 }],
        fulfillment: 'DELIVERY',
        deliveryAddress: 'Tverskaya 7, Moscow',
        recipient: { name: 'Rita Recipient', phone: '+7 900 000-00-07' },
        cardText,
        slot: { slotId: slot.slotId, date },
        overrideSlotRules: true,
      },
    },
  );
  if (!created.createOrder.data) throw new Error(`createOrder: ${created.createOrder.__typename}`);
  let order = created.createOrder.data;
  for (const to of ['CONFIRMED', 'IN_PRODUCTION', 'READY']) {
    const moved = await must<{ changeOrderStatus: { __typename: string; data?: { version: number } } }>(
      gql,
      `mutation ($id: ID!, $version: Int!, $to: OrderStatus!) { changeOrderStatus(id: $id, version: $version, to: $to) {
        __typename ... on MutationChangeOrderStatusSuccess { data { version } } } }`,
      { id: order.id, version: order.version, to },
    );
    if (!moved.changeOrderStatus.data) throw new Error(`to ${to}: ${moved.changeOrderStatus.__typename}`);
    order = { ...order, version: moved.changeOrderStatus.data.version };
  }
  const { staff } = await must<{ staff: { role: string; user: { id: string; name: string } }[] }>(
    gql,
    'query { staff { role user { id name } } }',
  );
  const courierId = staff.find((member) => member.role === 'COURIER' && member.user.name === courier.name)
    ?.user.id;
  const assigned = await must<{ assignCourier: { __typename: string } }>(
    gql,
    `mutation ($orderId: ID!, $courierId: ID, $version: Int!) {
      assignCourier(orderId: $orderId, courierId: $courierId, version: $version) { __typename } }`,
    { orderId: order.id, courierId, version: order.version },
  );
  if (assigned.assignCourier.__typename !== 'MutationAssignCourierSuccess') {
    throw new Error(`assignCourier: ${assigned.assignCourier.__typename}`);
  }
  return { id: order.id, number: order.number, manager: gql };
}

/** The order's status, its delivery and how many history entries each step left, as a manager reads them. */
export async function deliveryHistory(gql: Gql, orderId: string) {
  const { order } = await must<{
    order: {
      status: string;
      delivery: {
        status: string;
        pickedUpAt: string | null;
        enRouteAt: string | null;
        deliveredAt: string | null;
        proof: { id: string } | null;
      } | null;
      events: { fromStatus: string | null; toStatus: string }[];
    };
  }>(
    gql,
    `query ($id: ID!) { order(id: $id) { status
      delivery { status pickedUpAt enRouteAt deliveredAt proof { id } }
      events { fromStatus toStatus } } }`,
    { id: orderId },
  );
  // Keyed "from→to": the step "on my way" is an entry of its own that keeps the order OUT_FOR_DELIVERY.
  const steps: Record<string, number> = {};
  for (const event of order.events) {
    const step = `${event.fromStatus ?? ''}→${event.toStatus}`;
    steps[step] = (steps[step] ?? 0) + 1;
  }
  return { status: order.status, delivery: order.delivery, steps };
}

/** The handover code the server queued for the recipient (the bot would send it), from the outbox. */
export async function handoverCode(server: E2eServer, orderGlobalId: string): Promise<string> {
  const orderId = Buffer.from(orderGlobalId, 'base64url').toString('utf8').split(':')[1];
  const rows = await server.prisma.notification.findMany({
    where: { kind: 'HANDOVER_CODE' },
    orderBy: { createdAt: 'desc' },
  });
  const row = rows.find((notification) => (notification.payload as { orderId?: string }).orderId === orderId);
  const code = (row?.payload as { code?: string } | undefined)?.code;
  if (!code) throw new Error('No handover code was queued for the order');
  return code;
}

/** Where the manager sees the order's courier, or null. */
export async function courierPositionOf(gql: Gql, orderId: string) {
  const { order } = await must<{
    order: { courierPosition: { latitude: number; longitude: number } | null };
  }>(gql, 'query ($id: ID!) { order(id: $id) { courierPosition { latitude longitude } } }', { id: orderId });
  return order.courierPosition;
}
