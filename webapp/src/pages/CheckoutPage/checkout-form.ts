import type { VariablesOf } from 'gql.tada';
import type { CartLine } from '../../features/cart/cart-lines';
import type { PlaceOrderMutation } from './checkout.documents';

export type OrderInput = VariablesOf<typeof PlaceOrderMutation>['input'];

/** What the customer filled in at checkout. */
export interface CheckoutForm {
  fulfillment: 'DELIVERY' | 'PICKUP';
  /** The order is for the customer: their own name and phone go as the recipient's. */
  forMe: boolean;
  /** The customer's own name (from their account) and phone, for `forMe`. */
  ownName: string;
  ownPhone: string;
  recipientName: string;
  recipientPhone: string;
  address: string;
  zoneId: string;
  pickupPointId: string;
  date: string;
  slotId: string;
  cardText: string;
  anonymous: boolean;
  instructions: string;
}

export type CheckoutField =
  | 'ownPhone'
  | 'recipientName'
  | 'recipientPhone'
  | 'address'
  | 'pickupPointId'
  | 'slotId'
  | 'cardText';

/** A phone number as people write it: digits with spaces, dashes, brackets and a leading +; 7 digits at least. */
export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return /^\+?[\d\s()-]+$/.test(value.trim()) && digits.length >= 7 && digits.length <= 15;
}

/** The fields that stop the order, each once; empty when it can be sent. */
export function checkoutProblems(form: CheckoutForm, cardTextMaxLength: number): CheckoutField[] {
  const problems: CheckoutField[] = [];
  if (!isPhone(form.ownPhone)) problems.push('ownPhone');
  if (!form.forMe && form.recipientName.trim() === '') problems.push('recipientName');
  if (!form.forMe && !isPhone(form.recipientPhone)) problems.push('recipientPhone');
  if (form.fulfillment === 'DELIVERY' && form.address.trim() === '') problems.push('address');
  if (form.fulfillment === 'PICKUP' && form.pickupPointId === '') problems.push('pickupPointId');
  if (form.slotId === '') problems.push('slotId');
  if (form.cardText.length > cardTextMaxLength) problems.push('cardText');
  return problems;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * createOrder's input for the form and the cart. The recipient is always named (the courier calls them):
 * the customer themself for `forMe`. The key makes a retry after a lost answer the same order.
 */
export function orderInput(
  form: CheckoutForm,
  lines: readonly CartLine[],
  idempotencyKey: string,
): OrderInput {
  const delivery = form.fulfillment === 'DELIVERY';
  return {
    fulfillment: form.fulfillment,
    items: lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    recipient: form.forMe
      ? { name: form.ownName.trim() || form.recipientName.trim(), phone: form.ownPhone.trim() }
      : { name: form.recipientName.trim(), phone: form.recipientPhone.trim() },
    deliveryAddress: delivery ? form.address.trim() : null,
    deliveryZoneId: delivery ? orNull(form.zoneId) : null,
    pickupPointId: delivery ? null : orNull(form.pickupPointId),
    slot: { date: form.date, slotId: form.slotId },
    cardText: orNull(form.cardText),
    anonymousSender: form.anonymous,
    instructions: orNull(form.instructions),
    idempotencyKey,
  };
}

/** Today in the shop's time zone, as YYYY-MM-DD (what availableSlots and SlotChoiceInput take). */
export function shopToday(timeZone: string | undefined, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
