import { Navigate, type RouteDefinition, type RoutePreloadFunc } from '@solidjs/router';
import { type Component, type JSX, lazy, Show } from 'solid-js';
import { homePath, type Section } from './auth/access';
import { activeShopAccess } from './auth/session';
import { RequireSection, RequireSession, RequireShop } from './components/RequireSession/RequireSession';
import { CartClosingConfirmation } from './features/cart/CartClosingConfirmation';
import { withMessages } from './i18n/i18n';
import { preloadApiKeys } from './pages/ApiKeysPage/api-keys.loader';
import { preloadInvite } from './pages/InvitePage/invite.loader';
import { preloadOrder } from './pages/OrderPage/order.loader';
import { preloadOrders } from './pages/OrdersPage/orders.loader';
import { preloadShopPicker } from './pages/ShopPickerPage/shop-picker.loader';
import { preloadTeam } from './pages/TeamPage/team.loader';
import { href, orderIdFromParams, routePaths } from './route-paths';

const LoginPage = lazy(() => import('./pages/LoginPage/LoginPage'));
const ShopPickerPage = lazy(() => import('./pages/ShopPickerPage/ShopPickerPage'));
const InvitePage = lazy(withMessages(['invite'], () => import('./pages/InvitePage/InvitePage')));
const OrdersPage = lazy(() => import('./pages/OrdersPage/OrdersPage'));
const OrderPage = lazy(
  withMessages(['order', 'orders-production'], () => import('./pages/OrderPage/OrderPage')),
);
const TeamPage = lazy(withMessages(['team'], () => import('./pages/TeamPage/TeamPage')));
const AuditPage = lazy(withMessages(['audit'], () => import('./pages/AuditPage/AuditPage')));
const ApiKeysPage = lazy(withMessages(['apiKeys', 'team'], () => import('./pages/ApiKeysPage/ApiKeysPage')));
const CourierPage = lazy(withMessages(['courier'], () => import('./pages/CourierPage/CourierPage')));
const CourierDeliveryPage = lazy(
  withMessages(['courier'], () => import('./pages/CourierDeliveryPage/CourierDeliveryPage')),
);
const NotFoundPage = lazy(() => import('./pages/NotFoundPage/NotFoundPage'));
// Customer (issue 12)
const ShopPage = lazy(withMessages(['customer'], () => import('./pages/ShopPage/ShopPage')));
const ProductPage = lazy(withMessages(['customer'], () => import('./pages/ProductPage/ProductPage')));
const CartPage = lazy(withMessages(['customer'], () => import('./pages/CartPage/CartPage')));
const CheckoutPage = lazy(withMessages(['customer'], () => import('./pages/CheckoutPage/CheckoutPage')));
const MyOrdersPage = lazy(withMessages(['customer'], () => import('./pages/MyOrdersPage/MyOrdersPage')));
const MyOrderPage = lazy(withMessages(['customer'], () => import('./pages/MyOrderPage/MyOrderPage')));
const MySubscriptionPage = lazy(
  withMessages(['customer'], () => import('./pages/MySubscriptionPage/MySubscriptionPage')),
);

/** A customer's page, with the close confirmation of a cart that is not empty. */
function customerPage(Page: () => JSX.Element, section: 'shop' | 'myOrders' = 'shop') {
  return () => (
    <RequireSection section={section}>
      <CartClosingConfirmation />
      <Page />
    </RequireSection>
  );
}

/**
 * The staff board's pages: a customer who reaches one (an old link, a bot's order link) gets their own
 * view of the same thing instead, never the staff's filters and names.
 */
