import {
  Navigate,
  type RouteDefinition,
  type RoutePreloadFunc,
  type RoutePreloadFuncArgs,
} from '@solidjs/router';
import { type Component, lazy, Show } from 'solid-js';
import { homePath, type Section } from './auth/access';
import { activeShopAccess } from './auth/session';
import { RequireSection, RequireSession, RequireShop } from './components/RequireSession/RequireSession';
import { withMessages } from './i18n/i18n';
import { href, orderIdFromParams, routePaths } from './route-paths';

/** A page whose code and message sections (i18n/sections/) load together; see withMessages. */
const page = (sections: readonly string[], load: () => Promise<{ default: Component }>) =>
  lazy(withMessages(sections, load));

const LoginPage = lazy(() => import('./pages/LoginPage/LoginPage'));
const ShopPickerPage = lazy(() => import('./pages/ShopPickerPage/ShopPickerPage'));
const InvitePage = page(['invite'], () => import('./pages/InvitePage/InvitePage'));
const OrdersPage = lazy(() => import('./pages/OrdersPage/OrdersPage'));
const OrderPage = page(['order', 'orders-production'], () => import('./pages/OrderPage/OrderPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage/NotFoundPage'));
// Inside Telegram, a question before the Mini App closes over a cart (customer pages only, so lazy).
const CartClosingConfirmation = lazy(() =>
  import('./features/cart/CartClosingConfirmation').then((m) => ({ default: m.CartClosingConfirmation })),
);

/**
 * A page's loader fetched when its route is first wanted: a loader carries its page's documents, which
 * the first screen has no use for (the 45 KB budget, webapp/README.md). It arrives alongside the page's
 * own chunk, so the data still loads while the page's code does.
 */
function onDemand(load: () => Promise<RoutePreloadFunc>): RoutePreloadFunc {
  return (args) => {
    // The params and query as they are now, while the router is still matching: read later, inside the
    // navigation's transition, they keep the old location's values (see `guarded`).
    const settled = snapshot(args);
    void load().then((preload) => preload(settled));
  };
}

function snapshot({ params, location, intent }: RoutePreloadFuncArgs): RoutePreloadFuncArgs {
  const { pathname, search, hash, state, key, query } = location;
  return {
    intent,
    params: { ...params },
    location: { pathname, search, hash, state, key, query: { ...query } },
  };
}

/**
 * The staff board's pages: a customer who reaches one (an old link, a bot's order link) gets their own
 * view of the same thing instead, never the staff's filters and names.
 */
function staffOrdersPage(Page: Component) {
  return (props: { params: { orderId?: string } }) => (
    <Show
      when={activeShopAccess()?.role !== 'CUSTOMER'}
      fallback={
        <Navigate
          href={props.params.orderId ? href.myOrder(orderIdFromParams(props.params)) : href.myOrders()}
        />
      }
    >
      <Page />
    </Show>
  );
}

type GuardedRoute = [path: string, section: Section, Page: Component, preload?: RoutePreloadFunc];

/**
 * Routes behind their section's guard (auth/access.ts: the guard and the loader both check the role for
 * it). A table, not one JSX block per route: the table is on the first screen, the pages are not.
 */
function guarded(table: readonly GuardedRoute[], Extra?: Component): RouteDefinition[] {
  return table.map(([path, section, Page, preload]) => ({
    path,
    preload: (args) => {
      // Read the path's params now, while the router is still matching: the router makes a memo of
      // each param the first time it is read, and one first read later, inside the navigation's
      // transition (by a loader that arrived on demand, or by the page), keeps the old location's
      // value (none) after the transition ends. Seen as "Not found" on /catalog/:productId.
      for (const [, name] of path.matchAll(/:(\w+)/g)) void args.params[name as string];
      return preload?.(args);
    },
    component: () => (
      <RequireSection section={section}>
        {Extra && <Extra />}
        <Page />
      </RequireSection>
    ),
  }));
}

