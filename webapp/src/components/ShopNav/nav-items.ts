import { canOpen, type Section, type ShopRole } from '../../auth/access';
import type { MessageKey } from '../../i18n/messages';
import { href } from '../../route-paths';

export interface NavItem {
  section: Section;
  href: string;
  label: MessageKey;
}

/** The shop's sections in the bottom bar, in this order (it scrolls sideways when they do not fit). */
export const navItems: readonly NavItem[] = [
  // The day's work first, for each role: the board, production, deliveries; a customer's shop and orders.
  { section: 'orders', href: href.orders(), label: 'nav.orders' },
  { section: 'production', href: href.production(), label: 'nav.production' },
  { section: 'courier', href: href.courier(), label: 'nav.courier' },
  { section: 'shop', href: href.shop(), label: 'nav.shop' },
  { section: 'myOrders', href: href.myOrders(), label: 'nav.myOrders' },
  // Then what a manager runs the shop with, and last what is set up once.
  { section: 'dashboard', href: href.dashboard(), label: 'nav.dashboard' },
  { section: 'stock', href: href.stock(), label: 'nav.stock' },
  { section: 'catalog', href: href.catalog(), label: 'nav.catalog' },
  { section: 'customers', href: href.customers(), label: 'nav.customers' },
  { section: 'subscriptions', href: href.subscriptions(), label: 'nav.subscriptions' },
  { section: 'team', href: href.team(), label: 'nav.team' },
  { section: 'audit', href: href.audit(), label: 'nav.audit' },
  { section: 'checkoutSettings', href: href.checkoutSettings(), label: 'nav.checkoutSettings' },
  { section: 'apiKeys', href: href.apiKeys(), label: 'nav.apiKeys' },
];

/** The sections this role opens; none when that is the order board alone (no bar for one entry). */
export function visibleNavItems(role: ShopRole | undefined): NavItem[] {
  const items = navItems.filter((item) => canOpen(item.section, role));
  return items.length > 1 ? items : [];
}