function staffOrdersPage(Page: () => JSX.Element) {
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
// Orders and production (issue 13)
const NewOrderPage = lazy(
  withMessages(['orders-production'], () => import('./pages/NewOrderPage/NewOrderPage')),
);
const ProductionPage = lazy(
  withMessages(['orders-production'], () => import('./pages/ProductionPage/ProductionPage')),
);
const ProductionTaskPage = lazy(
  withMessages(['orders-production'], () => import('./pages/ProductionTaskPage/ProductionTaskPage')),
);

// Back office (issue 13)
const StockPage = lazy(withMessages(['back-office'], () => import('./pages/StockPage/StockPage')));
const CatalogPage = lazy(withMessages(['back-office'], () => import('./pages/CatalogPage/CatalogPage')));
const CatalogProductPage = lazy(
  withMessages(['back-office'], () => import('./pages/CatalogProductPage/CatalogProductPage')),
);
const CustomersPage = lazy(
  withMessages(['back-office'], () => import('./pages/CustomersPage/CustomersPage')),
);
const CustomerPage = lazy(withMessages(['back-office'], () => import('./pages/CustomerPage/CustomerPage')));
const CheckoutSettingsPage = lazy(
  withMessages(['back-office'], () => import('./pages/CheckoutSettingsPage/CheckoutSettingsPage')),
);
const SubscriptionsPage = lazy(
  withMessages(['back-office'], () => import('./pages/SubscriptionsPage/SubscriptionsPage')),
);
const DashboardPage = lazy(
  withMessages(['back-office'], () => import('./pages/DashboardPage/DashboardPage')),
);

/**
 * A page's loader fetched when its route is first wanted: a loader carries its page's documents, which
 * the first screen has no use for (the 45 KB budget, webapp/README.md).
 */
function onDemand<Args>(load: () => Promise<(args: Args) => unknown>) {
  return (args: Args) => void load().then((preload) => preload(args));
}

/**
 * The route table. Paths come from route-paths.ts (links are built there too); each page's loader sits
 * beside the page and is called by the router when a link is hovered or navigation starts, so data
 * loads while the page's code does. Back-office pages say which section they are (auth/access.ts):
 * their guard and their loader both check the role for it. A page whose strings are not all in the core
 * names its message sections (i18n/sections/) with withMessages: they load with its code.
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
          // Each role's home (auth/access.ts): the catalog, the day's deliveries, production, the board.
          { path: '/', component: () => <Navigate href={homePath(activeShopAccess()?.role)} /> },
          { path: routePaths.orders, component: staffOrdersPage(OrdersPage), preload: preloadOrders },
          { path: routePaths.order, component: staffOrdersPage(OrderPage), preload: preloadOrder },
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
            // Loaded on demand: the audit filter knows every action's name, which no other screen needs.
            preload: (args) =>
              void import('./pages/AuditPage/audit.loader').then((m) => m.preloadAudit(args)),
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
          // Customer (issue 12)
          {
            path: routePaths.shop,
            component: customerPage(ShopPage),
            preload: onDemand(() => import('./pages/ShopPage/shop.loader').then((m) => m.preloadShop)),
          },
          {
            path: routePaths.product,
            component: customerPage(ProductPage),
            preload: onDemand(() =>
              import('./pages/ProductPage/product.loader').then((m) => m.preloadProduct),
            ),
          },
          { path: routePaths.cart, component: customerPage(CartPage) },
          { path: routePaths.checkout, component: customerPage(CheckoutPage) },
          {
            path: routePaths.myOrders,
            component: customerPage(MyOrdersPage, 'myOrders'),
            preload: onDemand(() =>
              import('./pages/MyOrdersPage/my-orders.loader').then((m) => m.preloadMyOrders),
            ),
          },
          {
            path: routePaths.myOrder,
            component: customerPage(MyOrderPage, 'myOrders'),
            preload: onDemand(() =>
              import('./pages/MyOrderPage/my-order.loader').then((m) => m.preloadMyOrder),
            ),
          },
          {
            path: routePaths.mySubscription,
            component: customerPage(MySubscriptionPage, 'myOrders'),
            preload: onDemand(() =>
              import('./pages/MySubscriptionPage/my-subscription.loader').then(
                (m) => m.preloadMySubscription,
              ),
            ),
          },
          // Orders and production (issue 13)
          {
            path: routePaths.newOrder,
            component: () => (
              <RequireSection section="newOrder">
                <NewOrderPage />
              </RequireSection>
            ),
            preload: onDemand(() =>
              import('./pages/NewOrderPage/new-order.loader').then((m) => m.preloadNewOrder),
            ),
          },
          {
            path: routePaths.production,
            component: () => (
              <RequireSection section="production">
                <ProductionPage />
              </RequireSection>
            ),
            preload: onDemand(() =>
              import('./pages/ProductionPage/production.loader').then((m) => m.preloadProductionQueue),
            ),
          },
          {
            path: routePaths.productionTask,
            component: () => (
              <RequireSection section="production">
                <ProductionTaskPage />
              </RequireSection>
            ),
            preload: onDemand(() =>
              import('./pages/ProductionTaskPage/production-task.loader').then(
                (m) => m.preloadProductionTask,
              ),
            ),
          },
          // The courier's day (issue 12).
          {
            path: routePaths.courier,
            component: () => (
              <RequireSection section="courier">
                <CourierPage />
              </RequireSection>
            ),
            preload: onDemand(() =>
              import('./pages/CourierPage/courier.loader').then((m) => m.preloadCourier),
            ),
          },
          {
            path: routePaths.courierDelivery,
            component: () => (
              <RequireSection section="courier">
                <CourierDeliveryPage />
              </RequireSection>
            ),
            preload: onDemand(() =>
              import('./pages/CourierPage/courier.loader').then((m) => m.preloadCourier),
            ),
          },
          // Back office (issue 13)
          ...backOffice([
            [
              routePaths.stock,
              'stock',
              StockPage,
              onDemand(() => import('./pages/StockPage/stock.loader').then((m) => m.preloadStock)),
            ],
            [
              routePaths.catalog,
              'catalog',
              CatalogPage,
              onDemand(() => import('./pages/CatalogPage/catalog.loader').then((m) => m.preloadCatalog)),
            ],
            [
              routePaths.catalogProduct,
              'catalog',
              CatalogProductPage,
              onDemand(() =>
                import('./pages/CatalogProductPage/catalog-product.loader').then(
                  (m) => m.preloadCatalogProduct,
                ),
              ),
            ],
            [
              routePaths.customers,
              'customers',
              CustomersPage,
              onDemand(() =>
                import('./pages/CustomersPage/customers.loader').then((m) => m.preloadCustomers),
              ),
            ],
            [
              routePaths.customer,
              'customers',
              CustomerPage,
              onDemand(() => import('./pages/CustomerPage/customer.loader').then((m) => m.preloadCustomer)),
            ],
            [
              routePaths.checkoutSettings,
              'checkoutSettings',
              CheckoutSettingsPage,
              onDemand(() =>
                import('./pages/CheckoutSettingsPage/checkout-settings.loader').then(
                  (m) => m.preloadCheckoutSettings,
                ),
              ),
            ],
            [
              routePaths.subscriptions,
              'subscriptions',
              SubscriptionsPage,
              onDemand(() =>
                import('./pages/SubscriptionsPage/subscriptions.loader').then((m) => m.preloadSubscriptions),
              ),
            ],
            [
              routePaths.dashboard,
              'dashboard',
              DashboardPage,
              onDemand(() =>
                import('./pages/DashboardPage/dashboard.loader').then((m) => m.preloadDashboard),
              ),
            ],
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
