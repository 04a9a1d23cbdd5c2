export const orderStatuses = [
  'NEW',
  'CONFIRMED',
  'IN_PRODUCTION',
  'READY',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'PICKED_UP',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const staffRoles = ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** What each notification carries. Dates are ISO 8601 strings, as they come out of the outbox's JSON. */
export interface NotificationPayloads {
  LOGIN_CODE: { code: string; expiresInMinutes: number };
  ORDER_STATUS_CHANGED: {
    orderId: string;
    orderNumber: string | number;
    status: OrderStatus;
    shopName: string;
  };
  ORDER_ASSIGNED: { orderId: string; orderNumber: string | number; role: 'FLORIST' | 'COURIER' };
  /** `link` opens the invitation: a Mini App URL (opened as a web app) or any other http(s)/tg link. */
  INVITE: { shopName: string; role: StaffRole; link: string };
  SUBSCRIPTION_ENDING: { subscriptionId: string; validUntil: string; shopName: string };
  /** `unit` is shown as given (e.g. "stems"); translate it before queuing if it is a code. */
  BATCH_EXPIRING: { stockItemName: string; quantity: number; unit: string; expiresAt: string };
  DELIVERY_WINDOW_AT_RISK: { orderId: string; orderNumber: string | number; windowEnd: string };
  /**
   * The shop asks the customer to approve their bouquet's photo; `taskId` names the production task whose
   * photo it is, `photoFileId` the photo shown (the outbox sends it with the message, the text its caption).
   */
  BOUQUET_APPROVAL_REQUESTED: {
    orderId: string;
    orderNumber: string | number;
    shopName: string;
    taskId: string;
    /** The uploaded File; absent in requests queued before photos were sent (the task's photo then). */
    photoFileId?: string;
  };
  /**
   * The order is out for delivery; whoever receives it tells the courier `code`. To the RECIPIENT (when
   * their phone is a customer of the shop with Telegram) or else to the CUSTOMER who ordered.
   * `senderName` is who sent the flowers, for the recipient; null for an anonymous order, which must not
   * name them.
   */
  HANDOVER_CODE: {
    orderId: string;
    orderNumber: string | number;
    shopName: string;
    code: string;
    audience: 'RECIPIENT' | 'CUSTOMER';
    senderName: string | null;
  };
  /**
   * A customer's important date (a birthday, an anniversary) is coming: order flowers in `shopSlug`'s catalog.
   * `date` is the calendar day of this year's occurrence, `YYYY-MM-DD` (no time, no zone).
   */
  IMPORTANT_DATE_COMING: {
    importantDateId: string;
    title: string;
    date: string;
    shopName: string;
    shopSlug: string;
  };
}

export type NotificationKind = keyof NotificationPayloads;

/** A notification as queued: its kind and that kind's payload. */
export type Notification = {
  [K in NotificationKind]: { kind: K; payload: NotificationPayloads[K] };
}[NotificationKind];