/**
 * The route table. Paths come from route-paths.ts (links are built there too); each page's loader sits
 * beside the page and is called by the router when a link is hovered or navigation starts, so data
 * loads while the page's code does. A page whose strings are not all in the core names its message
 * sections (i18n/sections/): they load with its code.
 */
export const routes = [
  { path: routePaths.login, component: LoginPage },
  // No session needed: the link says what it offers (or why it cannot be used) before anyone signs in.
  {
    path: routePaths.invite,
    component: InvitePage,
    preload: onDemand(() => import('./pages/InvitePage/invite.loader').then((m) => m.preloadInvite)),
  },
  {
    // Layout routes: no path segment of their own, only a guard around their children.
    path: '',
    component: RequireSession,
    children: [
      {
        path: routePaths.shops,
        component: ShopPickerPage,
        preload: onDemand(() =>
          import('./pages/ShopPickerPage/shop-picker.loader').then((m) => m.preloadShopPicker),
        ),
      },
      {
        path: '',
        component: RequireShop,
        children: [
          // Each role's home (auth/access.ts): the catalog, the day's deliveries, production, the board.
          { path: '/', component: () => <Navigate href={homePath(activeShopAccess()?.role)} /> },
          {
            path: routePaths.orders,
            component: staffOrdersPage(OrdersPage),
            preload: onDemand(() => import('./pages/OrdersPage/orders.loader').then((m) => m.preloadOrders)),
          },
          {
            path: routePaths.order,
            component: staffOrdersPage(OrderPage),
            preload: onDemand(() => import('./pages/OrderPage/order.loader').then((m) => m.preloadOrder)),
          },
          ...guarded([
            [
              routePaths.team,
              'team',
              page(['team'], () => import('./pages/TeamPage/TeamPage')),
              onDemand(() => import('./pages/TeamPage/team.loader').then((m) => m.preloadTeam)),
            ],
            [
              routePaths.audit,
              'audit',
              page(['audit'], () => import('./pages/AuditPage/AuditPage')),
              // The audit filter knows every action's name, which no other screen needs.
              onDemand(() => import('./pages/AuditPage/audit.loader').then((m) => m.preloadAudit)),
            ],
            [
              routePaths.apiKeys,
              'apiKeys',
              page(['apiKeys', 'team'], () => import('./pages/ApiKeysPage/ApiKeysPage')),
              onDemand(() => import('./pages/ApiKeysPage/api-keys.loader').then((m) => m.preloadApiKeys)),
            ],
            // Orders and production (issue 13)
            [
              routePaths.newOrder,
              'newOrder',
              page(['orders-production'], () => import('./pages/NewOrderPage/NewOrderPage')),
              onDemand(() => import('./pages/NewOrderPage/new-order.loader').then((m) => m.preloadNewOrder)),
            ],
            [
              routePaths.production,
              'production',
              page(['orders-production'], () => import('./pages/ProductionPage/ProductionPage')),
              onDemand(() =>
                import('./pages/ProductionPage/production.loader').then((m) => m.preloadProductionQueue),
              ),
            ],
            [
              routePaths.productionTask,
              'production',
              page(['orders-production'], () => import('./pages/ProductionTaskPage/ProductionTaskPage')),
              onDemand(() =>
                import('./pages/ProductionTaskPage/production-task.loader').then(
                  (m) => m.preloadProductionTask,
                ),
              ),
            ],
            // The courier's day (issue 12)
            [
              routePaths.courier,
              'courier',
              page(['courier'], () => import('./pages/CourierPage/CourierPage')),
              onDemand(() => import('./pages/CourierPage/courier.loader').then((m) => m.preloadCourier)),
            ],
            [
              routePaths.courierDelivery,
              'courier',
              page(['courier'], () => import('./pages/CourierDeliveryPage/CourierDeliveryPage')),
              onDemand(() => import('./pages/CourierPage/courier.loader').then((m) => m.preloadCourier)),
            ],
            // Back office (issue 13)
            [
              routePaths.stock,
              'stock',
              page(['back-office'], () => import('./pages/StockPage/StockPage')),
              onDemand(() => import('./pages/StockPage/stock.loader').then((m) => m.preloadStock)),
            ],
            [
              routePaths.catalog,
              'catalog',
              page(['back-office'], () => import('./pages/CatalogPage/CatalogPage')),
              onDemand(() => import('./pages/CatalogPage/catalog.loader').then((m) => m.preloadCatalog)),
            ],
            [
              routePaths.catalogProduct,
              'catalog',
              page(['back-office'], () => import('./pages/CatalogProductPage/CatalogProductPage')),
              onDemand(() =>
                import('./pages/CatalogProductPage/catalog-product.loader').then(
                  (m) => m.preloadCatalogProduct,
                ),
              ),
            ],
            [
              routePaths.customers,
              'customers',
              page(['back-office'], () => import('./pages/CustomersPage/CustomersPage')),
              onDemand(() =>
                import('./pages/CustomersPage/customers.loader').then((m) => m.preloadCustomers),
              ),
            ],
            [
              routePaths.customer,
              'customers',
              page(['back-office'], () => import('./pages/CustomerPage/CustomerPage')),
              onDemand(() => import('./pages/CustomerPage/customer.loader').then((m) => m.preloadCustomer)),
            ],
            [
              routePaths.checkoutSettings,
              'checkoutSettings',
              page(['back-office'], () => import('./pages/CheckoutSettingsPage/CheckoutSettingsPage')),
              onDemand(() =>
                import('./pages/CheckoutSettingsPage/checkout-settings.loader').then(
                  (m) => m.preloadCheckoutSettings,
                ),
              ),
            ],
            [
              routePaths.subscriptions,
              'subscriptions',
              page(['back-office'], () => import('./pages/SubscriptionsPage/SubscriptionsPage')),
              onDemand(() =>
                import('./pages/SubscriptionsPage/subscriptions.loader').then((m) => m.preloadSubscriptions),
              ),
            ],
            [
              routePaths.dashboard,
              'dashboard',
              page(['back-office'], () => import('./pages/DashboardPage/DashboardPage')),
              onDemand(() =>
                import('./pages/DashboardPage/dashboard.loader').then((m) => m.preloadDashboard),
              ),
            ],
          ]),
          // Customer (issue 12): with the close confirmation of a cart that is not empty.
          ...guarded(
            [
              [
                routePaths.shop,
                'shop',
                page(['customer'], () => import('./pages/ShopPage/ShopPage')),
                onDemand(() => import('./pages/ShopPage/shop.loader').then((m) => m.preloadShop)),
              ],
              [
                routePaths.product,
                'shop',
                page(['customer'], () => import('./pages/ProductPage/ProductPage')),
                onDemand(() => import('./pages/ProductPage/product.loader').then((m) => m.preloadProduct)),
              ],
              [routePaths.cart, 'shop', page(['customer'], () => import('./pages/CartPage/CartPage'))],
              [
                routePaths.checkout,
                'shop',
                page(['customer'], () => import('./pages/CheckoutPage/CheckoutPage')),
              ],
              [
                routePaths.myOrders,
                'myOrders',
                page(['customer'], () => import('./pages/MyOrdersPage/MyOrdersPage')),
                onDemand(() =>
                  import('./pages/MyOrdersPage/my-orders.loader').then((m) => m.preloadMyOrders),
                ),
              ],
              [
                routePaths.myOrder,
                'myOrders',
                page(['customer'], () => import('./pages/MyOrderPage/MyOrderPage')),
                onDemand(() => import('./pages/MyOrderPage/my-order.loader').then((m) => m.preloadMyOrder)),
              ],
              [
                routePaths.mySubscription,
                'myOrders',
                page(['customer'], () => import('./pages/MySubscriptionPage/MySubscriptionPage')),
                onDemand(() =>
                  import('./pages/MySubscriptionPage/my-subscription.loader').then(
                    (m) => m.preloadMySubscription,
                  ),
                ),
              ],
            ],
            CartClosingConfirmation,
          ),
        ],
      },
    ],
  },
  { path: '*404', component: NotFoundPage },
] satisfies RouteDefinition[];
