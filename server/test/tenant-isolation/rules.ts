import type { Context } from '../../src/context.js';
import type { ShopArea } from '../../src/features/live/shop-changes.js';
import { type SecondShop, SHOP_B_MARKER } from '../fixtures/second-shop.js';

/*
 * The rules of the tenant-isolation suite: extend these when a new field needs one. When the suite
 * cannot build an operation for a field, its coverage guard fails and names the rule to add here.
 */

/**
 * `<prefix>Id` / `<prefix>Ids` names whose prefix is not a Prisma model or GraphQL type name. A model
 * name, or 'any' for "any of shop B's objects" (the case is repeated with each node type).
 */
export const ID_NAME_RULES: Record<string, string> = {
  actor: 'User',
  acceptedBy: 'User',
  courier: 'User',
  createdBy: 'User',
  florist: 'User',
  member: 'User',
  receivedBy: 'User',
  staff: 'User',
  uploadedBy: 'User',
  batch: 'StockBatch',
  task: 'ProductionTask',
  photo: 'File',
  zone: 'DeliveryZone',
  slot: 'DeliverySlot',
  photoFile: 'File',
  proof: 'File',
  proofFile: 'File',
  proofPhoto: 'File',
  address: 'CustomerAddress',
  keep: 'Customer',
  merge: 'Customer',
  node: 'any',
  target: 'any',
};

/**
 * Mutations that name no object of a shop (or only one chosen by a secret, like an invite token), so
 * they cannot be expected to fail; each says why. They still run as every role of shop A, must reveal
 * nothing of shop B and must not change shop B.
 */
export const MUTATIONS_WITHOUT_SHOP_TARGET: Record<string, string> = {
  setCourierAssignment:
    'sets a setting of the active shop only; choosing shop B needs X-Shop-Id, which the X-Shop-Id test refuses',
  loginWithPassword: 'signs a person in by email and password; no shop is involved',
  loginWithCode: 'signs a person in with a code sent to their Telegram; no shop is involved',
  loginWithTelegram:
    'signs in from the Mini App; its shopId makes the caller a customer of that shop by design (any shop’s ' +
    'deep link works), and it fails here because the initData placeholder is not signed',
  requestLoginCode: 'sends a code to whoever owns the email; always answers true',
  refreshSession: 'trades the caller’s own refresh token',
  logout: 'ends the caller’s own session',
  logoutEverywhere: 'ends the caller’s own sessions',
  acceptInvite: 'joins the shop an invite token belongs to; the token is the secret, not an id',
  claimCustomerLink:
    'becomes the customer record a link token belongs to; the token is the secret, not an id',
  createInvite:
    'creates in the active shop only; choosing shop B needs X-Shop-Id, which the X-Shop-Id test refuses',
  createApiKey:
    'creates in the active shop only; choosing shop B needs X-Shop-Id, which the X-Shop-Id test refuses',
  createCategory:
    'creates in the active shop only; choosing shop B needs X-Shop-Id, which the X-Shop-Id test refuses',
  createStockItem:
    'creates in the active shop only; choosing shop B needs X-Shop-Id, which the X-Shop-Id test refuses',
  writeOffExpired: 'writes off the active shop’s expired batches only; it names no object',
  createCustomer:
    'creates in the active shop only; choosing shop B needs X-Shop-Id, which the X-Shop-Id test refuses',
  addShopClosure: 'closes a local date of the active shop only; it names a date, not an object',
  removeShopClosure: 'opens a local date of the active shop only; it names a date, not an object',
  updateCheckoutRules: 'changes the active shop’s own rules (time zone, cut-off, card text limit) only',
  uploadImage:
    'stores in the active shop only; choosing shop B needs X-Shop-Id, which the X-Shop-Id test refuses',
  giveLocationConsent: 'records the caller’s own consent in the active shop only; it names no object',
  withdrawLocationConsent: 'withdraws the caller’s own consent in the active shop only; it names no object',
};

/**
 * How to make something happen in shop B that a subscription field would report, published on the
 * running app's own pub/sub (Redis when REDIS_URL is set).
 */
const publishShopBOrders = (b: SecondShop, pubsub: Context['pubsub']) => {
  for (const orderId of b.ids.Order ?? []) pubsub.publish('order:changed', b.shopId, { orderId, version: 2 });
};

export const SUBSCRIPTION_TRIGGERS: Record<string, (b: SecondShop, pubsub: Context['pubsub']) => void> = {
  orderUpdated: publishShopBOrders,
  // The live feeds (features/live) of shop B's orders.
  shopOrderChanged: publishShopBOrders,
  myOrderChanged: publishShopBOrders,
  myDeliveryChanged: publishShopBOrders,
  productionTaskChanged: (b, pubsub) => {
    for (const taskId of b.ids.ProductionTask ?? [])
      pubsub.publish('production:changed', b.shopId, { taskId });
  },
  courierPositionChanged: (b, pubsub) => {
    for (const orderId of b.ids.Order ?? [])
      pubsub.publish('courier:position', orderId, { orderId, positionId: null });
  },
  // Shop B's changes must not tick shop A's dashboard (nor carry shop B's figures).
  dashboardTick: (b, pubsub) => {
    for (const orderId of b.ids.Order ?? [])
      pubsub.publish('order:changed', b.shopId, { orderId, version: 2 });
    for (const taskId of b.ids.ProductionTask ?? [])
      pubsub.publish('production:changed', b.shopId, { taskId });
    publishShopBChanges('stockItem', 'StockItem')(b, pubsub);
  },
  // The live back-office lists (features/live/shop-changes.ts) of shop B's rows.
  stockItemChanged: publishShopBChanges('stockItem', 'StockItem'),
  productChanged: publishShopBChanges('product', 'Product'),
  customerChanged: publishShopBChanges('customer', 'Customer'),
  subscriptionChanged: publishShopBChanges('subscription', 'Subscription'),
};

/** Shop B's rows of one live list announced as changed, as its services announce them. */
function publishShopBChanges(area: ShopArea, model: string) {
  return (b: SecondShop, pubsub: Context['pubsub']) => {
    for (const id of b.ids[model] ?? []) pubsub.publish('shop:changed', b.shopId, { area, id });
  };
}

/** Placeholders for String arguments and input fields, by name; the first match wins. */
export const STRING_PLACEHOLDERS: [RegExp, string][] = [
  [/^(search|query|term|q)$/i, SHOP_B_MARKER],
  [/^date$/i, '2030-01-07'],
  // A report's period (ReportPeriodInput): a valid one, so the reports run and are checked for leaks.
  [/^from$/i, '2030-01-01'],
  [/^to$/i, '2030-02-01'],
  [/email/i, 'nobody@isolation.test'],
  [/phone/i, '+79990001122'],
  [/password/i, 'not-the-password'],
  [/code$/i, '000000'],
  [/token/i, 'isolation-probe-token-0123456789'],
  [/initData/i, 'auth_date=0&hash=00'],
  [/locale|language/i, 'en'],
  [/currency/i, 'EUR'],
  [/timezone/i, 'Europe/Berlin'],
  [/url/i, 'https://isolation.test/'],
  [/slug/i, 'isolation-probe'],
];

/** Errors a mutation naming shop B's object may answer with. */
export const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT']);
