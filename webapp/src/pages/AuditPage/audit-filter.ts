/**
 * Every mutation the server audits (it audits them all: server/src/features/audit/audit.service.ts),
 * as the audit log names them. audit-filter.test.ts checks this list against server/schema.graphql, so
 * a new mutation shows up here (and gets a label in both dictionaries) before it shows up unnamed.
 */
export const auditActions = [
  'createInvite',
  'revokeInvite',
  'acceptInvite',
  'changeStaffRole',
  'removeStaffMember',
  'createApiKey',
  'revokeApiKey',
  'loginWithPassword',
  'loginWithCode',
  'loginWithTelegram',
  'requestLoginCode',
  'refreshSession',
  'logout',
  'logoutEverywhere',
  'createOrder',
  'updateOrder',
  'changeOrderStatus',
  'cancelOrder',
  'markOrderPaid',
  'markOrderRefunded',
  'refundOrderPayment',
  'createOrderInvoiceLink',
  'createProduct',
  'updateProduct',
  'archiveProduct',
  'createCategory',
  'updateCategory',
  'archiveCategory',
  'createStockItem',
  'updateStockItem',
  'archiveStockItem',
  'receiveSupply',
  'writeOff',
  'writeOffExpired',
  'createCustomer',
  'updateCustomer',
  'deleteCustomer',
  'mergeCustomers',
  'createCustomerLink',
  'claimCustomerLink',
  'addCustomerAddress',
  'updateCustomerAddress',
  'removeCustomerAddress',
  'addImportantDate',
  'updateImportantDate',
  'removeImportantDate',
  'createSubscription',
  'pauseSubscription',
  'resumeSubscription',
  'cancelSubscription',
  'renewSubscription',
  'renewSubscriptionByTerm',
  'upsertDeliverySlot',
  'deleteDeliverySlot',
  'addShopClosure',
  'removeShopClosure',
  'upsertPickupPoint',
  'archivePickupPoint',
  'upsertDeliveryZone',
  'archiveDeliveryZone',
  'updateCheckoutRules',
  'uploadImage',
  'addProductPhoto',
  'removeProductPhoto',
  'reorderProductPhotos',
  'takeProductionTask',
  'assignProductionTask',
  'releaseProductionTask',
  'finishProductionTask',
  'requestBouquetApproval',
  'approveBouquet',
  'rejectBouquet',
  'setCourierAssignment',
  'assignCourier',
  'takeDelivery',
  'releaseDelivery',
  'pickUpDelivery',
  'startDeliveryRoute',
  'completeDelivery',
  'failDelivery',
  'attachDeliveryProof',
  'approveDeliveryWithoutCode',
  'giveLocationConsent',
  'withdrawLocationConsent',
  'reportCourierPosition',
  'resendNotification',
] as const;

export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

/** The audit page's filter as it lives in the URL (`?action=createInvite`). */
export interface AuditSearch {
  action: AuditAction | null;
}

type QueryValue = string | string[] | undefined;

/** Reads the filter from the URL's query; an action the app does not know is dropped. */
export function parseAuditSearch(query: { action?: QueryValue }): AuditSearch {
  const action = (Array.isArray(query.action) ? query.action[0] : query.action) ?? '';
  return { action: isAuditAction(action) ? action : null };
}

/** The `filter` argument of `auditLog`, leaving out what is not set. */
export function auditFilter(search: AuditSearch): { action?: string } {
  return search.action ? { action: search.action } : {};
}

/**
 * The `changes` column pretty-printed (two-space JSON), or null when there is nothing to show (no
 * changes, an empty object). Text that is not JSON is shown as it came.
 */
export function prettyChanges(changes: string | null | undefined): string | null {
  if (!changes) return null;
  try {
    const value: unknown = JSON.parse(changes);
    if (value === null || (typeof value === 'object' && Object.keys(value).length === 0)) return null;
    return JSON.stringify(value, null, 2);
  } catch {
    return changes;
  }
}
