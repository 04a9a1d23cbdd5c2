import type { CombinedError } from '@urql/core';
import type { ResultOf, VariablesOf } from 'gql.tada';
import type { MessageKey } from '../../i18n/messages';
import type { CreateOrderMutation } from './new-order.documents';

export type CreateOrderInput = VariablesOf<typeof CreateOrderMutation>['input'];
export type CreateOrderRefusal = Exclude<
  ResultOf<typeof CreateOrderMutation>['createOrder'],
  { __typename: 'MutationCreateOrderSuccess' }
>;

/** The form's fields, each one place where its error shows. */
export type NewOrderField =
  | 'customer'
  | 'items'
  | 'slot'
  | 'deliveryAddress'
  | 'pickupPointId'
  | 'cardText'
  | 'form';

/** What the manager filled in. */
export interface NewOrderDraft {
  customerId: string | undefined;
  quantities: Readonly<Record<string, number>>;
  fulfillment: 'DELIVERY' | 'PICKUP';
  recipientName: string;
  recipientPhone: string;
  deliveryAddress: string;
  deliveryZoneId: string;
  pickupPointId: string;
  date: string;
  slotId: string;
  cardText: string;
}

/**
 * The createOrder input of a draft, or the field to fix first. The server checks everything again
 * (and answers the same fields); this only spares a round trip for what is plainly missing.
 */
export function createOrderInput(
  draft: NewOrderDraft,
  idempotencyKey: string,
): { input: CreateOrderInput } | { field: NewOrderField; message: MessageKey } {
  if (!draft.customerId) return { field: 'customer', message: 'newOrder.error.customer' };
  const items = Object.entries(draft.quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([productId, quantity]) => ({ productId, quantity }));
  if (items.length === 0) return { field: 'items', message: 'newOrder.error.items' };
  const delivery = draft.fulfillment === 'DELIVERY';
  if (delivery && !draft.deliveryAddress.trim())
    return { field: 'deliveryAddress', message: 'newOrder.error.address' };
  const name = draft.recipientName.trim();
  const phone = draft.recipientPhone.trim();
  return {
    input: {
      customerId: draft.customerId,
      fulfillment: draft.fulfillment,
      items,
      idempotencyKey,
      ...(name && phone ? { recipient: { name, phone } } : {}),
      ...(delivery
        ? { deliveryAddress: draft.deliveryAddress.trim(), deliveryZoneId: draft.deliveryZoneId || null }
        : { pickupPointId: draft.pickupPointId || null }),
      // A manager may leave the time to be agreed.
      ...(draft.slotId ? { slot: { date: draft.date, slotId: draft.slotId } } : {}),
      ...(draft.cardText.trim() ? { cardText: draft.cardText.trim() } : {}),
    },
  };
}

/** Where a refusal of createOrder belongs in the form. */
export const refusalFields: Record<CreateOrderRefusal['__typename'], NewOrderField> = {
  SlotUnavailable: 'slot',
  InsufficientStock: 'items',
  IdempotencyKeyReused: 'form',
};

export const createOrderRefusalMessages: Record<CreateOrderRefusal['__typename'], MessageKey> = {
  SlotUnavailable: 'newOrder.refused.slot',
  InsufficientStock: 'newOrder.refused.stock',
  IdempotencyKeyReused: 'newOrder.refused.idempotency',
};

const serverFields: Record<string, NewOrderField> = {
  customerId: 'customer',
  items: 'items',
  slot: 'slot',
  date: 'slot',
  deliveryAddress: 'deliveryAddress',
  pickupPointId: 'pickupPointId',
  cardText: 'cardText',
};

/** The field a BAD_USER_INPUT names (`extensions.field`), so its message shows beside it. */
export function errorField(error: CombinedError | undefined): NewOrderField | undefined {
  if (!error) return undefined;
  const field = error.graphQLErrors[0]?.extensions?.field;
  return typeof field === 'string' ? (serverFields[field] ?? 'form') : 'form';
}

/** Today in the shop's time zone, as YYYY-MM-DD (the form's first date). */
export function localToday(timeZone: string | undefined, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
