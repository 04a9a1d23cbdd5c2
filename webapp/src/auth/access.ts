import type { Membership, ShopAccess } from './session';

/** A staff role in a shop. */
export type Role = Membership['role'];

/** What someone is in the active shop: a staff role, or a customer. */
export type ShopRole = ShopAccess['role'];

/** Staff roles from the most to the least rights: the order the team page offers them in. */
export const roles = ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'] as const satisfies readonly Role[];

/**
 * The shop's back-office sections and who may open them, as the server allows their queries
 * (server/schema.graphql: `staff`, `invites` and `auditLog` for admins and managers, `apiKeys` for admins).
 */
export const sectionRoles = {
  // The staff board: a customer's orders are under /my/orders, without the staff's filters and names.
  orders: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'],
  team: ['ADMIN', 'MANAGER'],
  audit: ['ADMIN', 'MANAGER'],
  apiKeys: ['ADMIN'],
  // Customer (issue 12): the catalog, cart and checkout, and the customer's own orders and subscription.
  shop: ['CUSTOMER'],
  myOrders: ['CUSTOMER'],
  // Orders and production (issue 13): productionQueue's and createOrder's staff.
  production: ['ADMIN', 'MANAGER', 'FLORIST'],
  newOrder: ['ADMIN', 'MANAGER'],
  // The courier's day (issue 12): myDeliveries answers the calling courier's own.
  courier: ['COURIER'],
  // Back office (issue 13): the server opens stock, catalog, customers, checkout settings, subscriptions
  // and the dashboard's figures to admins and managers.
  stock: ['ADMIN', 'MANAGER'],
  catalog: ['ADMIN', 'MANAGER'],
  customers: ['ADMIN', 'MANAGER'],
  checkoutSettings: ['ADMIN', 'MANAGER'],
  subscriptions: ['ADMIN', 'MANAGER'],
  dashboard: ['ADMIN', 'MANAGER'],
} as const satisfies Record<string, readonly ShopRole[]>;

export type Section = keyof typeof sectionRoles;

export function canOpen(section: Section, role: ShopRole | undefined): boolean {
  return role !== undefined && (sectionRoles[section] as readonly ShopRole[]).includes(role);
}

/**
 * The roles someone may invite, as the server decides (createInvite): admins any, managers all but
 * admin, everyone else none.
 */
export function invitableRoles(role: ShopRole | undefined): Role[] {
  if (role === 'ADMIN') return [...roles];
  if (role === 'MANAGER') return roles.filter((invited) => invited !== 'ADMIN');
  return [];
}

/** Only admins change roles and remove people (changeStaffRole, removeStaffMember). */
export function canManageStaff(role: ShopRole | undefined): boolean {
  return role === 'ADMIN';
}

/**
 * Where someone lands after signing in and at `/`: a customer in the shop's catalog, a courier on the day's
 * deliveries, a florist in the production queue, everyone else on the order board.
 */
export function homePath(role: ShopRole | undefined): string {
  switch (role) {
    case 'CUSTOMER':
      return '/shop';
    case 'COURIER':
      return '/courier';
    case 'FLORIST':
      return '/production';
    default:
      return '/orders';
  }
}
