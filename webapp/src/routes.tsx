import { Navigate, type RouteDefinition, type RoutePreloadFunc } from '@solidjs/router';
import { type Component, lazy } from 'solid-js';
import type { Section } from './auth/access';
import { RequireSection, RequireSession, RequireShop } from './components/RequireSession/RequireSession';
import { preloadApiKeys } from './pages/ApiKeysPage/api-keys.loader';
import { preloadAudit } from './pages/AuditPage/audit.loader';
import { preloadCatalog } from './pages/CatalogPage/catalog.loader';
import { preloadCheckoutSettings } from './pages/CheckoutSettingsPage/checkout-settings.loader';
import { preloadCustomer } from './pages/CustomerPage/customer.loader';
import { preloadCustomers } from './pages/CustomersPage/customers.loader';
import { preloadDashboard } from './pages/DashboardPage/dashboard.loader';
import { preloadInvite } from './pages/InvitePage/invite.loader';
import { preloadOrder } from './pages/OrderPage/order.loader';
import { preloadOrders } from './pages/OrdersPage/orders.loader';
import { preloadProduct } from './pages/ProductPage/product.loader';
import { preloadShopPicker } from './pages/ShopPickerPage/shop-picker.loader';
import { preloadStock } from './pages/StockPage/stock.loader';
import { preloadSubscriptions } from './pages/SubscriptionsPage/subscriptions.loader';
import { preloadTeam } from './pages/TeamPage/team.loader';
import { href, routePaths } from './route-paths';

const LoginPage = lazy(() => import('./pages/LoginPage/LoginPage'));
const ShopPickerPage = lazy(() => import('./pages/ShopPickerPage/ShopPickerPage'));
const InvitePage = lazy(() => import('./pages/InvitePage/InvitePage'));
const OrdersPage = lazy(() => import('./pages/OrdersPage/OrdersPage'));
const OrderPage = lazy(() => import('./pages/OrderPage/OrderPage'));
const TeamPage = lazy(() => import('./pages/TeamPage/TeamPage'));
const AuditPage = lazy(() => import('./pages/AuditPage/AuditPage'));
const ApiKeysPage = lazy(() => import('./pages/ApiKeysPage/ApiKeysPage'));
// Back office (issue 13)
const StockPage = lazy(() => import('./pages/StockPage/StockPage'));
const CatalogPage = lazy(() => import('./pages/CatalogPage/CatalogPage'));
const ProductPage = lazy(() => import('./pages/ProductPage/ProductPage'));
const CustomersPage = lazy(() => import('./pages/CustomersPage/CustomersPage'));
const CustomerPage = lazy(() => import('./pages/CustomerPage/CustomerPage'));
const CheckoutSettingsPage = lazy(() => import('./pages/CheckoutSettingsPage/CheckoutSettingsPage'));
const SubscriptionsPage = lazy(() => import('./pages/SubscriptionsPage/SubscriptionsPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage/DashboardPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage/NotFoundPage'));

/**
 * The route table. Paths come from route-paths.ts (links are built there too); each page's loader sits
 * beside the page and is called by the router when a link is hovered or navigation starts, so data
 * loads while the page's code does. Back-office pages say which section they are (auth/access.ts):
 * their guard and their loader both check the role for it.
 */
export const routes = [
  { path: routePaths.login, component: LoginPage },
  // No session needed: the link says what it offers (or why it cannot be used) before anyone signs in.
  { path: routePaths.invite, component: InvitePage, preload: preloadInvite },
  {
    // Layout routes: no path segment of their own, only a guard around their children.
    path: '',
    component: RequireSession,
    children: [
      { path: routePaths.shops, component: ShopPickerPage, preload: preloadShopPicker },
      {
        path: '',
        component: RequireShop,
        children: [
          { path: '/', component: () => <Navigate href={href.orders()} /> },
          { path: routePaths.orders, component: OrdersPage, preload: preloadOrders },
          { path: routePaths.order, component: OrderPage, preload: preloadOrder },
          {
            path: routePaths.team,
            component: () => (
              <RequireSection section="team">
                <TeamPage />
              </RequireSection>
            ),
            preload: preloadTeam,
          },
          {
            path: routePaths.audit,
            component: () => (
              <RequireSection section="audit">
                <AuditPage />
              </RequireSection>
            ),
            preload: preloadAudit,
          },
          {
            path: routePaths.apiKeys,
            component: () => (
              <RequireSection section="apiKeys">
                <ApiKeysPage />
              </RequireSection>
            ),
            preload: preloadApiKeys,
          },
          // Back office (issue 13)
          ...backOffice([
            [routePaths.stock, 'stock', StockPage, preloadStock],
            [routePaths.catalog, 'catalog', CatalogPage, preloadCatalog],
            [routePaths.product, 'catalog', ProductPage, preloadProduct],
            [routePaths.customers, 'customers', CustomersPage, preloadCustomers],
            [routePaths.customer, 'customers', CustomerPage, preloadCustomer],
            [routePaths.checkoutSettings, 'checkoutSettings', CheckoutSettingsPage, preloadCheckoutSettings],
            [routePaths.subscriptions, 'subscriptions', SubscriptionsPage, preloadSubscriptions],
            [routePaths.dashboard, 'dashboard', DashboardPage, preloadDashboard],
          ]),
        ],
      },
    ],
  },
  { path: '*404', component: NotFoundPage },
] satisfies RouteDefinition[];

/** Back-office routes (issue 13): each page behind its section's guard, as the routes above are. */
function backOffice(
  table: [path: string, section: Section, Page: Component, preload: RoutePreloadFunc][],
): RouteDefinition[] {
  return table.map(([path, section, Page, preload]) => ({
    path,
    component: () => (
      <RequireSection section={section}>
        <Page />
      </RequireSection>
    ),
    preload,
  }));
}
