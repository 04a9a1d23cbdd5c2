import { canOpen, type Section, type ShopRole } from '../../auth/access';
import type { MessageKey } from '../../i18n/messages';
import { href } from '../../route-paths';

export interface NavItem {
  section: Section;
  href: string;
  label: MessageKey;
}

/** The shop's sections in the bottom bar, in this order. */
export const navItems: readonly NavItem[] = [
  { section: 'orders', href: href.orders(), label: 'nav.orders' },
  { section: 'team', href: href.team(), label: 'nav.team' },
  { section: 'audit', href: href.audit(), label: 'nav.audit' },
  { section: 'apiKeys', href: href.apiKeys(), label: 'nav.apiKeys' },
  // Customer (issue 12)
  { section: 'shop', href: href.shop(), label: 'nav.shop' },
  { section: 'myOrders', href: href.myOrders(), label: 'nav.myOrders' },
  // Orders and production (issue 13)
  { section: 'production', href: href.production(), label: 'nav.production' },
  // The courier's day (issue 12).
  { section: 'courier', href: href.courier(), label: 'nav.courier' },
  // Back office (issue 13)
  { section: 'dashboard', href: href.dashboard(), label: 'nav.dashboard' },
  { section: 'stock', href: href.stock(), label: 'nav.stock' },
  { section: 'catalog', href: href.catalog(), label: 'nav.catalog' },
  { section: 'customers', href: href.customers(), label: 'nav.customers' },
  { section: 'subscriptions', href: href.subscriptions(), label: 'nav.subscriptions' },
  { section: 'checkoutSettings', href: href.checkoutSettings(), label: 'nav.checkoutSettings' },
];

/** The sections this role opens; none when that is the order board alone (no bar for one entry). */
export function visibleNavItems(role: ShopRole | undefined): NavItem[] {
  const items = navItems.filter((item) => canOpen(item.section, role));
  return items.length > 1 ? items : [];
}
