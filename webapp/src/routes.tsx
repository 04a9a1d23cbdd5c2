import { Navigate, type RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { RequireSession, RequireShop } from './components/RequireSession/RequireSession';
import { preloadOrder } from './pages/OrderPage/order.loader';
import { preloadOrders } from './pages/OrdersPage/orders.loader';
import { preloadShopPicker } from './pages/ShopPickerPage/shop-picker.loader';
import { href, routePaths } from './route-paths';

const LoginPage = lazy(() => import('./pages/LoginPage/LoginPage'));
const ShopPickerPage = lazy(() => import('./pages/ShopPickerPage/ShopPickerPage'));
const OrdersPage = lazy(() => import('./pages/OrdersPage/OrdersPage'));
const OrderPage = lazy(() => import('./pages/OrderPage/OrderPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage/NotFoundPage'));

/**
 * The route table. Paths come from route-paths.ts (links are built there too); each page's loader sits
 * beside the page and is called by the router when a link is hovered or navigation starts, so data
 * loads while the page's code does.
 */
export const routes = [
  { path: routePaths.login, component: LoginPage },
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
        ],
      },
    ],
  },
  { path: '*404', component: NotFoundPage },
] satisfies RouteDefinition[];
