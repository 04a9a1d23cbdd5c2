import { Navigate, type RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { RequireSection, RequireSession, RequireShop } from './components/RequireSession/RequireSession';
import { withMessages } from './i18n/i18n';
import { preloadApiKeys } from './pages/ApiKeysPage/api-keys.loader';
import { preloadInvite } from './pages/InvitePage/invite.loader';
import { preloadOrder } from './pages/OrderPage/order.loader';
import { preloadOrders } from './pages/OrdersPage/orders.loader';
import { preloadShopPicker } from './pages/ShopPickerPage/shop-picker.loader';
import { preloadTeam } from './pages/TeamPage/team.loader';
import { href, routePaths } from './route-paths';

const LoginPage = lazy(() => import('./pages/LoginPage/LoginPage'));
const ShopPickerPage = lazy(() => import('./pages/ShopPickerPage/ShopPickerPage'));
const InvitePage = lazy(withMessages(['invite'], () => import('./pages/InvitePage/InvitePage')));
const OrdersPage = lazy(() => import('./pages/OrdersPage/OrdersPage'));
const OrderPage = lazy(withMessages(['order'], () => import('./pages/OrderPage/OrderPage')));
const TeamPage = lazy(withMessages(['team'], () => import('./pages/TeamPage/TeamPage')));
const AuditPage = lazy(withMessages(['audit'], () => import('./pages/AuditPage/AuditPage')));
const ApiKeysPage = lazy(withMessages(['apiKeys', 'team'], () => import('./pages/ApiKeysPage/ApiKeysPage')));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage/NotFoundPage'));

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
        ],
      },
    ],
  },
  { path: '*404', component: NotFoundPage },
] satisfies RouteDefinition[];
